/**
 * One contender of the bare-client measure alone, warm, with only its timed run measured: the bare node:http client,
 * the connector's clients alone making the same requests, or orders-in with the memory stores or with SQLite on tmpfs.
 * For looking at one of them closely:
 *
 *   cd packages/benchmarks
 *   PROFILE_WHO=memory node --conditions=ml-connector-source --import tsx src/profile/contender.ts
 *
 * PROFILE_WHO (bare, clients, memory or sqlite; default memory), PROFILE_DOCS (default 800), PROFILE_WARM (warm-up
 * runs of 200 850s, default 2). Prints one JSON line: CPU ms per 850, split into user and system time (system time is where
 * the socket writes and SQLite's WAL writes show) and, on Linux, into the main thread's and the other threads' (V8's
 * compiler and garbage-collector workers, libuv's pool): the other threads' share swings most from run to run.
 *
 * PROFILE_ALLOC=1 adds the bytes allocated per 850 in the timed run (V8's sampling heap profiler keeping collected
 * objects too) and the functions that allocated most. On a shared, noisy machine it moves far less from run to run
 * than CPU time: compare two builds by it first. PROFILE_ALLOC_TOP=<n> lists n functions (default 15),
 * PROFILE_ALLOC_FILE=<file> writes the sampled heap profile (DevTools' .heapprofile) for a closer look.
 * PROFILE_CPU=<file> writes a CPU profile of the timed run alone (no start-up, no warm-up) for Chrome DevTools,
 * sampled every PROFILE_INTERVAL_US µs (default 1000; 100 sees the small functions). Either slows the run: its CPU
 * figure is then not comparable.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { createMemoryStores } from "@ml-connector/sync-core";
import { createBareOrdersClient } from "../support/bare-clients.js";
import { createClientsOrdersRunner } from "../support/clients-only.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

const who = process.env.PROFILE_WHO ?? "memory";
if (!["bare", "clients", "memory", "sqlite"].includes(who)) {
  throw new Error("PROFILE_WHO must be bare, clients, memory or sqlite");
}
const documents = Number(process.env.PROFILE_DOCS ?? 800);
const warmRuns = Number(process.env.PROFILE_WARM ?? 2);
const concurrency = 8;

const sandboxes = await startRemoteSandboxes();
const sqliteDir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-contender-"));
// Only the contender profiled is made: the other's objects would sit in the heap the profile and the collector see.
const contender = (() => {
  if (who === "bare") {
    const bare = createBareOrdersClient(sandboxes.addresses, concurrency);
    return { run: () => bare.run(), close: async () => bare.close() };
  }
  if (who === "clients") {
    const clients = createClientsOrdersRunner(sandboxes.addresses, concurrency);
    return { run: () => clients.run(), close: async () => {} };
  }
  const stores =
    who === "sqlite" ? createSqliteStores({ path: join(sqliteDir, "state.sqlite") }) : createMemoryStores();
  const { connector } = createBenchConnector(sandboxes.addresses, { concurrency, stores });
  return { run: () => connector.runOnce("orders-in"), close: async () => stores.close?.() };
})();
/** CPU ms so far of the main thread and of the others together (Linux; clock ticks of 10 ms), or undefined. */
const threadCpuMs = (): { main: number; other: number } | undefined => {
  if (!existsSync("/proc/self/task")) return undefined;
  let main = 0;
  let other = 0;
  for (const task of readdirSync("/proc/self/task")) {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/self/task/${task}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ms = (Number(fields[11]) + Number(fields[12])) * 10;
    if (Number(task) === process.pid) main += ms;
    else other += ms;
  }
  return { main, other };
};
const run = async (tag: string, count: number) => {
  await sandboxes.call({ op: "fill", count, lines: 5, tag });
  await contender.run();
};

try {
  await sandboxes.call({ op: "setLatency", ms: 20 });
  for (let index = 0; index < warmRuns; index++) await run(`W${index}`, 200);
  const session = new Session();
  session.connect();
  const cpuProfile = process.env.PROFILE_CPU;
  const allocations = process.env.PROFILE_ALLOC === "1";
  if (cpuProfile) {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: Number(process.env.PROFILE_INTERVAL_US ?? 1000) });
    await session.post("Profiler.start");
  }
  if (allocations) {
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const threadsStart = threadCpuMs();
  const cpuStart = process.cpuUsage();
  await run("T", documents);
  const cpu = process.cpuUsage(cpuStart);
  const threadsEnd = threadCpuMs();
  const perDoc = (micros: number) => Number((micros / 1000 / documents).toFixed(3));
  const result: Record<string, unknown> = {
    who,
    documents,
    cpuMsPerDoc: perDoc(cpu.user + cpu.system),
    userMsPerDoc: perDoc(cpu.user),
    systemMsPerDoc: perDoc(cpu.system),
  };
  if (threadsStart && threadsEnd) {
    result.mainThreadMsPerDoc = perDoc((threadsEnd.main - threadsStart.main) * 1000);
    result.otherThreadsMsPerDoc = perDoc((threadsEnd.other - threadsStart.other) * 1000);
  }
  if (allocations) {
    const { profile } = await session.post("HeapProfiler.stopSampling");
    if (process.env.PROFILE_ALLOC_FILE) writeFileSync(process.env.PROFILE_ALLOC_FILE, JSON.stringify(profile));
    const byFunction = new Map<string, number>();
    let total = 0;
    const walk = (node: AllocationNode) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(node_modules|packages)\//, "")}:${lineNumber}`;
      total += node.selfSize;
      byFunction.set(where, (byFunction.get(where) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child);
    };
    walk(profile.head as AllocationNode);
    const kb = (bytes: number) => Number((bytes / 1024 / documents).toFixed(2));
    result.allocatedKbPerDoc = kb(total);
    result.topAllocators = [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(process.env.PROFILE_ALLOC_TOP ?? 15))
      .map(([where, bytes]) => `${kb(bytes)} KB ${where}`);
  }
  if (cpuProfile) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(cpuProfile, JSON.stringify(profile));
  }
  session.disconnect();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await contender.close();
  rmSync(sqliteDir, { recursive: true, force: true });
  await sandboxes.close();
}
