/**
 * One XML cost case in a process of its own (so its peak memory is its own), run by xml-cost.ts with
 * `--max-old-space-size=1024`: builds the file, warms the parser up on a small 850, then times one `parseRsx`.
 * Reports on stdout.
 */
import { parseRsx } from "@ml-connector/rsx";
import { type HostileXmlKind, hostileXml, largeXmlOrder } from "@ml-connector/sandbox";
import { BAD_LINES_JSON } from "./xml-cost.js";

export interface XmlCostRunOutput {
  bytes: number;
  lines: number;
  parseMs: number;
  /** Peak RSS of the process (it includes the file itself and the runtime's start, about 100 MB with tsx). */
  peakRssBytes: number;
  /** RSS just before the parse, the file built: the peak above it is what the parse cost. */
  rssBeforeBytes: number;
  ok: boolean;
  /** The first issue's code and message (cut at 200 characters), for a refused file. */
  firstIssue?: string | undefined;
}

function badLinesJsonOrder(lines: number): string {
  const small = parseRsx(largeXmlOrder(1), { type: "Order" });
  if (!small.ok) throw new Error(`the base 850 does not parse: ${JSON.stringify(small.issues)}`);
  return JSON.stringify({ ...small.document, LineItem: Array.from({ length: lines }, () => ({ Bad: "xxxxxxxxxxx" })) });
}

const kind = process.env.BENCH_XML_CASE ?? "";
const text =
  kind === "large-valid"
    ? largeXmlOrder(45_000)
    : kind === BAD_LINES_JSON
      ? badLinesJsonOrder(450_000)
      : hostileXml(kind as HostileXmlKind);
let lines = 1;
for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
// Warm-up: the schema's compiled validator and the reader's code are built on first use.
const warm = parseRsx(largeXmlOrder(20), { type: "Order" });
if (!warm.ok) throw new Error(`the warm-up 850 does not parse: ${JSON.stringify(warm.issues)}`);
(globalThis as { gc?: () => void }).gc?.();
const rssBeforeBytes = process.memoryUsage().rss;
const started = performance.now();
const result = parseRsx(text, { type: "Order" });
const parseMs = performance.now() - started;
const output: XmlCostRunOutput = {
  bytes: text.length,
  lines,
  parseMs,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  rssBeforeBytes,
  ok: result.ok,
  firstIssue: result.ok ? undefined : `${result.issues[0]?.code}: ${result.issues[0]?.message.slice(0, 200)}`,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
