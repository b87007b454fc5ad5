/**
 * How V8 sized the connector's old generation in one scale case (measure 4, latency 0): the connector's process runs
 * with `--trace-gc-nvp --trace-gc-verbose` (diagnostics; the connector itself never runs with V8 flags), and this
 * prints what the young generation's collections promoted per document, and at each full collection the heap growing
 * factor V8 chose (1.1 to 4 times what survived) with the two speeds it chose it from: its collector's (bytes marked
 * per ms) and the program's (bytes added to the old generation per ms, over the last seconds), what survived and the
 * limit V8 set from it (the next full collection starts when the old generation comes within the young generation's
 * size of that limit).
 *
 * In the scale measure the first full collection comes during start-up (module loading) and the second about a second
 * into the run, both with factor 4 (start-up allocates quickly). A 1,000 case ends near the second, so its old
 * generation peaks near the first limit; a long run's peaks near the second limit, 4 times what survived the second:
 * the difference is about 4 times (survived at the second - survived at the first). Later collections pick smaller
 * factors from the run's own speeds.
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx src/profile/gc-trace.ts
 *
 * PROFILE_DOCS (default 5000), PROFILE_C (default 8). Prints one JSON line per full collection, then a summary line.
 * `promotedKbPerDoc` counts start-up's young collections too (module loading promotes a few MB whatever the run);
 * `runPromotedKbPerDoc` only those from the run's start on, and `runDirectKbPerDoc` what the run allocated in the old
 * generation directly (its growth between collections less what they promoted: short strings JSON.parse keeps,
 * hidden-class data, pretenured objects, compiled code). An A/B of what a document promotes compares the run's figures.
 */
import { measureScale } from "../measures/scale.js";

const documents = Number(process.env.PROFILE_DOCS ?? 5000);
const concurrency = Number(process.env.PROFILE_C ?? 8);

let trace = "";
const result = await measureScale({
  documents,
  latencyMs: 0,
  concurrency,
  lines: 3,
  nodeFlags: ["--trace-gc-nvp", "--trace-gc-verbose"],
  onStdout: (stdout) => {
    trace = stdout;
  },
});

// Each trace line starts with `[pid:isolate]`; the loader's thread has an isolate of its own: the connector's is the
// one with the most young collections.
const isolateOf = (line: string) => /^\[\d+:(0x[0-9a-f]+)\]/.exec(line)?.[1];
const scavengesBy = new Map<string, number>();
for (const line of trace.split("\n")) {
  const isolate = isolateOf(line);
  if (isolate && line.includes(" gc=s ")) scavengesBy.set(isolate, (scavengesBy.get(isolate) ?? 0) + 1);
}
const main = [...scavengesBy].sort((a, b) => b[1] - a[1])[0]?.[0];
const round = (value: number) => Number(value.toFixed(1));
let promoted = 0;
let scavenges = 0;
let pending: Record<string, number> | undefined;
const fullCollections: Record<string, number>[] = [];
for (const line of trace.split("\n")) {
  if (isolateOf(line) !== main) continue;
  if (line.includes(" gc=s ")) {
    scavenges += 1;
    promoted += Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0);
  }
  const factor =
    /\s(\d+) ms: \[HeapController\] factor ([\d.]+) based on mu=[\d.]+, speed_ratio=(\d+) \(gc=(\d+), mutator=(\d+)\)/.exec(
      line,
    );
  if (factor) {
    const [, atMs, value, speedRatio, gcSpeed, mutatorSpeed] = factor;
    pending = {
      fullCollectionAtMs: Number(atMs),
      factor: Number(value),
      speedRatio: Number(speedRatio),
      collectorBytesPerMs: Number(gcSpeed),
      programBytesPerMs: Number(mutatorSpeed),
    };
  }
  // The next line gives what survived (the old generation after the collection) and the limit set from it.
  const limit = /\[HeapController\] Limit: old size: (\d+) KB, new limit: (\d+) KB/.exec(line);
  if (limit && pending) {
    const survivedMb = Number(limit[1]) / 1024;
    const limitMb = Number(limit[2]) / 1024;
    fullCollections.push({ ...pending, survivedMb: round(survivedMb), limitMb: round(limitMb) });
    process.stdout.write(`${JSON.stringify(fullCollections.at(-1))}\n`);
    pending = undefined;
  }
}
// From the run's start on: each young collection's promotion, and the old generation's growth (old, code and large
// object spaces, used, as the verbose trace prints after every collection) from one collection to a young one.
const runStartMs = Number(/"runStartMs":(\d+)/.exec(trace)?.[1] ?? 0);
let runPromoted = 0;
let runOldGrowth = 0;
let inRun = false;
let young = false;
let promotedByThis = 0;
let oldUsed = 0;
let spacesSeen = 0;
let lastOldUsed: number | undefined;
for (const line of trace.split("\n")) {
  if (isolateOf(line) !== main) continue;
  const collection = /\s(\d+) ms: pause=/.exec(line);
  if (collection) {
    inRun = Number(collection[1]) >= runStartMs;
    young = line.includes(" gc=s ");
    promotedByThis = Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0);
    oldUsed = 0;
    spacesSeen = 0;
    continue;
  }
  const space = /(Old space|Code space|Large object space),\s+used:\s+(\d+) KB/.exec(line);
  if (!space) continue;
  oldUsed += Number(space[2]) * 1024;
  spacesSeen += 1;
  if (spacesSeen < 3) continue;
  if (inRun && young && lastOldUsed !== undefined) {
    runPromoted += promotedByThis;
    runOldGrowth += oldUsed - lastOldUsed;
  }
  lastOldUsed = oldUsed;
}
const kbPerDoc = (bytes: number) => Number((bytes / 1024 / documents).toFixed(2));
const mb = (bytes: number | undefined) => Number(((bytes ?? 0) / 1024 ** 2).toFixed(1));
process.stdout.write(
  `${JSON.stringify({
    documents,
    concurrency,
    youngCollections: scavenges,
    survivedFirstFullMb: fullCollections[0]?.survivedMb,
    survivedSecondFullMb: fullCollections[1]?.survivedMb,
    secondFullLimitMb: fullCollections[1]?.limitMb,
    promotedKbPerDoc: Number((promoted / 1024 / documents).toFixed(1)),
    runPromotedKbPerDoc: kbPerDoc(runPromoted),
    runDirectKbPerDoc: kbPerDoc(runOldGrowth - runPromoted),
    peakOldSpaceUsedMb: mb(result.peakOldSpaceUsedBytes),
    peakRssMb: mb(result.peakRssBytes),
    cpuMsPerDoc: Number(result.cpuMsPerDoc.toFixed(2)),
  })}\n`,
);
