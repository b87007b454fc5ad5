/**
 * Where the SQLite stores' time goes, statement by statement, in a real run: orders-in (5-line 850s), invoices-out
 * (3-line invoices behind 850s that orders-in brought in, untimed), asns-out (validated deliveries behind such 850s) or
 * acks-out (such orders allocated) with the SQLite stores on tmpfs, C = 8 and 20 ms on every route, as the side-by-side
 * measures run them:
 *
 *   cd packages/benchmarks
 *   FLOW=invoices-out node --conditions=ml-connector-source --import tsx src/profile/sqlite-statements.ts
 *
 * FLOW (orders-in, invoices-out, asns-out or acks-out; default orders-in), PROFILE_DOCS per run (default 400),
 * PROFILE_WARM warm-up runs of PROFILE_DOCS before the timed one (default 3: V8 optimises the code over its first
 * thousand documents or so).
 * Prints the timed run's CPU per document, then one line per statement, most time first: microseconds and calls per
 * document, apart for the calls made inside a transaction (the group commit's open one) and those made alone (the
 * statement its own transaction, taking and dropping SQLite's locks). Every statement's `run`, `get`, `all` and
 * `iterate` is timed with the monotonic clock (better-sqlite3 is synchronous: the call's wall time is the main
 * thread's time in it, unless the machine preempted the process meanwhile), and the timing adds well under a
 * microsecond per call. `COMMIT` is where a transaction's pages are written to the WAL (two write system calls per
 * page) and fsynced; `BEGIN IMMEDIATE` takes the write lock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import Database from "better-sqlite3";
import { batchConnectorOptions, batchFlowOf, checkBatch, stageBatch } from "../support/flow-batch.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";
import { timed } from "../support/timed.js";

const flow = batchFlowOf(process.env.FLOW);
const documents = Number(process.env.PROFILE_DOCS ?? 400);
const warmRuns = Number(process.env.PROFILE_WARM ?? 3);

/** Per statement (`[where] method SQL`): microseconds and calls, while `timing` is on. */
const statements = new Map<string, { micros: number; calls: number }>();
/** Each statement's SQL on one line, made once. */
const sqlOf = new WeakMap<object, string>();
let timing = false;
{
  // Every statement of every connection shares better-sqlite3's Statement prototype: wrapping its methods there
  // times the stores' statements without touching the stores.
  const probe = new Database(":memory:");
  const prototype = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
  probe.close();
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = prototype[method] as (...args: unknown[]) => unknown;
    prototype[method] = function (this: { source: string; database: { inTransaction: boolean } }, ...args: unknown[]) {
      if (!timing) return original.apply(this, args);
      // Alone, a statement is its own transaction: it takes and drops SQLite's locks itself.
      const where = this.database.inTransaction ? "[in a transaction] " : "[alone] ";
      const start = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const micros = Number(process.hrtime.bigint() - start) / 1000;
        let sql = sqlOf.get(this);
        if (sql === undefined) {
          sql = this.source.replace(/\s+/g, " ").trim();
          sqlOf.set(this, sql);
        }
        const key = `${where}${method} ${sql}`;
        const entry = statements.get(key);
        if (entry === undefined) statements.set(key, { micros, calls: 1 });
        else {
          entry.micros += micros;
          entry.calls += 1;
        }
      }
    };
  }
}

const dir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "profile-sqlite-statements-"));
const stores = createSqliteStores({ path: join(dir, "state.sqlite") });
const sandboxes = await startRemoteSandboxes();
try {
  const { connector } = createBenchConnector(sandboxes.addresses, {
    concurrency: 8,
    stores,
    ...batchConnectorOptions(flow),
  });
  const run = async (tag: string, measured: boolean) => {
    await stageBatch(flow, sandboxes, connector, documents, tag);
    // Only the run itself: not the set-up's orders-in of an outbound flow.
    timing = measured;
    const result = await timed(() => connector.runOnce(flow)).finally(() => {
      timing = false;
    });
    checkBatch(flow, result.value.outcomes, documents);
    return result;
  };
  for (let index = 0; index < warmRuns; index++) await run(`W${index}`, false);
  const result = await run("T", true);
  const perDocument = (value: number) => Number((value / documents).toFixed(2));
  process.stdout.write(
    `${JSON.stringify({ flow, documents, cpuMsPerDoc: Number((result.cpuMs / documents).toFixed(3)) })}\n`,
  );
  let total = 0;
  for (const [statement, { micros, calls }] of [...statements].sort((a, b) => b[1].micros - a[1].micros)) {
    total += micros;
    process.stdout.write(
      `${String(perDocument(micros)).padStart(8)} us ${String(perDocument(calls)).padStart(6)} calls  ${statement.slice(0, 110)}\n`,
    );
  }
  process.stdout.write(`${String(perDocument(total)).padStart(8)} us in all statements per document\n`);
} finally {
  await stores.close();
  await sandboxes.close();
  rmSync(dir, { recursive: true, force: true });
}
