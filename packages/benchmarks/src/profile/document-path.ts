/**
 * The document path of an inbound 850 alone, as orders-in reads one (parse with its options, then the common rules),
 * for this checkout's build and, with COMPARE_WITH, another checkout's, alternated round by round in one process:
 *
 *   cd packages/benchmarks
 *   COMPARE_WITH=/path/to/other/checkout node --import tsx src/profile/document-path.ts
 *
 * Both sides run their packages as built (build both first). DOCS distinct 850s (default 300, 5 lines each, as the
 * orders-in benchmarks send) per round, ROUNDS rounds (default 10). THRASH=<KB> (default 2048) walks that much memory
 * between two documents, as the connector's other work does, so each document starts with cold caches. Prints each
 * round's µs per 850 of both sides, then one JSON line: the means, the median difference (this checkout minus the
 * other) and in how many rounds this checkout was lower. Without COMPARE_WITH, prints this checkout's figures alone.
 * STAGE=parse times parseRsx alone, STAGE=rules the common rules alone (on documents each side parsed before).
 */
import { join } from "node:path";
import * as thisRsx from "@ml-connector/rsx";
import { bytesOf, make850 } from "../support/orders.js";

type Rsx = typeof thisRsx;
const otherRoot = process.env.COMPARE_WITH;
const documents = Number(process.env.DOCS ?? 300);
const rounds = Number(process.env.ROUNDS ?? 10);
const thrashBytes = Number(process.env.THRASH ?? 2048) * 1024;
const stage = process.env.STAGE ?? "both";
if (!["both", "parse", "rules"].includes(stage)) throw new Error("STAGE must be both, parse or rules");

const sides: Record<string, Rsx> = { this: thisRsx };
if (otherRoot) {
  sides.other = await import(join(otherRoot, "packages/benchmarks/node_modules/@ml-connector/rsx/dist/index.js"));
}

const payloads = Array.from({ length: documents }, (_, index) => ({
  bytes: bytesOf(make850(`DP${String(index).padStart(6, "0")}`, 5)),
  fileName: `PODP${index}-v7.7-BulkImport.json`,
}));
const thrash = new Float64Array(thrashBytes / 8);
let sink = 0;

/** One document as orders-in reads it (processing.ts: parseInbound, then ruleReasons), or the STAGE asked for. */
function read(rsx: Rsx, payload: { bytes: Uint8Array; fileName: string }, parsedBefore: unknown): void {
  const parsed =
    stage === "rules"
      ? { ok: true as const, type: "Order" as const, document: parsedBefore as thisRsx.Order }
      : rsx.parseRsx(payload.bytes, {
          fileName: payload.fileName,
          type: "Order",
          lenient: false,
          maxBytes: 10 * 1024 * 1024,
        });
  if (!parsed.ok || parsed.type !== "Order") throw new Error(`not read: ${JSON.stringify(parsed).slice(0, 300)}`);
  if (stage === "parse") return;
  const checked = rsx.checkRules("Order", parsed.document, { rules: [rsx.commonRules], lenient: false });
  if (!checked.ok) throw new Error(`rules: ${JSON.stringify(checked.issues)}`);
}

/** Each side's documents as it parsed them, for STAGE=rules. */
const parsedBy = new Map(
  Object.entries(sides).map(([side, rsx]) => [
    side,
    payloads.map((payload) => {
      const parsed = rsx.parseRsx(payload.bytes, { type: "Order" });
      return parsed.ok ? parsed.document : undefined;
    }),
  ]),
);

/** µs of CPU per document over one round, caches made cold between documents when THRASH is set. */
function round(side: string): number {
  const rsx = sides[side] as Rsx;
  const parsed = parsedBy.get(side) ?? [];
  let spent = 0n;
  for (let document = 0; document < payloads.length; document++) {
    for (let index = 0; index < thrash.length; index += 8) sink += thrash[index] as number;
    const start = process.hrtime.bigint();
    read(rsx, payloads[document] as { bytes: Uint8Array; fileName: string }, parsed[document]);
    spent += process.hrtime.bigint() - start;
  }
  return Number(spent) / 1000 / documents;
}

for (let warm = 0; warm < 10; warm++) for (const side of Object.keys(sides)) round(side);
const figures: Record<string, number[]> = Object.fromEntries(Object.keys(sides).map((side) => [side, []]));
for (let index = 0; index < rounds; index++) {
  const order = index % 2 === 0 ? Object.keys(sides) : Object.keys(sides).reverse();
  for (const side of order) figures[side]?.push(round(side));
  process.stdout.write(
    `round ${index + 1}: ${Object.keys(sides)
      .map((side) => `${side} ${figures[side]?.[index]?.toFixed(1)}`)
      .join(" ")} µs per 850\n`,
  );
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const us = (value: number) => Number(value.toFixed(1));
const summary: Record<string, unknown> = {
  stage,
  documents,
  rounds,
  thrashKB: thrashBytes / 1024,
  thisMean: us(mean(figures.this ?? [])),
};
if (figures.other) {
  const differences = (figures.this ?? []).map((value, index) => value - (figures.other?.[index] as number));
  const sorted = [...differences].sort((a, b) => a - b);
  const median =
    sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  Object.assign(summary, {
    otherMean: us(mean(figures.other)),
    medianDifference: us(median as number),
    thisLower: `${differences.filter((difference) => difference < 0).length}/${rounds}`,
  });
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
if (sink === Number.POSITIVE_INFINITY) process.stdout.write("\n");
