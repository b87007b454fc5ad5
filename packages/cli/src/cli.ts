#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// SIGINT/SIGTERM abort the signal: sync finishes the documents in hand, sandbox and auth close their servers.
// A second Ctrl-C exits at once.
const controller = new AbortController();
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    controller.abort(new Error(`received ${signal}`));
  });
}

// `ml-connector audit list | head`: the reader went away; stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Run from source through the package's "ml-connector" script (pnpm --filter @ml-connector/cli ml-connector ...),
// pnpm starts us in packages/cli: relative paths are meant from where the user typed the command (INIT_CWD).
const fromScript = process.env.npm_lifecycle_event === "ml-connector" && process.env.INIT_CWD;

runCli(process.argv.slice(2), {
  cwd: fromScript || process.cwd(),
  // Read only by `auth sage-x3` (a pasted callback address); released at the end so the process can exit.
  stdin: process.stdin,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    process.stdin.destroy();
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 4;
  },
);
