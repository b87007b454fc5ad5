/**
 * invoices-out alone against the sandboxes (in their own process), for a CPU profile of the connector:
 *
 *   cd packages/benchmarks
 *   PROFILE_CPU_DIR=/tmp/prof node --conditions=ml-connector-source --import tsx src/profile/invoices-out.ts
 *
 * Each run posts PROFILE_DOCS invoices (default 200, 3 lines) behind as many 850s (untimed, no latency), then one
 * invoices-out run with the memory stores (PROFILE_STORE=sqlite: SQLite on tmpfs, as the bench's contender), C = PROFILE_C (default 8) and PROFILE_LATENCY_MS (default 20) on every
 * request, look-back 0 (as the bare-invoices measure runs it). PROFILE_RUNS (default 3) timed runs after a warm-up.
 * Prints the connector's CPU ms per 810 (process.cpuUsage), the requests and the audit-store calls (by method) per 810
 * of each timed run. With
 * PROFILE_CPU_DIR, V8's CPU profiler runs during the timed runs only (not the set-up's orders-in) and writes one
 * `invoices-out-<run>.cpuprofile` per run there; with PROFILE_HEAP_DIR, V8's sampling heap profiler records every
 * allocation of the timed runs (collected or not) and writes `invoices-out-<run>.heapprofile` there.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { createMemoryStores } from "@ml-connector/sync-core";
import { postInvoices } from "../measures/bare-invoices.js";
import { clockAhead } from "../support/bare-clients.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { countAuditCalls, createBenchConnector } from "../support/systems.js";
import { timed } from "../support/timed.js";

const documents = Number(process.env.PROFILE_DOCS ?? 200);
const concurrency = Number(process.env.PROFILE_C ?? 8);
const latencyMs = Number(process.env.PROFILE_LATENCY_MS ?? 20);
const runs = Number(process.env.PROFILE_RUNS ?? 3);

const profileDir = process.env.PROFILE_CPU_DIR;
const heapDir = process.env.PROFILE_HEAP_DIR;
const inspector = profileDir || heapDir ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  if (profileDir) {
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.setSamplingInterval", { interval: 100 });
  }
}

const storeKind = process.env.PROFILE_STORE ?? "memory";
if (storeKind !== "memory" && storeKind !== "sqlite") throw new Error("PROFILE_STORE must be memory or sqlite");
const sqliteDir =
  storeKind === "sqlite"
    ? mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "profile-invoices-"))
    : undefined;
const stores = sqliteDir ? createSqliteStores({ path: join(sqliteDir, "state.sqlite") }) : createMemoryStores();
const sandboxes = await startRemoteSandboxes();
try {
  const audit = countAuditCalls(stores);
  const { connector } = createBenchConnector(sandboxes.addresses, {
    stores: audit.stores,
    concurrency,
    outbound: { now: clockAhead, lookbackMs: 0 },
  });
  const inbound = async () => (await sandboxes.call<{ count: number }>({ op: "inbound" })).count;
  for (let run = -1; run < runs; run++) {
    const count = run < 0 ? Math.max(16, concurrency * 2) : documents;
    await postInvoices(sandboxes, connector, count, run < 0 ? "W" : `R${run}`);
    const before = await inbound();
    await sandboxes.call({ op: "setLatency", ms: latencyMs });
    await sandboxes.call({ op: "resetCounters" });
    if (profileDir && inspector && run >= 0) await inspector.post("Profiler.start");
    if (heapDir && inspector && run >= 0) {
      // Every allocation sampled (collected or not): what a run allocates, by function.
      await inspector.post("HeapProfiler.startSampling", {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    audit.reset();
    const result = await timed(() => connector.runOnce("invoices-out"));
    if (inspector && profileDir && run >= 0) {
      const { profile } = await inspector.post("Profiler.stop");
      writeFileSync(join(profileDir, `invoices-out-${run}.cpuprofile`), JSON.stringify(profile));
    }
    if (inspector && heapDir && run >= 0) {
      const { profile } = await inspector.post("HeapProfiler.stopSampling");
      writeFileSync(join(heapDir, `invoices-out-${run}.heapprofile`), JSON.stringify(profile));
    }
    const uploads = (await inbound()) - before;
    if (uploads !== count) throw new Error(`invoices-out uploaded ${uploads} of ${count}`);
    if (run < 0) continue;
    process.stdout.write(
      `${JSON.stringify({
        run,
        documents,
        cpuMsPerDoc: Number((result.cpuMs / count).toFixed(3)),
        requestsPerDoc: Number(((await sandboxes.requests()).total / count).toFixed(2)),
        auditCallsPerDoc: Object.fromEntries(
          Object.entries(audit.counts().byMethod).map(([method, calls]) => [
            method,
            Number((calls / count).toFixed(2)),
          ]),
        ),
      })}\n`,
    );
  }
} finally {
  await sandboxes.close();
  await stores.close?.();
  if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
}
