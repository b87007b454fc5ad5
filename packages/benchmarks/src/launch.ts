/**
 * `pnpm bench`'s entry. The measures run the connector as users do, the workspace's packages as built (`dist/`; the
 * root `bench` scripts build them first, and a missing or stale build is refused), or with `BENCH_CONNECTOR=source`
 * their TypeScript sources through tsx (no build needed; tsx's wrappers and loader cost CPU and memory that a user's
 * connector does not carry, so the numbers are not the ones the goals are judged on). Every process a measure starts
 * (the sandboxes, the scale measure's connector) inherits the choice through Node's flags.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { assertFreshBuild, SOURCE_CONDITION } from "./support/connector-build.js";

const mode = process.env.BENCH_CONNECTOR ?? "built";
if (mode !== "built" && mode !== "source") throw new Error(`BENCH_CONNECTOR must be built or source, not "${mode}"`);

if (mode === "built") {
  // Re-rendering the page from the kept results measures nothing: no build needed.
  if (process.env.BENCH_MEASURES !== "none") assertFreshBuild();
  await import("./main.js");
} else {
  // An export condition is a Node flag, read when the process starts: the sources need a process of their own.
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, SOURCE_CONDITION, main, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
