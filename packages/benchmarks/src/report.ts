import { FLAT_BAND, flatRatios, goalRows, SCALE_RSS_BUDGET_MB } from "./goals.js";
import type { ConsoleResult } from "./measures/console.js";
import type { InvoicesOutResult } from "./measures/invoices-out.js";
import type { ThroughputResult } from "./measures/orders-in.js";
import type { OutboundFlatResult } from "./measures/outbound-flat.js";
import { outboundDocumentType, outboundFlatKeys } from "./measures/outbound-names.js";
import type { PipelineResult } from "./measures/pipeline.js";
import type { ScaleResult } from "./measures/scale.js";
import type { StoreResult } from "./measures/store.js";
import type { StoreFsyncResult } from "./measures/store-fsync.js";
import type { XmlCostResult } from "./measures/xml-cost.js";
import type { Measured, Results } from "./results.js";
import type { OutboundFlow } from "./support/connector.js";

export type { Measured, Results } from "./results.js";

const TARGET_RATIO = 0.85;
const TARGET_SPEEDUP = 5;

const f = (value: number, digits = 1) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => bytes / 1024 ** 2;
const load = (entry: Measured<unknown>) => entry.loadAtStart.map((value) => f(value, 2)).join(" / ");
const when = (entry: Measured<unknown>) => `${entry.measuredAt.slice(0, 16).replace("T", " ")} UTC`;

function get<T>(results: Results, key: string): Measured<T> | undefined {
  return results[key] as Measured<T> | undefined;
}

/** The connector's CPU ceiling: documents per second if its one event loop had a whole core to itself. */
const cpuCeiling = (r: ThroughputResult) => 1000 / r.cpuMsPerDoc;

/** A throughput table: one row per concurrency, the speed-up of the first over the last, a cause for each miss. */
function throughputSection(title: string, results: Results, keys: readonly string[], unit: string): string[] {
  const rows = keys.map((key) => get<ThroughputResult | InvoicesOutResult>(results, key));
  const out = [`### ${title}`, ""];
  if (rows.every((row) => row === undefined)) return [...out, "_Not measured yet._", ""];
  out.push(
    `| C | ${unit} | wall (s) | ${unit}/s | R: requests per ${unit.replace(/s$/, "")} | bound C / (R × 20 ms) | ratio | target ≥ ${TARGET_RATIO} | connector CPU per ${unit.replace(/s$/, "")} (ms) | CPU ceiling, 1 core (${unit}/s) | sandboxes' CPU per ${unit.replace(/s$/, "")} (ms, other process) | load at start (1/5/15 min) |`,
    "|---:|---:|---:|---:|---:|---:|---:|:---|---:|---:|---:|:---|",
  );
  for (const entry of rows) {
    if (!entry) continue;
    const r = entry.value;
    const met = r.ratio >= TARGET_RATIO;
    out.push(
      `| ${r.concurrency} | ${r.documents} | ${f(r.wallMs / 1000)} | ${f(r.docsPerSecond)} | ${f(r.requestsPerDoc, 2)} | ${f(r.bound)} | ${f(r.ratio, 2)} | ${met ? "met" : "**missed**"} | ${f(r.cpuMsPerDoc)} | ${f(cpuCeiling(r))} | ${r.sandboxCpuMsPerDoc === undefined ? "—" : f(r.sandboxCpuMsPerDoc)} | ${load(entry)} |`,
    );
  }
  out.push("");
  const c8 = rows[0];
  const c1 = rows.at(-1);
  if (c8 && c1) {
    const speedup = c8.value.docsPerSecond / c1.value.docsPerSecond;
    out.push(
      `C = ${c8.value.concurrency} against C = ${c1.value.concurrency}: **${f(speedup, 2)}×** (target ≥ ${TARGET_SPEEDUP}×: ${speedup >= TARGET_SPEEDUP ? "met" : "**missed**"}).`,
      "",
    );
  }
  out.push(
    ...rows
      .filter((row): row is Measured<ThroughputResult> => row?.value.audit !== undefined)
      .map(
        (row) =>
          `Audit store calls per document at C = ${row.value.concurrency}: ${f(row.value.audit!.writesPerDoc, 2)} writes, ${f(row.value.audit!.readsPerDoc, 2)} reads (${Object.entries(
            row.value.audit!.byMethod,
          )
            .map(([method, count]) => `${method} ${count}`)
            .join(", ")}).`,
      ),
    "",
    "Requests per route in the timed run: " +
      rows
        .filter((row): row is Measured<ThroughputResult> => row !== undefined)
        .map(
          (row) =>
            `C = ${row.value.concurrency}: ${Object.entries(row.value.byRoute)
              .map(([route, count]) => `${route} ${count}`)
              .join(", ")}`,
        )
        .join("; ") +
      ".",
    "",
  );
  for (const entry of rows) {
    if (!entry || entry.value.ratio >= TARGET_RATIO) continue;
    const r = entry.value;
    const coresAtBound = (r.bound * r.cpuMsPerDoc) / 1000;
    out.push(
      `**Missed at C = ${r.concurrency} (${f(r.ratio, 2)} of the bound): cause.** ` +
        (coresAtBound > 0.85
          ? `The connector is CPU-bound, not network-bound: it spent ${f(r.cpuMsPerDoc)} ms of CPU per ${unit.replace(/s$/, "")} (measured), so reaching the bound of ${f(r.bound)}/s would take ${f(coresAtBound, 2)} cores of its single event loop, which can use at most one; its ceiling on a free core is ${f(cpuCeiling(r))}/s, and this shared machine gave it less than a core: it used ${f((r.docsPerSecond * r.cpuMsPerDoc) / 1000, 2)} of a core (rate × CPU per ${unit.replace(/s$/, "")}); an even share of ${entry.machine.logicalCores} cores at the starting load of ${f(entry.loadAtStart[0], 2)} would be ${f(entry.machine.logicalCores / Math.max(entry.loadAtStart[0], entry.machine.logicalCores), 2)}.${r.sandboxCpuMsPerDoc === undefined ? "" : ` The sandboxes answer every request on the same ${entry.machine.logicalCores} cores: their process spent ${f(r.sandboxCpuMsPerDoc)} ms of CPU per ${unit.replace(/s$/, "")} (measured), so at the bound the connector and the simulators together would need ${f(((r.cpuMsPerDoc + r.sandboxCpuMsPerDoc) * r.bound) / 1000, 2)} cores of this machine's ${entry.machine.logicalCores}, with nothing else running.`} Where the connector's CPU goes is in "Reading the results".`
          : slowerThanBound(r, entry, unit.replace(/s$/, ""))),
      "",
    );
  }
  if (c8 && c1) {
    const speedup = c8.value.docsPerSecond / c1.value.docsPerSecond;
    if (speedup >= TARGET_SPEEDUP && c1.value.ratio < TARGET_RATIO) {
      out.push(
        `**Speed-up met (${f(speedup, 2)}×), read with the C = 1 row.** The C = 1 run reached ${f(c1.value.ratio, 2)} of its bound on this loaded machine (load ${f(c1.loadAtStart[0], 2)} at its start): part of the speed-up is that run's slowness, not only the C = ${c8.value.concurrency} run's overlap.`,
        "",
      );
    }
    if (speedup < TARGET_SPEEDUP) {
      out.push(
        `**Missed speed-up (${f(speedup, 2)}×): cause.** At C = 1 the connector waits on the network most of the time (${f(c1.value.ratio, 2)} of its bound); at C = ${c8.value.concurrency} it is held by CPU: ${cpuCeiling(c8.value) < TARGET_SPEEDUP * c1.value.docsPerSecond ? `its ceiling even on a free core (${f(cpuCeiling(c8.value))}/s) is below ${TARGET_SPEEDUP}× the C = 1 rate (${f(TARGET_SPEEDUP * c1.value.docsPerSecond)}/s)` : `${TARGET_SPEEDUP}× the C = 1 rate (${f(TARGET_SPEEDUP * c1.value.docsPerSecond)}/s) fits its ceiling on a free core (${f(cpuCeiling(c8.value))}/s), but it got ${f((c8.value.docsPerSecond * c8.value.cpuMsPerDoc) / 1000, 2)} of a core on this loaded machine`}.`,
        "",
      );
    }
  }
  out.push(
    `Measured ${rows
      .filter(Boolean)
      .map((row) => when(row as Measured<unknown>))
      .join(", ")}.`,
    "",
  );
  return out;
}

/**
 * Why a run below its CPU limit was slower than its bound: the time per document over what the bound allows, split
 * into the connector's own CPU (measured) and the rest, which neither the network delay nor that CPU explains.
 */
function slowerThanBound(r: ThroughputResult, entry: Measured<unknown>, unit: string): string {
  const allowed = (r.requestsPerDoc * r.latencyMs) / r.concurrency;
  const added = 1000 / r.docsPerSecond - allowed;
  const rest = added - r.cpuMsPerDoc;
  const cores = entry.machine.logicalCores;
  const head = `Per ${unit} the connector adds ${f(added)} ms to the ${f(allowed)} ms the bound allows`;
  if (rest <= r.cpuMsPerDoc) return `${head}, mostly its own CPU (${f(r.cpuMsPerDoc)} ms, measured).`;
  return `${head}: ${f(r.cpuMsPerDoc)} ms of it is its own CPU (measured); the other ${f(rest)} ms is neither that CPU nor the network delay, but waiting: for a core (the load at the start was ${f(entry.loadAtStart[0], 2)} on ${cores} cores, so a runnable process waited its turn most of the time) and for the sandboxes, whose process answers every request on the same ${cores} cores.`;
}

/** The goals table: each goal's verdict from the results that feed it (src/goals.ts). */
function goalsSection(results: Results): string[] {
  const out = ["### Goals", "", "| goal | target | measured | verdict | from |", "|:---|:---|:---|:---|:---|"];
  for (const row of goalRows(results)) {
    const mark = row.verdict === "met" ? "met" : row.verdict === "missed" ? "**missed**" : "not measured";
    out.push(`| ${row.goal} | ${row.target} | ${row.measured} | ${mark} | ${row.from} |`);
  }
  return [...out, ""];
}

/** Which connector the results measured: the packages as built (what users run) or their sources through tsx. */
function connectorLine(results: Results): string {
  const fromSources = Object.entries(results)
    .filter(([, entry]) => entry && (entry.connector ?? (entry.value as { connector?: string }).connector) !== "built")
    .map(([key]) => `\`${key}\``);
  if (fromSources.length === 0) return "Every measure ran the packages as built (`dist/`, what users run).";
  return `The packages as built (\`dist/\`, what users run), except ${fromSources.join(", ")}: their sources through tsx.`;
}

/**
 * The generated part of docs/performance.md: the machine and load, the goals with their verdicts, then each measure's
 * table, all from the kept results. The page's prose (what each measure does, how to read it) is written by hand
 * around it; `pnpm bench` replaces only what lies between the markers.
 */
export function renderReport(results: Results): string {
  const entries = Object.values(results).filter((entry): entry is Measured<unknown> => entry !== undefined);
  // The machine of the latest result: a kernel update between runs is the same machine, described as it is now.
  const machine = [...entries].sort((a, b) => a.measuredAt.localeCompare(b.measuredAt)).at(-1)?.machine;
  const out: string[] = [];
  if (machine) {
    const loads = entries.map((entry) => entry.loadAtStart[0]);
    const runs = [...new Set(entries.map((entry) => entry.run ?? entry.measuredAt.slice(0, 16)))];
    out.push(
      `Machine: ${machine.cpuModel}, ${machine.logicalCores} logical cores, ${f(machine.totalMemoryGiB)} GiB RAM; Node ${machine.node}, ${machine.platform}. Load average (1 min) at the start of the measures: ${f(Math.min(...loads), 2)} to ${f(Math.max(...loads), 2)} on ${machine.logicalCores} cores. Results from ${runs.length} \`pnpm bench\` run${runs.length === 1 ? "" : "s"}, ${entries
        .map((entry) => entry.measuredAt)
        .sort()[0]
        ?.slice(0, 16)
        .replace("T", " ")} to ${entries
        .map((entry) => entry.measuredAt)
        .sort()
        .at(-1)
        ?.slice(0, 16)
        .replace("T", " ")} UTC. ${connectorLine(results)}`,
      "",
    );
  }
  out.push(...goalsSection(results));

  out.push("### 1. Pipeline CPU", "");
  const pipeline = [10, 100].map((lines) => get<PipelineResult>(results, `pipeline-${lines}`));
  if (pipeline.some(Boolean)) {
    out.push(
      "| lines per 850 | documents | wall (s) | docs/s (wall, 1 thread) | docs/s per core (CPU time) | CPU µs per line | load at start (1/5/15 min) |",
      "|---:|---:|---:|---:|---:|---:|:---|",
    );
    for (const entry of pipeline) {
      if (!entry) continue;
      const r = entry.value;
      out.push(
        `| ${r.lines} | ${r.documents.toLocaleString("en-US")} | ${f(r.wallMs / 1000)} | ${f(r.docsPerSecond)} | ${f(r.docsPerCpuSecond)} | ${f(r.cpuMicrosPerLine)} | ${load(entry)} |`,
      );
    }
    out.push(
      "",
      `Measured ${pipeline
        .filter(Boolean)
        .map((e) => when(e as Measured<unknown>))
        .join(", ")}.`,
      "",
    );
  } else out.push("_Not measured yet._", "");

  out.push(
    ...throughputSection("2. orders-in end to end", results, ["orders-in-c8", "orders-in-c16", "orders-in-c1"], "docs"),
    ...throughputSection(
      "3. invoices-out end to end",
      results,
      ["invoices-out-c8", "invoices-out-c16", "invoices-out-c1"],
      "invoices",
    ),
  );

  out.push(...scaleSection(results));

  out.push("### 5. Store: audit writes", "");
  const stores = Object.keys(results)
    .filter((key) => key.startsWith("store-"))
    .map((key) => get<StoreResult>(results, key))
    .filter((entry): entry is Measured<StoreResult> => entry !== undefined);
  if (stores.length > 0) {
    out.push(
      "| store | documents | writes per document | documents/s | writes/s | ms per write (wall) | CPU ms per document | findDocuments by fileName with that many stored (µs) | load at start (1/5/15 min) |",
      "|:---|---:|---:|---:|---:|---:|---:|---:|:---|",
    );
    for (const entry of stores) {
      const r = entry.value;
      out.push(
        `| ${r.store} | ${r.documents.toLocaleString("en-US")} | ${r.writesPerDoc} | ${f(r.docsPerSecond)} | ${f(r.writesPerSecond)} | ${f(r.msPerWrite, 2)} | ${f(r.cpuMs / r.documents, 2)} | ${r.lookupMicros === undefined ? "—" : f(r.lookupMicros)} | ${load(entry)} |`,
      );
    }
    out.push("", `Measured ${stores.map(when).join(", ")}.`, "");
  } else out.push("_Not measured yet._", "");

  out.push(...storesSection(results));
  out.push(...xmlCostSection(results));
  out.push(...consoleSection(results));
  return `${out.join("\n")}\n`;
}

/** The scale cases: Node's defaults on tmpfs, the same with a heap budget, and the 1,000 case with the file on disk. */
function scaleSection(results: Results): string[] {
  const out = ["### 4. Scale: POs waiting in the mailbox", ""];
  const series = (prefix: string) =>
    Object.keys(results)
      .filter((key) => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)))
      .map((key) => get<ScaleResult>(results, key))
      .filter((entry): entry is Measured<ScaleResult> => entry !== undefined)
      .sort((a, b) => a.value.documents - b.value.documents);
  const defaults = series("scale-").filter((entry) => entry.value.dbDir === "/dev/shm");
  const budget = series("scale-budget-");
  const disk = series("scale-disk-");
  const all = [...defaults, ...budget, ...disk];
  if (all.length === 0) return [...out, "_Not measured yet._", ""];
  const baseOf = (group: Measured<ScaleResult>[]) => group.find((entry) => entry.value.documents === 1000) ?? group[0];
  const heapOf = (r: ScaleResult) => (r.nodeFlags?.length ? r.nodeFlags.join(" ") : "Node's default");
  const optional = (bytes: number | undefined) => (bytes === undefined ? "—" : f(mb(bytes)));
  out.push(
    "| POs in the mailbox | SQLite file in | heap limit | wall (s) | ms per doc (wall) | connector CPU ms per doc | connector peak RSS (MB) | Δ vs 1,000 (MB) | within " +
      `${SCALE_RSS_BUDGET_MB} MB | RSS before the first document (MB) | peak V8 heap reserved (MB) | of it, young generation (MB) | peak old generation used (MB) | peak heap used (MB) | heap used after V8's own full GCs (MB, how many) | heap after the run + forced full GC (MB) | external (MB) | Node warnings | sandboxes' RSS (MB, other process) | load at start (1/5/15 min) |`,
    "|---:|:---|:---|---:|---:|---:|---:|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|:---|---:|:---|",
  );
  for (const group of [defaults, budget, disk]) {
    const base = baseOf(group);
    for (const entry of group) {
      const r = entry.value;
      const compared = base !== undefined && r.documents > base.value.documents && group !== disk;
      const delta = base ? mb(r.peakRssBytes) - mb(base.value.peakRssBytes) : 0;
      const warnings =
        r.warnings === undefined
          ? "—"
          : Object.entries(r.warnings)
              .map(([name, count]) => `${name} ×${count}`)
              .join(", ") || "none";
      out.push(
        `| ${r.documents.toLocaleString("en-US")} | ${r.dbDir === "/dev/shm" ? "tmpfs" : `disk (${r.dbDir})`} | ${heapOf(r)} | ${f(r.wallMs / 1000)} | ${f(r.msPerDoc, 2)} | ${f(r.cpuMsPerDoc, 2)} | ${f(mb(r.peakRssBytes))} | ${compared ? f(delta) : "—"} | ${compared ? (delta <= SCALE_RSS_BUDGET_MB ? "met" : "**missed**") : "—"} | ${f(mb(r.startRssBytes))} | ${optional(r.peakHeapTotalBytes)} | ${optional(r.peakNewSpaceBytes)} | ${optional(r.peakOldSpaceUsedBytes)} | ${f(mb(r.peakHeapUsedBytes))} | ${r.peakHeapAfterMajorGcBytes === undefined ? "—" : r.majorGcs ? `${f(mb(r.peakHeapAfterMajorGcBytes))} (${r.majorGcs})` : "none ran"} | ${optional(r.retainedHeapBytes)} | ${optional(r.peakExternalBytes)} | ${warnings} | ${f(mb(r.sandboxRssBytes))} | ${load(entry)} |`,
      );
    }
  }
  out.push("");
  out.push(...scaleMemoryNotes(defaults, budget));
  const base1k = baseOf(defaults)?.value;
  for (const entry of defaults) {
    const r = entry.value;
    if (!base1k || r === base1k) continue;
    out.push(
      `${r.documents.toLocaleString("en-US")} against 1,000: wall time per document ×${f(r.msPerDoc / base1k.msPerDoc, 2)}, the connector's CPU per document ×${f(r.cpuMsPerDoc / base1k.cpuMsPerDoc, 2)}.`,
    );
  }
  out.push("");
  if (!defaults.some((entry) => entry.value.documents === 50_000)) {
    out.push("50,000: not in these results; `npx -y pnpm@12.4.2 bench:scale-50k` measures it beside a 1,000 case.", "");
  }
  out.push(
    `Measured (start, and how long the whole case took): ${all.map((entry) => `${when(entry)} (${f(entry.durationS, 0)} s)`).join(", ")}.`,
    "",
  );
  return out;
}

/**
 * What the peak RSS of the largest case is made of, from the sampled parts: the heap V8 reserved (young and old
 * generation), what was live after V8's own full collections, and the same case with a heap budget.
 */
function scaleMemoryNotes(defaults: Measured<ScaleResult>[], budget: Measured<ScaleResult>[]): string[] {
  const base = defaults.find((entry) => entry.value.documents === 1000)?.value;
  const large = defaults.at(-1)?.value;
  if (!base || !large || large === base) return [];
  const sizes = `${f(large.documents, 0)} against ${f(base.documents, 0)}`;
  const delta = (pick: (r: ScaleResult) => number | undefined, of = large, against = base) => {
    const a = pick(of);
    const b = pick(against);
    if (a === undefined || b === undefined) return undefined;
    const d = mb(a) - mb(b);
    return `${f(mb(a))} MB against ${f(mb(b))} MB (${d >= 0 ? "+" : ""}${f(d)} MB)`;
  };
  const heap = delta((r) => r.peakHeapTotalBytes);
  const young = delta((r) => r.peakNewSpaceBytes);
  const old = delta((r) => r.peakOldSpaceUsedBytes);
  const external = delta((r) => r.peakExternalBytes);
  const parts = [`**What the peak RSS is made of (${sizes}).** Peak RSS ${delta((r) => r.peakRssBytes)}.`];
  if (heap) parts.push(`V8's heap reserved: ${heap}${young ? `, of which the young generation ${young}` : ""}.`);
  if (old) parts.push(`Old generation used at its peak: ${old}.`);
  if (external) {
    parts.push(`Outside the heap: external ${external}, array buffers ${delta((r) => r.peakArrayBuffersBytes)}.`);
  }
  const afterGc = delta((r) => r.peakHeapAfterMajorGcBytes);
  const retained = delta((r) => r.retainedHeapBytes);
  if (afterGc || retained) {
    parts.push(
      `What the connector holds: ${afterGc ? `the heap used just after each full collection V8 ran during the run (${large.majorGcs} at ${f(large.documents, 0)}, ${base.majorGcs} at ${f(base.documents, 0)}) peaked at ${afterGc}; ` : ""}after the run and a forced full GC, ${retained}. The rest of the peak heap is garbage V8 had not collected yet. With Node's default limit on a machine with gigabytes of memory, V8 sets the old generation's next limit at each full collection to 1.1 to 4 times what survived it, the factor chosen from its collector's speed against the program's old-generation allocation speed. The faster the program fills the old generation against the collector's speed, the larger the factor (4 once it fills it faster than about a 43rd of that speed): a long run peaks at the largest limit any of its collections set, so one cycle that measured its collector slow (other work on the machine) or followed a burst of allocation can set its peak, while a 1,000 case ends after a collection or two. \`src/profile/gc-trace.ts\` prints each collection's factor, the two speeds and the limit.`,
    );
  }
  const budgetBase = budget.find((entry) => entry.value.documents === 1000)?.value;
  const budgetLarge = budget.find((entry) => entry.value.documents === large.documents)?.value;
  if (budgetBase && budgetLarge) {
    const flags = budgetLarge.nodeFlags?.join(" ") ?? "";
    parts.push(
      `With \`${flags}\` (a ceiling, not a reservation; V8 then grows the heap by a smaller factor): peak RSS ${delta((r) => r.peakRssBytes, budgetLarge, budgetBase)}, peak heap used ${delta((r) => r.peakHeapUsedBytes, budgetLarge, budgetBase)}, CPU per document ${f(budgetLarge.cpuMsPerDoc, 2)} ms against ${f(budgetBase.cpuMsPerDoc, 2)} ms (Node's default: ${f(large.cpuMsPerDoc, 2)} against ${f(base.cpuMsPerDoc, 2)}).`,
    );
  }
  return [parts.join(" "), ""];
}

/** Bounds a hostile file must stay within; the 45,000-line 850 has its own time bound. */
const HOSTILE_MAX_MS = 1000;
const HOSTILE_MAX_MB = 200;
const LARGE_VALID_MAX_MS = 2000;

function xmlCostSection(results: Results): string[] {
  const out = ["### 6. XML cost: hostile files and a large order", ""];
  const entry = get<XmlCostResult>(results, "xml-cost");
  if (!entry) return [...out, "_Not measured yet._", ""];
  out.push(
    "| file | size (MB) | XML lines | parse (ms) | RSS before (MB) | peak RSS (MB) | peak above before (MB) | outcome | bound |",
    "|:---|---:|---:|---:|---:|---:|---:|:---|:---|",
  );
  for (const c of entry.value.cases) {
    const above = Math.max(0, mb(c.peakRssBytes - c.rssBeforeBytes));
    const met =
      c.kind === "large-valid"
        ? c.ok && c.parseMs < LARGE_VALID_MAX_MS
        : c.parseMs <= HOSTILE_MAX_MS && above <= HOSTILE_MAX_MB;
    const outcome = c.ok ? "parsed" : `refused (${(c.firstIssue ?? "").split(":")[0]})`;
    out.push(
      `| ${c.kind} | ${f(mb(c.bytes))} | ${c.lines.toLocaleString("en-US")} | ${f(c.parseMs, 0)} | ${f(mb(c.rssBeforeBytes), 0)} | ${f(mb(c.peakRssBytes), 0)} | ${f(above, 0)} | ${outcome} | ${met ? "met" : "**missed**"} |`,
    );
  }
  out.push("", `Measured ${when(entry)}, load at start ${load(entry)}.`, "");
  return out;
}

/** The console's answers must stay under this, whatever the number of documents (100,000 measured). */
const CONSOLE_MAX_MS = 100;

function consoleSection(results: Results): string[] {
  const out = ["### 7. Console: the API's answers over a large audit trail", ""];
  const entry = get<ConsoleResult>(results, "console-sqlite");
  if (!entry) return [...out, "_Not measured yet._", ""];
  const r = entry.value;
  out.push(
    `${r.documents.toLocaleString("en-US")} documents, ${r.runs} runs per request, filled in ${f(r.fillMs / 1000, 1)} s.`,
    "",
    "| request | API call | items in the answer | median ms | p95 ms | max ms |",
    "|:---|:---|---:|---:|---:|---:|",
  );
  for (const t of r.timings) {
    out.push(
      `| ${t.name} | \`${t.request.replace(/cursor=[^&]+/, "cursor=…")}\` | ${t.items} | ${f(t.medianMs, 2)} | ${f(t.p95Ms, 2)} | ${f(t.maxMs, 2)} |`,
    );
  }
  const targeted = r.timings.filter((t) => /^(first page|filtered|one PO)/.test(t.name));
  const slowest = Math.max(...targeted.map((t) => t.medianMs));
  out.push(
    "",
    `The first page, the filtered pages and a PO's story: slowest median ${f(slowest, 2)} ms (target under ${CONSOLE_MAX_MS} ms: ${slowest < CONSOLE_MAX_MS ? "met" : "**missed**"}).`,
    "",
    `Measured ${when(entry)}, load at start ${load(entry)}.`,
    "",
  );
  return out;
}

const fsyncKindLabel: Record<StoreFsyncResult["cases"][number]["kind"], string> = {
  "850": "850 creating an order (orders-in)",
  "810": "810 posted (invoices-out)",
  "856": "856 of one pack posted (asns-out)",
};

/** Stores: write transactions and fsyncs per document on SQLite, and outbound CPU per document at two sizes. */
function storesSection(results: Results): string[] {
  const out = ["### Stores: transactions per document and outbound CPU by size", ""];
  const fsync = get<StoreFsyncResult>(results, "audit-fsync");
  if (fsync) {
    out.push(
      "The audit writes of documents one after the other (C = 1) on a SQLite file (WAL, synchronous = FULL), in the",
      "flows' order (an 850's file removed once its outcome is durable), each case a process of its own, the cases",
      "interleaved: `each` commits every write on its own (how the store wrote before group commit), `grouped` is the",
      "store as it is. Counted from the first document to the last one's writes; the run's end (what no next document",
      "commits) is the last column, once per run. A commit is one fsync; the WAL checkpoints' fsyncs are counted apart.",
      `fsyncs counted by ${fsync.value.counter}; CPU from a run without strace.`,
      "",
      "| document | writes committed | documents | write transactions per document | fsyncs per document | of which WAL checkpoints | CPU ms per document | run's end: transactions |",
      "|:---|:---|---:|---:|---:|---:|---:|---:|",
    );
    const dash = (value: number | undefined, digits: number) => (value === undefined ? "—" : f(value, digits));
    for (const c of fsync.value.cases) {
      out.push(
        `| ${fsyncKindLabel[c.kind]} | ${c.mode} | ${c.documents} | ${f(c.transactionsPerDoc, 2)} | ${dash(c.fsyncsPerDoc, 2)} | ${dash(c.checkpointFsyncsPerDoc, 2)} | ${f(c.cpuMsPerDoc, 2)} | ${dash(c.runEndTransactions, 0)} |`,
      );
    }
    out.push("", `Measured ${when(fsync)}, load ${load(fsync)}.`, "");
  }
  const flats = (Object.keys(outboundFlatKeys) as OutboundFlow[]).flatMap((flow) => {
    const entry = get<OutboundFlatResult>(results, outboundFlatKeys[flow]);
    return entry ? [{ flow, entry }] : [];
  });
  for (const { flow, entry } of flats) {
    const v = entry.value;
    const type = outboundDocumentType[flow];
    out.push(
      `${flow}, C = ${v.concurrency}, no latency: CPU per ${type} with a small and a large history already in the stores, the same ${v.rounds} batches of ${v.batch} each, taking turns (goal: within ±${FLAT_BAND * 100} %).`,
      "",
      `| stores | handled in the stores (before → after) | CPU ms per ${type} | by round | wall ms per ${type} | sandboxes' CPU ms per ${type} |`,
      "|:---|---:|---:|:---|---:|---:|",
      ...v.cases.map(
        (c) =>
          `| ${c.store === "memory" ? "memory" : "SQLite on tmpfs"} | ${c.historyBefore.toLocaleString("en-US")} → ${c.historyAfter.toLocaleString("en-US")} | ${f(c.cpuMsPerDoc, 2)} | ${c.roundCpuMsPerDoc.map((cpu) => f(cpu, 2)).join(" / ")} | ${f(c.wallMsPerDoc, 2)} | ${f(c.sandboxCpuMsPerDoc, 2)} |`,
      ),
      "",
      ...flatRatios(v).map(
        ({ store, small, large, ratio, ratios }) =>
          `${store === "memory" ? "Memory stores" : "SQLite"}: ${large.historyBefore.toLocaleString("en-US")} against ${small.historyBefore.toLocaleString("en-US")}, median of the rounds' ratios (${ratios.map((r) => f(r, 2)).join(", ")}) **${f(ratio, 2)}** (${Math.abs(ratio - 1) <= FLAT_BAND ? "met" : "missed"}).`,
      ),
      "",
      `Measured ${when(entry)}, load ${load(entry)}.`,
      "",
    );
  }
  if (!fsync && flats.length === 0) out.push("_Not measured yet._", "");
  return out;
}
