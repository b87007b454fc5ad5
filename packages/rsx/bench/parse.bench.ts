// parse + validate of a 50-line 850, JSON and XML, on one core:
//   pnpm --filter @ml-connector/rsx bench
// vitest reports operations (documents) per second; divide the mean time by 50 for µs per line.
import { readFileSync } from "node:fs";
import { bench, describe } from "vitest";
import { commonRules, type Order, parseRsx, serializeRsx } from "../src/index.js";

const base = JSON.parse(
  readFileSync(new URL("../test/fixtures/orders/PO4500012345-1-v7.7-BulkImport.json", import.meta.url), "utf8"),
) as Order;

/** A realistic 50-line 850: the BulkImport fixture's lines repeated with their own numbers and amounts. */
function fiftyLineOrder(): Order {
  const lines = Array.from({ length: 50 }, (_, i) => {
    const template = structuredClone(base.LineItem![i % base.LineItem!.length]!);
    const line = template.OrderLine!;
    line.LineSequenceNumber = String(i + 1);
    line.BuyerPartNumber = `ACM-${100000 + i}`;
    line.OrderQty = 1 + (i % 12);
    line.ExtendedItemTotal = Math.round(line.OrderQty * (line.PurchasePrice ?? 0) * 100) / 100;
    template.Dates = [{ DateTimeQualifier: "010", Date: "2026-03-10" }];
    return template;
  });
  const total = lines.reduce((sum, l) => sum + (l.OrderLine?.ExtendedItemTotal ?? 0), 0) + 45.5 - 25;
  return { ...base, LineItem: lines, Summary: { TotalAmount: Math.round(total * 100) / 100, TotalLineItemNumber: 50 } };
}

/** Longer runs than vitest's default: the numbers are steadier on a busy machine. */
const BENCH = { time: 3000, warmupTime: 1000 };

const order = fiftyLineOrder();
const json = serializeRsx(order, { type: "Order", format: "json" });
const jsonBytes = new TextEncoder().encode(json);
const xml = serializeRsx(order, { type: "Order", format: "xml" });

for (const [name, input] of [
  ["json", json],
  ["xml", xml],
] as const) {
  const check = parseRsx(input, { rules: commonRules });
  if (!check.ok) throw new Error(`bench input (${name}) does not parse: ${JSON.stringify(check.issues)}`);
}

describe(`parse + validate a 50-line 850 (JSON ${(json.length / 1024).toFixed(0)} KB, XML ${(xml.length / 1024).toFixed(0)} KB)`, () => {
  bench(
    "JSON string: parseRsx (schema)",
    () => {
      const result = parseRsx(json);
      if (!result.ok) throw new Error("parse failed");
    },
    BENCH,
  );
  bench(
    "JSON bytes: parseRsx (schema)",
    () => {
      const result = parseRsx(jsonBytes);
      if (!result.ok) throw new Error("parse failed");
    },
    BENCH,
  );
  bench(
    "JSON string: parseRsx (schema + commonRules)",
    () => {
      const result = parseRsx(json, { rules: commonRules });
      if (!result.ok) throw new Error("parse failed");
    },
    BENCH,
  );
  bench(
    "XML string: parseRsx (schema)",
    () => {
      const result = parseRsx(xml);
      if (!result.ok) throw new Error("parse failed");
    },
    BENCH,
  );
  bench(
    "XML string: parseRsx (schema + commonRules)",
    () => {
      const result = parseRsx(xml, { rules: commonRules });
      if (!result.ok) throw new Error("parse failed");
    },
    BENCH,
  );
});
