// Parses an SPS purchase order (850) and prints the acknowledgment (855) built from it.
// Run: npm start [path/to/850.json|xml] (a copy from `ml-connector init --example parse-850`), or in the repository:
// npx -y pnpm@12.4.2 --filter @ml-connector/example-parse-850 start [path/to/850.json|xml]
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { buildOrderAck, commonRules, parseRsx, rsxFileName, serializeRsx, validateRsx } from "@ml-connector/rsx";

const path =
  process.argv[2] ?? fileURLToPath(new URL("../fixtures/PO4500012345-1-v7.7-BulkImport.json", import.meta.url));
const fileName = basename(path);

// 1. Parse: bytes in, a typed document (or issues with paths) out. Never throws on bad input.
const parsed = parseRsx(readFileSync(path), { fileName, rules: commonRules });
if (!parsed.ok) {
  console.error(`${fileName} was rejected:`);
  for (const issue of parsed.issues) console.error(`  ${issue.path || "(document)"} [${issue.code}] ${issue.message}`);
  process.exit(1);
}
if (parsed.type !== "Order") {
  console.error(`${fileName} is a ${parsed.type}, not a purchase order (850).`);
  process.exit(1);
}
const order = parsed.document;
const header = order.Header.OrderHeader;
console.log(
  `Parsed ${fileName} (${parsed.format}): PO ${header.PurchaseOrderNumber} of ${header.PurchaseOrderDate} from ${header.TradingPartnerId}`,
);
for (const item of order.LineItem ?? []) {
  const line = item.OrderLine;
  console.log(
    `  line ${line?.LineSequenceNumber}: ${line?.OrderQty} ${line?.OrderQtyUOM} x ${line?.BuyerPartNumber} @ ${line?.PurchasePrice}`,
  );
}

// 2. Decide per line: accept line 1, ship 8 of line 2 now and backorder 4, reject line 3; unlisted lines are accepted.
const ack = buildOrderAck(
  order,
  [
    { line: "1", status: "IA", date: "2026-03-10" },
    { line: "2", status: "IQ", quantity: 8, date: "2026-03-10" },
    { line: "2", status: "IB", quantity: 4, date: "2026-03-24" },
    { line: "3", status: "IR" },
  ],
  { acknowledgementDate: "2026-03-03", acknowledgementNumber: "SO-000123" },
);

// 3. Check it the way the retailer will, then write it the way SPS expects.
const checked = validateRsx("OrderAck", ack, { rules: commonRules, related: { order } });
if (!checked.ok) {
  for (const issue of checked.issues) console.error(`  ${issue.path} [${issue.code}] ${issue.message}`);
  process.exit(1);
}
const name = rsxFileName({
  type: "OrderAck",
  id: `${header.PurchaseOrderNumber}-1`,
  model: "BulkImport",
  format: "json",
});
console.log(`\n855 ${name} (AcknowledgementType ${ack.Header.OrderHeader.AcknowledgementType}):`);
console.log(serializeRsx(ack, { type: "OrderAck", format: "json" }));
