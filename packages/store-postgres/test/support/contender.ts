// A child process that competes with others for one PostgreSQL schema (see ../concurrency/processes.test.ts).
// Usage: node --conditions=ml-connector-source --import tsx contender.ts <database url> <schema> <name> <rounds>
// Opens the store (all of them at once on a fresh schema: the migration race too), prints "ready", starts when a line
// arrives on stdin, then prints its results as JSON.
import { setTimeout as sleep } from "node:timers/promises";
import { createPostgresStores } from "../../src/index.js";

const [url, schema, name, roundsText] = process.argv.slice(2);
if (url === undefined || schema === undefined || name === undefined || roundsText === undefined) {
  throw new Error("usage: contender <url> <schema> <name> <rounds>");
}
const rounds = Number(roundsText);
const stores = await createPostgresStores({ connectionString: url, schema, poolSize: 4 });
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
process.stdin.pause();

const serials: number[] = [];
const started: string[] = [];
const holds: [number, number][] = [];
for (let i = 0; i < rounds; i++) {
  serials.push(await stores.sequences.next("sscc"));
  const begun = await stores.audit.beginEffect(`effect-${i}`, { operation: "create", owner: name });
  if (begun.outcome === "started") started.push(begun.effect.key);
  const handle = await stores.locks.acquire("flow:orders-in", { ttlMs: 10_000, owner: name });
  if (handle !== undefined) {
    const from = Date.now();
    await sleep(2);
    holds.push([from, Date.now()]);
    if (!(await stores.locks.release(handle))) throw new Error("lost the lock while holding it");
  }
}
await stores.close();
process.stdout.write(`${JSON.stringify({ name, serials, started, holds })}\n`);
