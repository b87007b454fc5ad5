/**
 * An outbound flow's CPU per document (invoices-out's per invoice by default; FLOW=asns-out or acks-out) with a small
 * and a large history in the memory stores, alternated in one process,
 * with the garbage collector's time beside it: whether a document costs more once the stores hold more, and whether
 * that is the store's work or the collector's (a bigger live heap makes every full collection cost more).
 *
 *   cd packages/benchmarks
 *   node --import tsx src/profile/outbound-flat.ts
 *   COMPARE_WITH=/path/to/other/checkout node --import tsx src/profile/outbound-flat.ts   # and the other build too
 *
 * As the `outbound-flat` measure: each contender (build × history) has its own sandboxes process and connector,
 * its history (SMALL, default 500, and LARGE, default 5000 documents with their 850s) handled untimed; then in each
 * round every contender gets BATCH documents (default 200) and runs the flow once (C = 8, no latency, look-back
 * 0), the order reversed every other round, after one uncounted warm-up round. ROUNDS (default 8). With COMPARE_WITH
 * the other checkout's built packages run the same contenders (build both first). Prints every round's CPU and GC ms
 * per document of each contender, then one JSON line per build: the median over rounds of large/small, the means
 * (CPU, GC, requests to the sandboxes per document),
 * and (with COMPARE_WITH) one line per history: this build's mean against the other's, the median difference and in
 * how many rounds this build was lower. FIRST=large makes the large history's connector first (default the small's):
 * a control that the difference follows the history, not the order the connectors were made in; DECOY=1 makes one
 * more connector (small history) before them, run in every round and not reported. PROFILE_CPU_DIR: a CPU profile of every counted run written there.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { PerformanceObserver, performance } from "node:perf_hooks";
import * as thisSyncCore from "@ml-connector/sync-core";
import { outboundSetUp } from "../measures/bare-invoices.js";
import { outboundDocumentType, outboundFlowOf } from "../measures/outbound-names.js";
import { batchConnectorOptions } from "../support/flow-batch.js";
import { type RemoteSandboxes, startRemoteSandboxes } from "../support/remote-sandboxes.js";
import * as thisSystems from "../support/systems.js";

type Build = "this" | "other";
interface Modules {
  systems: typeof thisSystems;
  syncCore: typeof thisSyncCore;
}

const flow = outboundFlowOf(process.env.FLOW ?? "invoices-out", "FLOW");
const post = outboundSetUp[flow];
const small = Number(process.env.SMALL ?? 500);
const large = Number(process.env.LARGE ?? 5000);
const batch = Number(process.env.BATCH ?? 200);
const rounds = Number(process.env.ROUNDS ?? 8);
const otherRoot = process.env.COMPARE_WITH;
// Which history's connector is made (and its history handled) first: a control for an order effect.
const first = process.env.FIRST ?? "small";
// DECOY=1: one more connector (small history) made before the two, run in every round but not reported.
const decoy = process.env.DECOY === "1";

const modules: Partial<Record<Build, Modules>> = { this: { systems: thisSystems, syncCore: thisSyncCore } };
if (otherRoot) {
  const otherBenchmarks = join(otherRoot, "packages/benchmarks");
  modules.other = {
    systems: await import(join(otherBenchmarks, "src/support/systems.ts")),
    syncCore: await import(join(otherBenchmarks, "node_modules/@ml-connector/sync-core/dist/index.js")),
  };
}

// PROFILE_CPU_DIR: V8's CPU profiler around every counted run, one `<build>-<history>-<round>.cpuprofile` each.
const profileDir = process.env.PROFILE_CPU_DIR;
const inspector = profileDir ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post("Profiler.enable");
  await inspector.post("Profiler.setSamplingInterval", { interval: 100 });
}

// Every collection's duration, attributed afterwards to the run whose span holds its start.
const collections: { start: number; duration: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration });
});
observer.observe({ entryTypes: ["gc"] });

interface Contender {
  build: Build | "decoy";
  history: number;
  host: RemoteSandboxes;
  connector: ReturnType<typeof thisSystems.createBenchConnector>["connector"];
  close(): Promise<void>;
  cpu: number[];
  spans: [number, number][];
  /** Requests to the sandboxes per invoice, each round (what a run reads should not grow with the history). */
  requests: number[];
}
const contenders: Contender[] = [];
try {
  const builds: (Build | "decoy")[] = Object.keys(modules) as Build[];
  if (decoy) builds.unshift("decoy");
  for (const build of builds) {
    const { systems, syncCore } = modules[build === "decoy" ? "this" : build] as Modules;
    for (const history of build === "decoy" ? [small] : first === "large" ? [large, small] : [small, large]) {
      const host = await startRemoteSandboxes();
      const stores = syncCore.createMemoryStores();
      const { connector } = systems.createBenchConnector(host.addresses, {
        concurrency: 8,
        stores,
        ...batchConnectorOptions(flow),
      });
      const contender: Contender = {
        build,
        history,
        host,
        connector,
        close: async () => {
          await stores.close();
          await host.close();
        },
        cpu: [],
        spans: [],
        requests: [],
      };
      contenders.push(contender);
      await post(host, connector, history - batch, "H");
      const posted = (await connector.runOnce(flow)).outcomes.posted ?? 0;
      if (posted !== history - batch) throw new Error(`set-up: posted ${posted} of ${history - batch}`);
    }
  }
  for (let round = -1; round < rounds; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      await post(contender.host, contender.connector, batch, round < 0 ? "W" : `R${round}`);
      await contender.host.call({ op: "resetCounters" });
      if (inspector && round >= 0) await inspector.post("Profiler.start");
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const run = await contender.connector.runOnce(flow);
      const cpu = process.cpuUsage(cpuStart);
      const end = performance.now();
      if (inspector && profileDir && round >= 0) {
        const { profile } = await inspector.post("Profiler.stop");
        const name = `${contender.build}-${contender.history}-${round}.cpuprofile`;
        writeFileSync(join(profileDir, name), JSON.stringify(profile));
      }
      if ((run.outcomes.posted ?? 0) !== batch) throw new Error(`posted ${run.outcomes.posted ?? 0} of ${batch}`);
      if (round < 0) continue;
      contender.cpu.push((cpu.user + cpu.system) / 1000 / batch);
      contender.spans.push([start, end]);
      contender.requests.push((await contender.host.requests()).total / batch);
    }
  }
  // Let the observer deliver the last entries.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const gcOf = (contender: Contender) =>
    contender.spans.map(
      ([start, end]) =>
        collections.filter((c) => c.start >= start && c.start < end).reduce((sum, c) => sum + c.duration, 0) / batch,
    );
  const ms = (value: number) => Number(value.toFixed(3));
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    return sorted.length % 2 ? (sorted[Math.floor(middle)] as number) : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  for (let round = 0; round < rounds; round++) {
    const cells = contenders.map(
      (c) => `${c.build}/${c.history} ${c.cpu[round]?.toFixed(3)} (gc ${gcOf(c)[round]?.toFixed(3)})`,
    );
    process.stdout.write(`round ${round + 1}: ${cells.join("  ")} ms per ${outboundDocumentType[flow]}\n`);
  }
  const find = (build: Build, history: number) =>
    contenders.find((c) => c.build === build && c.history === history) as Contender;
  for (const build of Object.keys(modules) as Build[]) {
    const [s, l] = [find(build, small), find(build, large)];
    process.stdout.write(
      `${JSON.stringify({
        build,
        ratio: ms(median(l.cpu.map((cpu, round) => cpu / (s.cpu[round] as number)))),
        smallMean: ms(mean(s.cpu)),
        largeMean: ms(mean(l.cpu)),
        smallGcMean: ms(mean(gcOf(s))),
        largeGcMean: ms(mean(gcOf(l))),
        smallRequests: ms(mean(s.requests)),
        largeRequests: ms(mean(l.requests)),
      })}\n`,
    );
  }
  if (modules.other) {
    for (const history of first === "large" ? [large, small] : [small, large]) {
      const [a, b] = [find("this", history), find("other", history)];
      const differences = a.cpu.map((cpu, round) => cpu - (b.cpu[round] as number));
      process.stdout.write(
        `${JSON.stringify({
          history,
          thisMean: ms(mean(a.cpu)),
          otherMean: ms(mean(b.cpu)),
          medianDifference: ms(median(differences)),
          thisLower: `${differences.filter((d) => d < 0).length}/${rounds}`,
        })}\n`,
      );
    }
  }
} finally {
  observer.disconnect();
  for (const contender of contenders) await contender.close();
}
