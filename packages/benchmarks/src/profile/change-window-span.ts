/**
 * The change window's own CPU per record (deduplication, the cursor's save) against how many records its look-back
 * span holds: a busy span (a mass invoicing run puts thousands of invoices in two minutes) must not make each page's
 * save dearer. No network and no publishing: every record of the span is handled at once, in pages of PAGE (default
 * 50), by one run whose 2-minute look-back holds them all, as the cursor store saves page after page.
 *
 *   cd packages/benchmarks
 *   STORE=memory COMPARE_WITH=/path/to/other/checkout node --import tsx src/profile/change-window-span.ts
 *
 * STORE memory or sqlite (default memory; the file on tmpfs), SETTLED=0 (records hashed, as acks-out's; default
 * settled, as invoices-out's posted invoices), SPANS (default 500,5000 records), ROUNDS (default 6, after WARMUPS
 * uncounted ones, default 3; the order reversed every other round). Each sample handles as many records whatever
 * the span: a smaller span's run is repeated (each on a fresh store). With COMPARE_WITH, that checkout's
 * change window (its source, over its built stores) runs alternated with this one's. Prints every round's CPU µs per
 * record, then one JSON line: the median per build and span, and each build's ratio of the largest span to the
 * smallest (1.0: flat).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const kind = process.env.STORE ?? "memory";
const spans = (process.env.SPANS ?? "500,5000").split(",").map(Number);
const rounds = Number(process.env.ROUNDS ?? 6);
const pageSize = Number(process.env.PAGE ?? 50);
const other = process.env.COMPARE_WITH;
/** Posted invoices are settled (recognised by key and UPDDATTIM, never hashed); SETTLED=0 hashes every record. */
const settled = process.env.SETTLED !== "0";
const here = resolve(fileURLToPath(import.meta.url), "../../../../..");
const dir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-window-"));

interface Stamped {
  key: string;
  updatedAt: string;
}
/** The part of a build this measure drives (`runChangeWindow` and a store's cursors), typed loosely across builds. */
interface Build {
  runChangeWindow(run: Record<string, unknown>): Promise<{ handled: number }>;
  openCursors(path: string): { cursors: unknown; close(): Promise<void> };
}

async function load(root: string): Promise<Build> {
  const window = (await import(`${root}/packages/sync-core/src/flows/outbound/change-window.ts`)) as Pick<
    Build,
    "runChangeWindow"
  >;
  if (kind === "sqlite") {
    const sqlite = (await import(`${root}/packages/store-sqlite/dist/index.js`)) as {
      createSqliteStores(options: { path: string }): { cursors: unknown; close(): Promise<void> };
    };
    return { runChangeWindow: window.runChangeWindow, openCursors: (path) => sqlite.createSqliteStores({ path }) };
  }
  const state = (await import(`${root}/packages/state/dist/index.js`)) as {
    createMemoryCursorStore(): unknown;
  };
  return {
    runChangeWindow: window.runChangeWindow,
    openCursors: () => ({ cursors: state.createMemoryCursorStore(), close: async () => {} }),
  };
}

const builds: Record<string, Build> = { this: await load(here) };
if (other) builds.other = await load(resolve(other));

const base = Date.UTC(2026, 11, 1, 12, 0, 0);
/** `span` invoices posted within 2 minutes, as X3 stamps them (one-second UPDDATTIM, in order). */
const spanRecords = (span: number): Stamped[] =>
  Array.from({ length: span }, (_, i) => ({
    key: `INV${String(i).padStart(7, "0")}`,
    updatedAt: new Date(base + 1000 + Math.floor((i * 119) / span) * 1000).toISOString(),
    posted: true,
    total: i,
  }));

let runs = 0;
/** CPU µs per record of one run handling a whole span, on a fresh cursor store. */
async function once(build: Build, records: Stamped[]): Promise<number> {
  const opened = build.openCursors(join(dir, `run-${++runs}.sqlite`));
  try {
    const started = process.cpuUsage();
    const result = await build.runChangeWindow({
      cursors: opened.cursors,
      cursorKey: { flow: "invoices-out", source: "x3:SINVOICE" },
      settings: {
        startFrom: new Date(base),
        now: () => new Date(base + 125_000),
        lookbackMs: 120_000,
        safetyLagMs: 0,
        concurrency: 8,
      },
      context: { signal: new AbortController().signal },
      async *pages() {
        for (let i = 0; i < records.length; i += pageSize) yield records.slice(i, i + pageSize);
      },
      settled: () => settled,
      handle: async () => "durable",
    });
    const used = process.cpuUsage(started);
    if (result.handled !== records.length) throw new Error(`handled ${result.handled} of ${records.length}`);
    return (used.user + used.system) / records.length;
  } finally {
    await opened.close();
  }
}

/** The middle round (the upper of the two middle ones for an even count). */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;
const round1 = (value: number) => Number(value.toFixed(1));

const smallest = Math.min(...spans);
const largest = Math.max(...spans);
/** Uncounted rounds first: V8 compiles the hot code on threads whose CPU the process is charged for. */
const warmups = Number(process.env.WARMUPS ?? 3);

try {
  const contenders = Object.keys(builds).flatMap((name) => spans.map((span) => ({ name, span })));
  const records = new Map(spans.map((span) => [span, spanRecords(span)]));
  const perRecord = new Map(contenders.map((c) => [`${c.name} ${c.span}`, [] as number[]]));
  for (let round = 0; round < warmups + rounds; round++) {
    for (const { name, span } of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      // As many records per sample whatever the span: the smaller span runs several times over, fresh each time.
      let micros = 0;
      const times = Math.ceil(largest / span);
      for (let i = 0; i < times; i++) micros += await once(builds[name] as Build, records.get(span) as Stamped[]);
      if (round >= warmups) perRecord.get(`${name} ${span}`)?.push(micros / times);
    }
  }
  for (const [contender, values] of perRecord) {
    process.stdout.write(`${contender}: ${values.map(round1).join(" ")} µs/record\n`);
  }
  const medians = Object.fromEntries([...perRecord].map(([contender, values]) => [contender, round1(median(values))]));
  const flatness = Object.fromEntries(
    Object.keys(builds).map((name) => [
      name,
      Number(((medians[`${name} ${largest}`] ?? 0) / (medians[`${name} ${smallest}`] ?? 1)).toFixed(2)),
    ]),
  );
  process.stdout.write(`${JSON.stringify({ store: kind, pageSize, cpuMicrosPerRecord: medians, flatness })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
