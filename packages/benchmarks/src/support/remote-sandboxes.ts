import { type ChildProcess, fork } from "node:child_process";
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import type { HostMessage, HostRequest } from "./sandbox-host.js";

export interface RemoteSandboxes {
  addresses: SandboxClientSettings;
  call<T = unknown>(request: HostRequest): Promise<T>;
  requests(): Promise<{ total: number; byRoute: Record<string, number> }>;
  /** The sandboxes' process's CPU time so far (ms, user + system). */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

/** Starts both sandboxes in a child process (same loader as this one: tsx with the source condition). */
export async function startRemoteSandboxes(): Promise<RemoteSandboxes> {
  const child: ChildProcess = fork(new URL("./sandbox-host.ts", import.meta.url), [], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const addresses = await new Promise<SandboxClientSettings>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`sandbox host exited (${code}) before it was ready`)));
    child.on("message", (message: { ready?: SandboxClientSettings; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) return resolve(message.ready);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`sandbox host: ${message.error}`));
      else waiting.resolve(message.result);
    });
  });
  const call = <T>(request: HostRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, request } satisfies HostMessage);
    });
  return {
    addresses,
    call,
    requests: () => call({ op: "requests" }),
    cpuMs: () => call<number>({ op: "cpu" }),
    async close() {
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await call({ op: "close" });
      await exited;
    },
  };
}
