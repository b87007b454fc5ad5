/**
 * The performance goals, each judged from the results of the measures that feed it. docs/performance.md shows them as
 * one table, regenerated with the numbers: a verdict never outlives the run it comes from. A measure that feeds a goal
 * adds its check to `goalChecks`; a goal whose measure is not in the results says so instead of a verdict.
 */
import type { BareClientResult, BareClientRow } from "./measures/bare-client.js";
import type { BareInvoicesResult } from "./measures/bare-invoices.js";
import type { InvoicesOutResult } from "./measures/invoices-out.js";
import type { ThroughputResult } from "./measures/orders-in.js";
import type { OutboundFlatResult } from "./measures/outbound-flat.js";
import { outboundDocumentType, outboundFlatKeys } from "./measures/outbound-names.js";
import type { ScaleResult } from "./measures/scale.js";
import type { StoreFsyncResult } from "./measures/store-fsync.js";
import type { Measured, Results } from "./results.js";
import type { OutboundFlow } from "./support/connector.js";

export interface GoalRow {
  goal: string;
  target: string;
  /** What the run gave, with the figures the verdict is computed from. */
  measured: string;
  verdict: "met" | "missed" | "not measured";
  /** The results it was judged from: measure keys, when they ran, the load then. */
  from: string;
}

export type GoalCheck = (results: Results) => GoalRow[];

const f = (value: number, digits = 1) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => bytes / 1024 ** 2;

function get<T>(results: Results, key: string): Measured<T> | undefined {
  return results[key] as Measured<T> | undefined;
}

/** `orders-in-c8` (2026-12-04 19:40 UTC, load 3.21) + ... */
export function source(results: Results, keys: readonly string[]): string {
  return keys
    .map((key) => {
      const entry = results[key];
      return entry
        ? `\`${key}\` (${entry.measuredAt.slice(0, 16).replace("T", " ")} UTC, load ${f(entry.loadAtStart[0], 2)})`
        : `\`${key}\` (not in the results)`;
    })
    .join(" + ");
}

/** A goal no measure of this run feeds: which results it needs. */
export function notMeasured(goal: string, target: string, needs: string): GoalRow {
  return { goal, target, measured: `needs ${needs}`, verdict: "not measured", from: "—" };
}

const verdict = (met: boolean): GoalRow["verdict"] => (met ? "met" : "missed");

/** Section 2/3's runs against the network bound C / (R × L). */
const THROUGHPUT_TARGET = 0.85;
/** The untimed warm-up run before the timed one, when the result has it (orders-in's). */
const warmupRun = (r: ThroughputResult | InvoicesOutResult) =>
  "warmup" in r && r.warmup
    ? `; the warm-up run of ${r.warmup.documents}: ${f(r.warmup.ratio, 2)}, CPU ${f(r.warmup.cpuMsPerDoc, 2)} ms`
    : "";
const throughputGoals: GoalCheck = (results) =>
  (
    [
      ["orders-in", "orders-in-c8"],
      ["orders-in", "orders-in-c16"],
      ["invoices-out", "invoices-out-c8"],
      ["invoices-out", "invoices-out-c16"],
    ] as const
  ).map(([flow, key]) => {
    const entry = get<ThroughputResult | InvoicesOutResult>(results, key);
    const concurrency = key.slice(key.lastIndexOf("-c") + 2);
    const goal = `${flow} at C = ${concurrency}: rate over the bound C / (R × L)`;
    const target = `≥ ${THROUGHPUT_TARGET}`;
    if (!entry) return notMeasured(goal, target, `the \`${key}\` result`);
    const r = entry.value;
    return {
      goal,
      target,
      measured: `${f(r.ratio, 2)} (${f(r.docsPerSecond)}/s of a bound of ${f(r.bound)}/s; connector CPU ${f(r.cpuMsPerDoc, 2)} ms per document${warmupRun(r)})`,
      verdict: verdict(r.ratio >= THROUGHPUT_TARGET),
      from: source(results, [key]),
    };
  });

/**
 * Beside the verdict (which stays on Node's defaults): what the connector held (heap used after V8's own full
 * collections) and the same pair of sizes under a heap ceiling, when the run measured them.
 */
function scaleRssContext(results: Results, large: ScaleResult): string {
  const parts: string[] = [];
  const kept = get<ScaleResult>(results, "scale-1000")?.value;
  if (large.peakHeapAfterMajorGcBytes !== undefined && kept?.peakHeapAfterMajorGcBytes !== undefined) {
    parts.push(
      `heap held after V8's full collections ${f(mb(large.peakHeapAfterMajorGcBytes))} MB against ${f(mb(kept.peakHeapAfterMajorGcBytes))} MB`,
    );
  }
  const budgetLarge = get<ScaleResult>(results, "scale-budget-50000")?.value;
  const budgetBase = get<ScaleResult>(results, "scale-budget-1000")?.value;
  if (budgetLarge && budgetBase) {
    const delta = mb(budgetLarge.peakRssBytes) - mb(budgetBase.peakRssBytes);
    parts.push(
      `with \`${budgetLarge.nodeFlags?.join(" ") ?? ""}\`: ${delta >= 0 ? "+" : ""}${f(delta)} MB (${f(mb(budgetLarge.peakRssBytes))} against ${f(mb(budgetBase.peakRssBytes))} MB)`,
    );
  }
  return parts.length > 0 ? `; ${parts.join("; ")}` : "";
}

/** The scale measure: 50,000 POs waiting against 1,000, same store and settings. */
export const SCALE_TIME_RATIO = 1.3;
export const SCALE_RSS_BUDGET_MB = 50;
const scaleGoals: GoalCheck = (results) => {
  const timeGoal = "scale: the connector's wall time per document at 50,000 POs against 1,000";
  const rssGoal = "scale: the connector's peak RSS at 50,000 POs against 1,000";
  const large = get<ScaleResult>(results, "scale-50000");
  const kept = get<ScaleResult>(results, "scale-1000");
  // The 1,000 case of the 50,000 case's own run when it kept one; else the latest 1,000 case, said to be from another run.
  const ownBase = large?.value.baseline;
  const base = ownBase
    ? { value: ownBase, measuredAt: ownBase.measuredAt, loadAtStart: ownBase.loadAtStart, sameRun: true }
    : kept && {
        value: kept.value,
        measuredAt: kept.measuredAt,
        loadAtStart: kept.loadAtStart,
        sameRun: kept.run !== undefined && kept.run === large?.run,
      };
  if (!base || !large) {
    const needs = "`scale-1000` and `scale-50000` (`npx -y pnpm@12.4.2 bench:scale-50k`)";
    return [
      notMeasured(timeGoal, `≤ ${SCALE_TIME_RATIO}×`, needs),
      notMeasured(rssGoal, `≤ +${SCALE_RSS_BUDGET_MB} MB`, needs),
    ];
  }
  const sameRun = base.sameRun ? "" : "; the two from different runs";
  const at = (measuredAt: string, load: number) =>
    `${measuredAt.slice(0, 16).replace("T", " ")} UTC, load ${f(load, 2)}`;
  const from = `${base.sameRun ? "the same run's 1,000 case" : "`scale-1000`"} (${at(base.measuredAt, base.loadAtStart[0])}) + \`scale-50000\` (${at(large.measuredAt, large.loadAtStart[0])})`;
  const timeRatio = large.value.msPerDoc / base.value.msPerDoc;
  const rssDelta = mb(large.value.peakRssBytes) - mb(base.value.peakRssBytes);
  return [
    {
      goal: timeGoal,
      target: `≤ ${SCALE_TIME_RATIO}×`,
      measured: `${f(timeRatio, 2)}× (${f(large.value.msPerDoc, 2)} ms against ${f(base.value.msPerDoc, 2)} ms; CPU per document ${f(large.value.cpuMsPerDoc, 2)} against ${f(base.value.cpuMsPerDoc, 2)} ms${sameRun})`,
      verdict: verdict(timeRatio <= SCALE_TIME_RATIO),
      from,
    },
    {
      goal: rssGoal,
      target: `≤ +${SCALE_RSS_BUDGET_MB} MB`,
      measured: `${rssDelta >= 0 ? "+" : ""}${f(rssDelta)} MB (${f(mb(large.value.peakRssBytes))} MB against ${f(mb(base.value.peakRssBytes))} MB${sameRun})${scaleRssContext(results, large.value)}`,
      verdict: verdict(rssDelta <= SCALE_RSS_BUDGET_MB),
      from,
    },
  ];
};

/**
 * A side-by-side ratio round by round. The verdict is the warm rounds' (all but the first); the first, a fresh process
 * where V8 is still compiling everyone's code, is shown in brackets.
 */
const byRound = (ratios: number[] | undefined) =>
  ratios && ratios.length > 1
    ? `; by round (${f(ratios[0] ?? Number.NaN, 2)}×), ${ratios
        .slice(1)
        .map((ratio) => `${f(ratio, 2)}×`)
        .join(", ")}`
    : "";

/** A fixed-seed linear congruential generator: the interval below is the same each time the page is rendered. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A 90 % bootstrap interval: `statistic` of 2,000 resamples, each drawing indices below `size` with replacement from
 * one fixed-seed sequence (`draw`), and the 5th and 95th percentiles of those values.
 */
function bootstrapInterval(size: number, statistic: (draw: () => number) => number): { low: number; high: number } {
  const random = seededRandom(0x5eed);
  const draw = () => Math.floor(random() * size);
  const values = Array.from({ length: 2000 }, () => statistic(draw)).sort((a, b) => a - b);
  return {
    low: values[Math.floor(values.length * 0.05)] ?? Number.NaN,
    high: values[Math.floor(values.length * 0.95)] ?? Number.NaN,
  };
}

/**
 * How far the judged ratio could fall from its rounds alone: the rounds (all but the first) resampled with replacement
 * 2,000 times, each resample's ratio of summed CPU taken as the verdict takes it, and the 5th and 95th percentiles of
 * those. A round keeps its pair together (both contenders ran in it, under the same load). An interval that holds the
 * target means this run cannot tell met from missed; another run may give the other verdict.
 */
function roundsInterval(
  connectorByRound: readonly number[] | undefined,
  bareByRound: readonly number[] | undefined,
): { low: number; high: number } | undefined {
  if (!connectorByRound || !bareByRound) return undefined;
  const rounds = Math.min(connectorByRound.length, bareByRound.length);
  if (rounds < 3) return undefined;
  // Round 0 is not judged: the resamples draw from rounds 1 to rounds - 1.
  const judged = rounds - 1;
  return bootstrapInterval(judged, (draw) => {
    let connector = 0;
    let bare = 0;
    for (let pick = 0; pick < judged; pick++) {
      const round = 1 + draw();
      connector += connectorByRound[round] ?? Number.NaN;
      bare += bareByRound[round] ?? Number.NaN;
    }
    return connector / bare;
  });
}

/** The interval of `roundsInterval`, as the goal row shows it. */
const interval = (connector: BareClientRow, bare: BareClientRow) => {
  const range = roundsInterval(connector.cpuMsPerDocByRound, bare.cpuMsPerDocByRound);
  return range ? `; 90 % interval from the rounds ${f(range.low, 2)}× to ${f(range.high, 2)}×` : "";
};

/** The contender's ratio over its first run in a fresh process (the warm-up, not judged), when the result has it. */
const fresh = (v: BareClientResult, who: "memory" | "sqlite") =>
  v.warmup
    ? `; first ${v.warmup.documents} of a fresh process ${f(v.warmup.cpuMsPerDoc[who] / v.warmup.cpuMsPerDoc.bare, 2)}×`
    : "";

/**
 * Where a connector's CPU beyond the bare client's lies, when the result has the clients alone: the clients' request
 * stack (their CPU against the bare client's), or the connector's own steps (the connector less the clients alone).
 */
const ownSteps = (v: BareClientResult) => (connector: BareClientRow) =>
  v.clients
    ? `; the same requests through the connector's clients alone ${f(v.clients.cpuMsPerDoc, 2)} ms (${f(v.clients.cpuMsPerDoc / v.bare.cpuMsPerDoc, 2)}×${byRound(v.roundRatios?.clients)}), the connector's own steps ${f(connector.cpuMsPerDoc - v.clients.cpuMsPerDoc, 2)} ms`
    : "";

/** orders-in's CPU per 850 against a bare node:http client doing the same requests, measured side by side. */
const BARE_MEMORY_RATIO = 1.5;
const BARE_SQLITE_RATIO = 2.0;
const bareClientGoals: GoalCheck = (results) => {
  const memoryGoal = "orders-in CPU per 850 against a bare node:http client doing the same requests (memory stores)";
  const sqliteGoal = "orders-in CPU per 850 against a bare node:http client doing the same requests (SQLite on tmpfs)";
  const entry = get<BareClientResult>(results, "bare-client");
  if (!entry) {
    return [
      notMeasured(memoryGoal, `≤ ${BARE_MEMORY_RATIO.toFixed(1)}×`, "the `bare-client` measure"),
      notMeasured(sqliteGoal, `≤ ${BARE_SQLITE_RATIO.toFixed(1)}×`, "the `bare-client` measure"),
    ];
  }
  const v = entry.value;
  const from = source(results, ["bare-client"]);
  const bare = `bare client ${f(v.bare.cpuMsPerDoc, 2)} ms`;
  const split = ownSteps(v);
  return [
    {
      goal: memoryGoal,
      target: `≤ ${BARE_MEMORY_RATIO.toFixed(1)}×`,
      measured: `${f(v.memoryRatio, 2)}× (connector ${f(v.connectorMemory.cpuMsPerDoc, 2)} ms against ${bare}${interval(v.connectorMemory, v.bare)}${byRound(v.roundRatios?.memory)}${fresh(v, "memory")}${split(v.connectorMemory)})`,
      verdict: verdict(v.memoryRatio <= BARE_MEMORY_RATIO),
      from,
    },
    {
      goal: sqliteGoal,
      target: `≤ ${BARE_SQLITE_RATIO.toFixed(1)}×`,
      measured: `${f(v.sqliteRatio, 2)}× (connector ${f(v.connectorSqlite.cpuMsPerDoc, 2)} ms against ${bare}${interval(v.connectorSqlite, v.bare)}${byRound(v.roundRatios?.sqlite)}${fresh(v, "sqlite")}${split(v.connectorSqlite)})`,
      verdict: verdict(v.sqliteRatio <= BARE_SQLITE_RATIO),
      from,
    },
  ];
};

/**
 * An outbound flow's CPU per document against a bare node:http client making the same requests, side by side, judged
 * with each store: the issue asks invoices-out and the other outbound flows for at most 2x the bare client, whichever
 * store keeps the ledger: invoices-out (810s), asns-out (856s) and acks-out (855s).
 */
const BARE_OUTBOUND_RATIO = 2.0;
const bareOutboundGoals =
  (flow: OutboundFlow, key: string): GoalCheck =>
  (results) => {
    const documentType = outboundDocumentType[flow];
    const goal = (stores: string) =>
      `${flow} CPU per ${documentType} against a bare node:http client doing the same requests (${stores})`;
    const memoryGoal = goal("memory stores");
    const sqliteGoal = goal("SQLite on tmpfs");
    const target = `≤ ${BARE_OUTBOUND_RATIO.toFixed(1)}×`;
    const entry = get<BareInvoicesResult>(results, key);
    if (!entry) {
      const measure = `the \`${key}\` measure (\`BENCH_MEASURES=${key}\`)`;
      return [notMeasured(memoryGoal, target, measure), notMeasured(sqliteGoal, target, measure)];
    }
    const v = entry.value;
    const from = source(results, [key]);
    // Compared as shown (to the hundredth): a sub-request difference in the counters is not a different request set.
    const requests = (connector: BareClientRow) =>
      f(connector.requestsPerDoc, 2) === f(v.bare.requestsPerDoc, 2)
        ? `${f(v.bare.requestsPerDoc, 2)} requests per ${documentType} each`
        : `requests per ${documentType}: connector ${f(connector.requestsPerDoc, 2)}, bare client ${f(v.bare.requestsPerDoc, 2)}`;
    const measured = (ratio: number, connector: BareClientRow, who: "memory" | "sqlite") =>
      `${f(ratio, 2)}× (connector ${f(connector.cpuMsPerDoc, 2)} ms against bare client ${f(v.bare.cpuMsPerDoc, 2)} ms; ${requests(connector)}${interval(connector, v.bare)}${byRound(v.roundRatios?.[who])}${fresh(v, who)}${ownSteps(v)(connector)})`;
    return [
      {
        goal: memoryGoal,
        target,
        measured: measured(v.memoryRatio, v.connectorMemory, "memory"),
        verdict: verdict(v.memoryRatio <= BARE_OUTBOUND_RATIO),
        from,
      },
      {
        goal: sqliteGoal,
        target,
        measured: measured(v.sqliteRatio, v.connectorSqlite, "sqlite"),
        verdict: verdict(v.sqliteRatio <= BARE_OUTBOUND_RATIO),
        from,
      },
    ];
  };

/** SQLite's write transactions and fsyncs per document as the store commits them now (`grouped`). */
const FSYNC_TARGET = 1;
const fsyncGoals: GoalCheck = (results) => {
  const goal = "SQLite write transactions (fsyncs) per document, orders-in and outbound";
  const target = `≤ ${FSYNC_TARGET}`;
  const entry = get<StoreFsyncResult>(results, "audit-fsync");
  const grouped = entry?.value.cases.filter((c) => c.mode === "grouped") ?? [];
  if (!entry || grouped.length === 0)
    return [notMeasured(goal, target, "the `audit-fsync` result (`BENCH_MEASURES=audit-fsync`)")];
  // The commits' fsyncs: the WAL checkpoints' (every 1,000 pages written, whatever the transactions) are shown apart.
  const commitFsyncs = (c: StoreFsyncResult["cases"][number]) =>
    c.fsyncsPerDoc === undefined ? undefined : c.fsyncsPerDoc - (c.checkpointFsyncsPerDoc ?? 0);
  const worst = Math.max(...grouped.map((c) => Math.max(c.transactionsPerDoc, commitFsyncs(c) ?? 0)));
  const fsyncs = (c: StoreFsyncResult["cases"][number]) => {
    if (c.fsyncsPerDoc === undefined) return "";
    if (c.checkpointFsyncsPerDoc === undefined) return `, ${f(c.fsyncsPerDoc, 2)} fsyncs`;
    return `, ${f(c.fsyncsPerDoc, 2)} fsyncs (${f(commitFsyncs(c) ?? 0, 2)} commits, ${f(c.checkpointFsyncsPerDoc, 2)} WAL checkpoints)`;
  };
  const cases = grouped.map((c) => `${c.kind}: ${f(c.transactionsPerDoc, 2)} transactions${fsyncs(c)}`).join("; ");
  return [
    { goal, target, measured: cases, verdict: verdict(worst <= FSYNC_TARGET), from: source(results, ["audit-fsync"]) },
  ];
};

/** Each outbound flow's CPU per document with the large history against the small one, same batches, each store. */
export const FLAT_BAND = 0.15;
const outboundFlatGoals: GoalCheck = (results) => {
  const target = `flat, ±${FLAT_BAND * 100} %`;
  return (Object.keys(outboundFlatKeys) as OutboundFlow[]).flatMap((flow) => {
    const key = outboundFlatKeys[flow];
    const entry = get<OutboundFlatResult>(results, key);
    if (!entry) {
      const goal = `${flow} CPU per ${outboundDocumentType[flow]} from 500 to 5,000 documents`;
      const how = `the \`${key}\` result (\`BENCH_MEASURES=outbound-flat BENCH_FLAT_FLOWS=${flow}\`)`;
      return [notMeasured(goal, target, how)];
    }
    const type = outboundDocumentType[flow];
    return flatRatios(entry.value).map(({ store, small, large, ratio, interval }) => ({
      goal: `${flow} CPU per ${type} from ${small.historyBefore.toLocaleString("en-US")} to ${large.historyBefore.toLocaleString("en-US")} handled in the stores (${store === "memory" ? "memory stores" : "SQLite on tmpfs"})`,
      target,
      measured: `${f(ratio, 2)}× (median of ${entry.value.rounds} rounds of ${entry.value.batch}${interval ? `, 90 % interval from the rounds ${f(interval.low, 2)}× to ${f(interval.high, 2)}×` : ""}; over all rounds ${f(large.cpuMsPerDoc, 2)} ms per ${type} with ${large.historyBefore.toLocaleString("en-US")} handled against ${f(small.cpuMsPerDoc, 2)} ms with ${small.historyBefore.toLocaleString("en-US")})`,
      verdict: verdict(Math.abs(ratio - 1) <= FLAT_BAND),
      from: source(results, [key]),
    }));
  });
};

/** The median of sorted values. */
const medianOfSorted = (sorted: readonly number[]) => {
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(middle)] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

/**
 * How far the median of the rounds' ratios could fall from its rounds alone: the rounds resampled with replacement
 * 2,000 times, the median of each resample, and the 5th and 95th percentiles of those (as `roundsInterval` does for
 * the side-by-side goals). An interval that holds a bound of the band means this run cannot tell met from missed.
 */
function medianInterval(ratios: readonly number[]): { low: number; high: number } | undefined {
  if (ratios.length < 3) return undefined;
  return bootstrapInterval(ratios.length, (draw) =>
    medianOfSorted(Array.from({ length: ratios.length }, () => ratios[draw()] as number).sort((a, b) => a - b)),
  );
}

/**
 * Per store: the case with the least history, the one with the most, the median over rounds of the ratio of their
 * CPU per document (the two runs of a round are next to each other, so a change of load hits both) and its 90 %
 * interval from the rounds.
 */
export function flatRatios(result: OutboundFlatResult) {
  const stores = [...new Set(result.cases.map((c) => c.store))];
  return stores.flatMap((store) => {
    const cases = result.cases.filter((c) => c.store === store).sort((a, b) => a.historyBefore - b.historyBefore);
    const small = cases[0];
    const large = cases.at(-1);
    if (!small || !large || small === large) return [];
    const ratios = large.roundCpuMsPerDoc
      .map((cpu, round) => cpu / (small.roundCpuMsPerDoc[round] ?? Number.NaN))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return [{ store, small, large, ratio: medianOfSorted(ratios), ratios, interval: medianInterval(ratios) }];
  });
}

/** Every goal, in the order the table shows them. */
export const goalChecks: GoalCheck[] = [
  bareClientGoals,
  bareOutboundGoals("invoices-out", "bare-invoices"),
  bareOutboundGoals("asns-out", "bare-asns"),
  bareOutboundGoals("acks-out", "bare-acks"),
  fsyncGoals,
  outboundFlatGoals,
  throughputGoals,
  scaleGoals,
];

export function goalRows(results: Results): GoalRow[] {
  return goalChecks.flatMap((check) => check(results));
}
