import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { forkWithCalls } from "./child-calls.js";
import type { HostRequest } from "./sandbox-host.js";

export interface RemoteSandboxes {
  addresses: SandboxClientSettings;
  call<T = unknown>(request: HostRequest): Promise<T>;
  requests(): Promise<{ total: number; byRoute: Record<string, number> }>;
  /** The sandboxes' process's CPU time so far (ms, user + system). */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

/** Starts both sandboxes in a child process (with this process's Node flags: the same loader and export conditions). */
export async function startRemoteSandboxes(): Promise<RemoteSandboxes> {
  const host = await forkWithCalls<HostRequest, SandboxClientSettings>(new URL("./sandbox-host.ts", import.meta.url), {
    name: "sandbox host",
  });
  return {
    addresses: host.ready,
    call: host.call,
    requests: () => host.call({ op: "requests" }),
    cpuMs: () => host.call<number>({ op: "cpu" }),
    close: host.close,
  };
}
