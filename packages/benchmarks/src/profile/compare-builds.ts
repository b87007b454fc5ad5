/**
 * orders-in of two checkouts in one process, alternated round by round against the same sandboxes: an A/B of two
 * builds that the machine's load hits alike. Separate processes measured one after the other swing by ±20 % on a
 * shared machine; alternating in one process resolves a difference of a few percent.
 *
 *   cd packages/benchmarks
 *   COMPARE_WITH=/path/to/other/checkout STORE=memory node --import tsx src/profile/compare-builds.ts
 *
 * Each side runs its own checkout's packages as built (build both first). The other checkout needs its dependencies
 * installed and its benchmarks package to have the same support modules. STORE memory or sqlite (default memory,
 * SQLite on tmpfs), ROUNDS (default 10), DOCS per round (default 400). Each round runs both sides, the order swapped
 * every round. Prints every round's CPU ms per 850, then one JSON line: the means, the median difference (this
 * checkout minus the other) and in how many rounds this checkout was lower. FLOW=invoices-out times invoices-out
 * instead (CPU ms per 810, look-back 0 as the bare-invoices measure runs it): each side then has a sandboxes process of
 * its own (whoever reads X3's change window sees every invoice posted in it), and its 850s reach X3 and are invoiced
 * untimed, without latency, before each timed run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as thisStoreSqlite from "@ml-connector/store-sqlite";
import * as thisSyncCore from "@ml-connector/sync-core";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import * as thisSystems from "../support/systems.js";

type Side = "this" | "other";
interface Build {
  systems: typeof thisSystems;
  syncCore: typeof thisSyncCore;
  storeSqlite: typeof thisStoreSqlite;
}

const otherRoot = process.env.COMPARE_WITH;
if (!otherRoot) throw new Error("COMPARE_WITH must name the other checkout (its root folder)");
const store = process.env.STORE ?? "memory";
if (store !== "memory" && store !== "sqlite") throw new Error("STORE must be memory or sqlite");
const documents = Number(process.env.DOCS ?? 400);
const rounds = Number(process.env.ROUNDS ?? 10);
const flow = process.env.FLOW ?? "orders-in";
if (flow !== "orders-in" && flow !== "invoices-out") throw new Error("FLOW must be orders-in or invoices-out");

// The other checkout's modules, resolved from its own benchmarks package (its node_modules link its built packages).
const otherBenchmarks = join(otherRoot, "packages/benchmarks");
const other: Build = {
  systems: await import(join(otherBenchmarks, "src/support/systems.ts")),
  syncCore: await import(join(otherBenchmarks, "node_modules/@ml-connector/sync-core/dist/index.js")),
  storeSqlite: await import(join(otherBenchmarks, "node_modules/@ml-connector/store-sqlite/dist/index.js")),
};
const builds: Record<Side, Build> = {
  this: { systems: thisSystems, syncCore: thisSyncCore, storeSqlite: thisStoreSqlite },
  other,
};

const sandboxes = await startRemoteSandboxes();
const sandboxesOf = { this: sandboxes, other: flow === "invoices-out" ? await startRemoteSandboxes() : sandboxes };
const dir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-compare-"));
const connect = (side: Side) => {
  const { systems, syncCore, storeSqlite } = builds[side];
  const stores =
    store === "sqlite"
      ? storeSqlite.createSqliteStores({ path: join(dir, `${side}.sqlite`) })
      : syncCore.createMemoryStores();
  // invoices-out: the clocks run a minute ahead of X3's, so the invoices just posted are past the safety lag.
  const outbound = flow === "invoices-out" ? { now: () => new Date(Date.now() + 60_000), lookbackMs: 0 } : undefined;
  const { connector } = systems.createBenchConnector(sandboxesOf[side].addresses, { concurrency: 8, stores, outbound });
  return { stores, connector };
};
const sides = { this: connect("this"), other: connect("other") };
let tag = 0;
const run = async (side: Side, count: number) => {
  if (flow === "invoices-out") return runInvoices(side, count);
  await sandboxes.call({ op: "fill", count, lines: 5, tag: `${side === "this" ? "T" : "O"}${tag++}` });
  const start = process.cpuUsage();
  const { outcomes } = await sides[side].connector.runOnce("orders-in");
  const cpu = process.cpuUsage(start);
  if ((outcomes.created ?? 0) !== count) throw new Error(`${side}: orders-in created ${outcomes.created} of ${count}`);
  return (cpu.user + cpu.system) / 1000 / count;
};
const runInvoices = async (side: Side, count: number) => {
  const host = sandboxesOf[side];
  const { connector } = sides[side];
  await host.call({ op: "setLatency", ms: 0 });
  await host.call({ op: "fill", count, lines: 3, tag: `${side === "this" ? "T" : "O"}${tag++}` });
  const created = (await connector.runOnce("orders-in")).outcomes.created ?? 0;
  if (created !== count) throw new Error(`${side}: orders-in created ${created} of ${count}`);
  await host.call({ op: "invoiceAllOrders" });
  await host.call({ op: "setLatency", ms: 20 });
  const start = process.cpuUsage();
  const { outcomes } = await connector.runOnce("invoices-out");
  const cpu = process.cpuUsage(start);
  if ((outcomes.posted ?? 0) !== count) throw new Error(`${side}: invoices-out posted ${outcomes.posted} of ${count}`);
  return (cpu.user + cpu.system) / 1000 / count;
};

try {
  if (flow === "orders-in") await sandboxes.call({ op: "setLatency", ms: 20 });
  // Warm-up: tokens, sockets and the JIT of both builds.
  for (let index = 0; index < 3; index++) {
    await run("this", 200);
    await run("other", 200);
  }
  const figures: Record<Side, number[]> = { this: [], other: [] };
  for (let round = 0; round < rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ["this", "other"] : ["other", "this"];
    for (const side of order) figures[side].push(await run(side, documents));
    process.stdout.write(
      `round ${round + 1}: this ${figures.this[round]?.toFixed(3)} other ${figures.other[round]?.toFixed(3)} ms per ${flow === "orders-in" ? 850 : 810}\n`,
    );
  }
  const differences = figures.this.map((value, round) => value - (figures.other[round] as number));
  const sorted = [...differences].sort((a, b) => a - b);
  const median =
    sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const ms = (value: number) => Number(value.toFixed(3));
  process.stdout.write(
    `${JSON.stringify({
      flow,
      store,
      documents,
      rounds,
      thisMean: ms(mean(figures.this)),
      otherMean: ms(mean(figures.other)),
      medianDifference: ms(median as number),
      thisLower: `${differences.filter((difference) => difference < 0).length}/${rounds}`,
    })}\n`,
  );
} finally {
  for (const side of Object.values(sides)) await side.stores.close?.();
  rmSync(dir, { recursive: true, force: true });
  await sandboxes.close();
  if (sandboxesOf.other !== sandboxes) await sandboxesOf.other.close();
}
