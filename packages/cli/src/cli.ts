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

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin.isTTY ? process.stdin : undefined,
  signal: controller.signal,
});
