/**
 * The bench's long-lived child processes (the sandboxes, the side-by-side measures' contenders), driven by requests
 * over Node's IPC channel: the parent's `call({ op, ... })` resolves with what the child's handler returned for it.
 * This module loads nothing else: a contender's process imports it and must hold no sandbox code.
 */
import { type ChildProcess, fork } from "node:child_process";

/** A request to a child: `close` is every child's last (it answers, then exits). */
export type ChildRequest = { op: string };

interface CallMessage<Request> {
  id: number;
  request: Request;
}

interface ReplyMessage {
  ready?: unknown;
  id?: number;
  result?: unknown;
  error?: string;
}

export interface ChildCalls<Request extends ChildRequest, Ready> {
  /** What the child sent once it was ready to take requests. */
  ready: Ready;
  call<T = unknown>(request: Request): Promise<T>;
  /** Sends `close` and waits for the child to exit. */
  close(): Promise<void>;
}

/**
 * Starts `module` in a child process with this process's Node flags (the same loader and export conditions: it
 * resolves the workspace's packages as this process does) and waits for it to be ready.
 */
export async function forkWithCalls<Request extends ChildRequest, Ready>(
  module: URL,
  options: { name: string; env?: NodeJS.ProcessEnv | undefined },
): Promise<ChildCalls<Request, Ready>> {
  const child: ChildProcess = fork(module, [], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    ...(options.env ? { env: options.env } : {}),
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${options.name} exited (${code}) before it was ready`)));
    child.on("message", (message: ReplyMessage) => {
      if (message.ready !== undefined) return resolve(message.ready as Ready);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${options.name}: ${message.error}`));
      else waiting.resolve(message.result);
    });
  });
  // A child that dies (a crash, out of memory, killed) fails the calls it was answering and any made later, instead
  // of leaving the bench waiting for ever.
  let exitedWith: Error | undefined;
  child.removeAllListeners("exit");
  child.once("exit", (code, signal) => {
    exitedWith = new Error(`${options.name} exited (${signal ?? code})`);
    for (const waiting of pending.values()) waiting.reject(exitedWith);
    pending.clear();
  });
  const call = <T>(request: Request): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exitedWith) return reject(exitedWith);
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, request } satisfies CallMessage<Request>);
    });
  return {
    ready,
    call,
    async close() {
      if (exitedWith) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // The child answers `close`, then exits: an exit seen before the answer is the same outcome.
      await call({ op: "close" } as Request).catch(() => undefined);
      await exited;
    },
  };
}

/**
 * The child's side: answers each request with `handle`'s result (or its error), and after answering `close` (once
 * `handle` has released what it held) exits. Sends `ready` first.
 */
export function serveCalls<Request extends ChildRequest>(
  handle: (request: Request) => Promise<unknown>,
  ready: unknown,
): void {
  process.on("message", (message: CallMessage<Request>) => {
    handle(message.request).then(
      (result) => {
        process.send?.({ id: message.id, result });
        if (message.request.op === "close") setImmediate(() => process.exit(0));
      },
      (error: unknown) =>
        process.send?.({ id: message.id, error: error instanceof Error ? error.stack : String(error) }),
    );
  });
  // The bench went away (an error, Ctrl-C): do not outlive it.
  process.on("disconnect", () => process.exit(0));
  process.send?.({ ready });
}
