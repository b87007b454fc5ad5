/**
 * `pnpm bench` (root): runs the measures and writes docs/performance.md.
 *
 *   BENCH_MEASURES=pipeline,orders-in,invoices-out,scale,store,xml-cost,console   which measures (default: all)
 *   BENCH_SCALE_SIZES=1000,10000,50000                           mailbox sizes of the scale measure (default 1000,10000)
 *   BENCH_QUICK=1                                                 small sizes, to check the bench itself (not for the doc)
 *
 * Each measure's result is kept in packages/benchmarks/results/latest.json with when it ran and the load average
 * then; the document is rendered from that file, so a measure run alone (e.g. the 50k scale case) updates its own
 * section and leaves the others as they were measured.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { measureConsole } from "./measures/console.js";
import { measureInvoicesOut } from "./measures/invoices-out.js";
import { measureOrdersIn } from "./measures/orders-in.js";
import { measurePipeline } from "./measures/pipeline.js";
import { measureScale } from "./measures/scale.js";
import { measureStore } from "./measures/store.js";
import { measureXmlCost } from "./measures/xml-cost.js";
import { type Measured, type Results, renderReport } from "./report.js";
import { loadAverage, machineInfo } from "./support/machine.js";

const quick = process.env.BENCH_QUICK === "1";
const selected = new Set(
  (process.env.BENCH_MEASURES ?? "pipeline,orders-in,invoices-out,scale,store,xml-cost,console")
    .split(",")
    .map((s) => s.trim()),
);
const scaleSizes = (process.env.BENCH_SCALE_SIZES ?? (quick ? "200,1000" : "1000,10000"))
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);

const resultsUrl = new URL(`../results/${quick ? "quick" : "latest"}.json`, import.meta.url);
const docUrl = new URL(quick ? "../results/performance-quick.md" : "../../../docs/performance.md", import.meta.url);
mkdirSync(new URL("../results/", import.meta.url), { recursive: true });
const results: Results = existsSync(resultsUrl) ? (JSON.parse(readFileSync(resultsUrl, "utf8")) as Results) : {};
const readResults = (name: string): Results | undefined => {
  const url = new URL(`../results/${name}`, import.meta.url);
  return existsSync(url) ? (JSON.parse(readFileSync(url, "utf8")) as Results) : undefined;
};
/** The results before each round of fixes, for the before/after tables (see docs/performance.md). */
const before = { firstRound: readResults("before-fixes.json"), http: readResults("before-http.json") };

/** JSON as biome formats it (arrays of plain values on one line), so `pnpm lint` passes on the committed results. */
const toJson = (value: unknown) =>
  `${JSON.stringify(value, null, 2).replace(/\[\n\s+([^[\]{}]*?)\n\s+\]/g, (_, items: string) => `[${items.split(/,\n\s+/).join(", ")}]`)}\n`;

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function measure<T>(key: string, label: string, work: () => Promise<T>): Promise<T> {
  const loadAtStart = loadAverage();
  log(`${label} (load ${loadAtStart.join(" ")})`);
  const started = Date.now();
  const value = await work();
  const entry: Measured<T> = {
    measuredAt: new Date(started).toISOString(),
    durationS: Math.round((Date.now() - started) / 100) / 10,
    loadAtStart,
    machine: machineInfo(),
    value,
  };
  (results as Record<string, unknown>)[key] = entry;
  writeFileSync(resultsUrl, toJson(results));
  writeFileSync(docUrl, renderReport(results, before));
  log(`${label}: done in ${entry.durationS} s`);
  return value;
}

const benchStarted = Date.now();
log(`machine: ${JSON.stringify(machineInfo())}; load ${loadAverage().join(" ")}`);

if (selected.has("pipeline")) {
  const docs = quick ? 500 : 10_000;
  for (const lines of [10, 100]) {
    await measure(`pipeline-${lines}`, `pipeline CPU, ${docs} × ${lines}-line 850`, () => measurePipeline(lines, docs));
  }
}
if (selected.has("orders-in")) {
  for (const [concurrency, documents] of [
    [8, quick ? 100 : 600],
    [1, quick ? 20 : 80],
  ] as const) {
    await measure(`orders-in-c${concurrency}`, `orders-in, C=${concurrency}, ${documents} 850s, 20 ms latency`, () =>
      measureOrdersIn({ concurrency, documents, latencyMs: 20, lines: 5 }),
    );
  }
}
if (selected.has("invoices-out")) {
  for (const [concurrency, invoices] of [
    [8, quick ? 100 : 2000],
    [1, quick ? 20 : 200],
  ] as const) {
    await measure(`invoices-out-c${concurrency}`, `invoices-out, C=${concurrency}, ${invoices} invoices, 20 ms`, () =>
      measureInvoicesOut({ concurrency, invoices, latencyMs: 20 }),
    );
  }
}
if (selected.has("scale")) {
  for (const documents of scaleSizes) {
    await measure(`scale-${documents}`, `scale, ${documents} POs in the mailbox, latency 0`, () =>
      measureScale({ documents, latencyMs: 0, concurrency: 8, lines: 3 }),
    );
  }
  // The same 1k case with the SQLite file on the disk: what the fsync per transaction costs orders-in.
  const diskDocs = quick ? 200 : 1000;
  await measure(`scale-disk-${diskDocs}`, `scale, ${diskDocs} POs, SQLite on disk (${tmpdir()})`, () =>
    measureScale({ documents: diskDocs, latencyMs: 0, concurrency: 8, lines: 3, dbDir: tmpdir() }),
  );
}
if (selected.has("store")) {
  const docs = quick ? 200 : 2000;
  await measure("store-sqlite", `store: SQLite audit writes, ${docs} documents`, () => measureStore("sqlite", docs));
  for (const memoryDocs of [docs, quick ? 2000 : 20_000]) {
    await measure(`store-memory-${memoryDocs}`, `store: memory audit writes, ${memoryDocs} documents`, () =>
      measureStore("memory", memoryDocs),
    );
  }
}
if (selected.has("xml-cost")) {
  await measure("xml-cost", "XML cost: hostile 10 MB files and a 45,000-line 850, one process each", () =>
    measureXmlCost(),
  );
}
if (selected.has("console")) {
  const docs = quick ? 10_000 : 100_000;
  await measure("console-sqlite", `console API over SQLite, ${docs} documents`, () => measureConsole(docs));
}
// Rendered again at the end, so that `BENCH_MEASURES=none` re-renders the page from the kept results alone.
writeFileSync(docUrl, renderReport(results, before));
log(`all done in ${Math.round((Date.now() - benchStarted) / 1000)} s; wrote ${docUrl.pathname}`);
