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
// The same content in the RSX 7.6 layout (read into the same 7.7 model): at most 1.5x the 7.7 XML parse.
const xml76 = serializeRsx(order, { type: "Order", format: "xml", version: "7.6" });

for (const [name, input] of [
  ["json", json],
  ["xml", xml],
  ["xml 7.6", xml76],
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
  bench(
    "XML string, RSX 7.6 layout: parseRsx (schema)",
    () => {
      const result = parseRsx(xml76);
      if (!result.ok || result.version !== "7.6") throw new Error("parse failed");
    },
    BENCH,
  );
});

/** A valid 850 of `lines` lines (each about 23 lines of indented XML). */
function largeOrder(lines: number): Order {
  const one = fiftyLineOrder();
  const lineItems = Array.from({ length: lines }, (_, i) => {
    const line = structuredClone(one.LineItem![i % 50]!);
    line.OrderLine!.LineSequenceNumber = String(i + 1);
    return line;
  });
  return { ...one, LineItem: lineItems, Summary: { TotalLineItemNumber: lines } };
}

const largeXml = serializeRsx(largeOrder(1960), { type: "Order", format: "xml" });
const largeCheck = parseRsx(largeXml);
if (!largeCheck.ok)
  throw new Error(`large bench input does not parse: ${JSON.stringify(largeCheck.issues.slice(0, 3))}`);
const TEN_MB = 10 * 1024 * 1024 - 1024;
const fill = (head: string, unit: string) => head + unit.repeat(Math.floor((TEN_MB - head.length) / unit.length));
/** Files under the 10 MB limit built to cost a reader as much as possible (each refused at its first bound). */
const hostile: [string, string][] = [
  ["`<Orders xmlns:a` + millions of bare attributes", fill("<Orders xmlns:a", " a")],
  ["millions of empty elements", fill('<Orders xmlns="http://www.spscommerce.com/RSX"><Order><Header>', "<X/>")],
  ["a 10 MB element name", fill('<Orders xmlns="http://www.spscommerce.com/RSX"><Order><', "A")],
  ["elements nested millions deep", fill('<Orders xmlns="http://www.spscommerce.com/RSX"><Order>', "<a>")],
];
const ONCE = { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 };

describe("bounded cost: a 45,000-line XML 850 and hostile 10 MB XML", () => {
  bench(
    `XML 850 of ${largeXml.split("\n").length.toLocaleString("en-US")} lines (target < 2 s)`,
    () => {
      if (!parseRsx(largeXml).ok) throw new Error("parse failed");
    },
    ONCE,
  );
  for (const [name, input] of hostile) {
    bench(
      `hostile: ${name} (target < 1 s)`,
      () => {
        if (parseRsx(input).ok) throw new Error("a hostile file was accepted");
      },
      ONCE,
    );
  }
});
