import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import type { ConnectorStores } from "../ports/stores.js";

// Several processes on one store: each takes serials, begins effects and holds the flow lock, all at once. A store
// shared by processes (a file, a database) must give out every serial once, start each effect once and never let two
// hold the lock together.

/** What one contender process did. */
export interface ContenderResult {
  name: string;
  /** The serials it took. */
  serials: number[];
  /** The effects it started (the others found them begun). */
  started: string[];
  /** When it held the flow lock: [from, to] in epoch milliseconds. */
  holds: [number, number][];
}

/**
 * The body of a contender process, on stores it has just opened: says "ready" on stdout, starts when a line arrives on
 * stdin, then `rounds` times takes a serial, begins an effect and holds the flow lock a moment; prints its result as
 * JSON and closes the stores.
 */
export async function contend(stores: ConnectorStores, name: string, rounds: number): Promise<void> {
  // Start together, so the processes really contend.
  process.stdout.write("ready\n");
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  process.stdin.pause();
  const result: ContenderResult = { name, serials: [], started: [], holds: [] };
  for (let i = 0; i < rounds; i++) {
    result.serials.push(await stores.sequences.next("sscc"));
    const begun = await stores.audit.beginEffect(`effect-${i}`, { operation: "create", owner: name });
    if (begun.outcome === "started") result.started.push(begun.effect.key);
    const handle = await stores.locks.acquire("flow:orders-in", { ttlMs: 10_000, owner: name });
    if (handle !== undefined) {
      const from = Date.now();
      await sleep(2);
      result.holds.push([from, Date.now()]);
      if (!(await stores.locks.release(handle))) throw new Error("lost the lock while holding it");
    }
  }
  await stores.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Starts one contender process per name (`argv(name)`: the command line after the Node executable, e.g. a script that
 * opens the stores and calls `contend`), lets them go at once when all are ready, and returns what each did.
 */
export async function runContenders(
  names: readonly string[],
  argv: (name: string) => string[],
  cwd: string,
): Promise<ContenderResult[]> {
  const children = names.map((name) => {
    const child = spawn(process.execPath, argv(name), { cwd, stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    const ready = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: string) => {
        out += chunk;
        if (out.includes("ready\n")) resolve();
      });
    });
    const done = new Promise<ContenderResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code) => {
        if (code !== 0) reject(new Error(`${name} exited with ${code}`));
        else resolve(JSON.parse(out.slice(out.indexOf("ready\n") + "ready\n".length)) as ContenderResult);
      });
    });
    return { child, ready, done };
  });
  // A child that dies before it is ready fails the test instead of hanging it.
  await Promise.all(children.map((c) => Promise.race([c.ready, c.done.then(() => undefined)])));
  for (const { child } of children) child.stdin.end("go\n");
  return Promise.all(children.map((c) => c.done));
}

/**
 * Asserts what contenders of `rounds` rounds each must show: every serial given out once, each effect started by one
 * of them, lock holds that never overlap, and that they did contend (some process's serials are not one block).
 */
export function expectFairContention(results: readonly ContenderResult[], rounds: number): void {
  const serials = results.flatMap((r) => r.serials).sort((a, b) => a - b);
  expect(serials).toEqual(Array.from({ length: results.length * rounds }, (_, i) => i + 1));
  expect(results.some((r) => Math.max(...r.serials) - Math.min(...r.serials) + 1 > rounds)).toBe(true);
  const started = results.flatMap((r) => r.started);
  expect(started).toHaveLength(rounds);
  expect(new Set(started).size).toBe(rounds);
  const holds = results.flatMap((r) => r.holds).sort((a, b) => a[0] - b[0]);
  expect(holds.length).toBeGreaterThan(0);
  for (let i = 1; i < holds.length; i++) expect(holds[i]![0]).toBeGreaterThanOrEqual(holds[i - 1]![1]);
}
