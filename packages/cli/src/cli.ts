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

runCli(process.argv.slice(2), {
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
