/**
 * One scale case in a process of its own (so its peak RSS is its own): orders-in over the whole mailbox with the
 * SQLite store (the production default; the in-memory store keeps every payload by design). Reports on stdout.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import type { MappingSetInput } from "@ml-connector/sync-core";
import { createBenchConnectorWithMappings } from "../support/connector.js";

export interface ScaleRunInput {
  addresses: SandboxClientSettings;
  concurrency: number;
  /** The connector's mappings, made by the bench's process: this one loads no sandbox code (see support/connector.ts). */
  mappings: MappingSetInput;
  /** The Node flags the process was started with beyond the loader's (reported back as they are). */
  nodeFlags?: string[] | undefined;
  /**
   * Diagnostics (src/profile/promoted.ts): write here V8's sampling heap profile of the run, keeping only what
   * survived the young generation's collections (what was promoted, dead or not by the end).
   */
  promotedProfilePath?: string | undefined;
}

export interface ScaleRunOutput {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set size of this process (process.resourceUsage().maxRSS). */
  peakRssBytes: number;
  /** RSS and heap when the run started (after start-up and the store's opening). */
  startRssBytes: number;
  peakHeapUsedBytes: number;
  /**
   * The largest of each part of process.memoryUsage() sampled every 100 ms: what V8 reserved for its heap
   * (heapTotal), memory outside it held by JS objects (external, of which arrayBuffers: Buffers, fetch bodies), and
   * the RSS at the sample with the largest RSS. Optional: results from before these fields existed lack them.
   */
  peakHeapTotalBytes?: number | undefined;
  peakExternalBytes?: number | undefined;
  peakArrayBuffersBytes?: number | undefined;
  /** The largest young generation (V8's new space, reserved) and old generation (used) sampled: where the heap grew. */
  peakNewSpaceBytes?: number | undefined;
  peakOldSpaceUsedBytes?: number | undefined;
  /**
   * The full collections V8 chose to run during the run, and the largest heap used just after one (read when Node
   * reports the collection, so it includes what the next few milliseconds allocated): live data plus the young
   * generation, without the garbage the peak includes. Nothing is forced.
   */
  majorGcs?: number | undefined;
  peakHeapAfterMajorGcBytes?: number | undefined;
  /** Node flags the connector's process ran with beyond the loader's (e.g. a fixed heap budget), when any. */
  nodeFlags?: string[] | undefined;
  /** Heap used after the run and a forced full GC: what the run retained (flat in N when nothing accumulates). */
  retainedHeapBytes: number;
  /** Node warnings during the run (e.g. MaxListenersExceededWarning), by name. */
  warnings: Record<string, number>;
  /** Where the SQLite file was. */
  dbDir: string;
  outcomes: Record<string, number>;
}

/**
 * V8's sampling heap profiler with `includeObjectsCollectedByMajorGC` and without the objects young collections
 * freed: each sample is an allocation that outlived two young collections (promoted to the old generation), by the
 * stack that allocated it. Promoted garbage is what the old generation grows by between full collections.
 */
async function startPromotedProfile(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 8192,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  } as never);
  return {
    async stop() {
      const { profile } = (await session.post("HeapProfiler.stopSampling")) as { profile: unknown };
      session.disconnect();
      return profile;
    },
  };
}

const warnings: Record<string, number> = {};
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  warnings[warning.name] = (warnings[warning.name] ?? 0) + 1;
});
const input = JSON.parse(process.env.BENCH_SCALE_INPUT ?? "null") as ScaleRunInput | null;
if (!input) throw new Error("BENCH_SCALE_INPUT is missing");
/**
 * The SQLite file lives on tmpfs (/dev/shm) when there is one: the disk's fsync per transaction (measure 5) would
 * otherwise be most of the time per document, and it is the connector's time and memory that this measure is about.
 * BENCH_DB_DIR overrides it (e.g. a directory on the disk).
 */
const dbRoot = process.env.BENCH_DB_DIR ?? (existsSync("/dev/shm") ? "/dev/shm" : tmpdir());
const dir = mkdtempSync(join(dbRoot, "ml-connector-bench-"));
try {
  const stores = createSqliteStores({ path: join(dir, "connector.db") });
  const { connector } = createBenchConnectorWithMappings(input.addresses, {
    concurrency: input.concurrency,
    stores,
    mappings: input.mappings,
  });
  let peakHeapUsedBytes = 0;
  let peakHeapTotalBytes = 0;
  let peakExternalBytes = 0;
  let peakArrayBuffersBytes = 0;
  let peakNewSpaceBytes = 0;
  let peakOldSpaceUsedBytes = 0;
  const sample = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, usage.heapUsed);
    peakHeapTotalBytes = Math.max(peakHeapTotalBytes, usage.heapTotal);
    peakExternalBytes = Math.max(peakExternalBytes, usage.external);
    peakArrayBuffersBytes = Math.max(peakArrayBuffersBytes, usage.arrayBuffers);
    for (const space of getHeapSpaceStatistics()) {
      if (space.space_name === "new_space") peakNewSpaceBytes = Math.max(peakNewSpaceBytes, space.space_size);
      if (space.space_name === "old_space")
        peakOldSpaceUsedBytes = Math.max(peakOldSpaceUsedBytes, space.space_used_size);
    }
  }, 100);
  let majorGcs = 0;
  let peakHeapAfterMajorGcBytes = 0;
  const gcObserver = new PerformanceObserver((list) => {
    const majors = list
      .getEntries()
      .filter(
        (entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      );
    if (majors.length === 0) return;
    majorGcs += majors.length;
    peakHeapAfterMajorGcBytes = Math.max(peakHeapAfterMajorGcBytes, process.memoryUsage().heapUsed);
  });
  const started = performance.now();
  const startRssBytes = process.memoryUsage().rss;
  gcObserver.observe({ entryTypes: ["gc"] });
  const cpuStart = process.cpuUsage();
  const profiler = input.promotedProfilePath ? await startPromotedProfile() : undefined;
  // For the GC trace tools (gc-trace.ts): when the run began, in the trace's clock (ms since the process started).
  process.stdout.write(`{"runStartMs":${Math.round(performance.now())}}\n`);
  const summary = await connector.runOnce("orders-in");
  if (profiler && input.promotedProfilePath)
    writeFileSync(input.promotedProfilePath, JSON.stringify(await profiler.stop()));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sample);
  gcObserver.disconnect();
  await stores.close();
  (globalThis as { gc?: () => void }).gc?.();
  const retainedHeapBytes = process.memoryUsage().heapUsed;
  const output: ScaleRunOutput = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    startRssBytes,
    peakHeapUsedBytes,
    peakHeapTotalBytes,
    peakExternalBytes,
    peakArrayBuffersBytes,
    peakNewSpaceBytes,
    peakOldSpaceUsedBytes,
    ...(input.nodeFlags?.length ? { nodeFlags: input.nodeFlags } : {}),
    majorGcs,
    peakHeapAfterMajorGcBytes,
    retainedHeapBytes,
    warnings,
    dbDir: dbRoot,
    outcomes: summary.outcomes as Record<string, number>,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
