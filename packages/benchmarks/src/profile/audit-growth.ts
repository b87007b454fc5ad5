/**
 * The memory audit store alone, as it fills up: the calls orders-in and invoices-out make per order (an 850 recorded
 * with its bytes and linked to its X3 order; then the order's links and 850 read, the 810's revisions looked up, the
 * 810 recorded with its bytes and linked, its upload's effect begun and completed with an attempt, the 810 marked
 * posted), in blocks
 * of BLOCK orders (default 500) up to DOCS (default 20000), with the CPU and the garbage collector's time per order
 * of each block: whether a document costs more once the store holds more. (GC time: the pauses as the collector
 * reports them, in wall time, which a loaded machine stretches.)
 *
 *   cd packages/benchmarks
 *   node --import tsx src/profile/audit-growth.ts
 *
 * Prints one line per block (orders stored before it, CPU µs and GC µs per order), then one JSON line comparing the
 * blocks after 500 and after 5,000 orders (each the median of the REPEAT, default 5, blocks from there: the store
 * is filled to each point once per repeat).
 */
import { PerformanceObserver, performance } from "node:perf_hooks";
import { createMemoryStores } from "@ml-connector/sync-core";

const total = Number(process.env.DOCS ?? 20_000);
const block = Number(process.env.BLOCK ?? 500);
const repeat = Number(process.env.REPEAT ?? 5);

const collections: { start: number; duration: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration });
});
observer.observe({ entryTypes: ["gc"] });

const payload850 = new TextEncoder().encode(`<Order>${"x".repeat(3000)}</Order>`);
const payload810 = new TextEncoder().encode(`<Invoice>${"y".repeat(2500)}</Invoice>`);

/** One order's calls, as the two flows make them. */
async function order(audit: ReturnType<typeof createMemoryStores>["audit"], n: number) {
  const po = `PO${n}`;
  const orderKey = `SO${n}`;
  const received = await audit.recordDocument({
    direction: "in",
    type: "850",
    flow: "orders-in",
    partnerId: "ACME",
    naturalKey: `850:ACME:${po}`,
    poNumber: po,
    status: "received",
    fileName: `PO_${n}.xml`,
    payload: payload850,
  });
  await audit.findDocuments({ fileName: `PO_${n}.xml`, limit: 1 });
  await audit.updateDocument(received.id, { status: "created", x3Key: orderKey });
  await audit.link({ kind: "document", id: received.id }, { kind: "x3", entity: "SORDER", key: orderKey }, "created");
  // invoices-out
  const links = await audit.linksOf({ kind: "x3", entity: "SORDER", key: orderKey });
  if (links[0]?.from.kind === "document") await audit.getDocument(links[0].from.id);
  await audit.findDocuments({ type: "860", poNumber: po, partnerId: "ACME" });
  await audit.getPayload(received.id);
  const naturalKey = `810:INV${n}`;
  await audit.newestRevision(naturalKey, { type: "810" });
  const invoice = await audit.recordDocument({
    direction: "out",
    type: "810",
    flow: "invoices-out",
    partnerId: "ACME",
    naturalKey,
    poNumber: po,
    revision: 1,
    status: "received",
    x3Key: `INV${n}`,
    payload: payload810,
    metadata: { contentHash: `h${n}`, x3UpdatedAt: "2026-01-01T00:00:00Z" },
  });
  await audit.link({ kind: "document", id: invoice.id }, { kind: "x3", entity: "SINVOICE", key: `INV${n}` }, "bills");
  await audit.link(
    { kind: "x3", entity: "SINVOICE", key: `INV${n}` },
    { kind: "x3", entity: "SORDER", key: orderKey },
    "invoices",
  );
  const key = `invoices-out:upload:${invoice.id}`;
  await audit.beginEffect(key, { operation: "upload", documentId: invoice.id, naturalKey });
  await audit.recordAttempt(invoice.id, { operation: "sps.upload", outcome: "success", durationMs: 3 });
  await audit.completeEffect(key, { path: `/out/${n}.xml` });
  await audit.updateDocument(invoice.id, { status: "posted", reasons: [] });
}

const rows: { stored: number; cpuUs: number; gcUs: number; span: [number, number] }[][] = [];
for (let pass = 0; pass < repeat; pass++) {
  const { audit } = createMemoryStores();
  const row: { stored: number; cpuUs: number; gcUs: number; span: [number, number] }[] = [];
  for (let stored = 0; stored < total; stored += block) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let n = stored; n < stored + block; n++) await order(audit, n);
    const cpu = process.cpuUsage(cpuStart);
    const end = performance.now();
    row.push({ stored, cpuUs: (cpu.user + cpu.system) / block, gcUs: 0, span: [start, end] });
  }
  rows.push(row);
}
// The observer's entries come later, in a task of their own: attributed to the blocks once all have run.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
for (const cell of rows.flat()) {
  const [start, end] = cell.span;
  const gcMs = collections.filter((c) => c.start >= start && c.start < end).reduce((sum, c) => sum + c.duration, 0);
  cell.gcUs = (gcMs * 1000) / block;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const first = rows[0] ?? [];
for (let index = 0; index < first.length; index++) {
  const cells = rows.map((row) => row[index]);
  process.stdout.write(
    `${String(first[index]?.stored).padStart(6)} stored: cpu ${median(cells.map((c) => c?.cpuUs ?? 0)).toFixed(1)} µs, gc ${median(cells.map((c) => c?.gcUs ?? 0)).toFixed(1)} µs per order\n`,
  );
}
const at = (stored: number, field: "cpuUs" | "gcUs") =>
  median(rows.map((row) => row.find((cell) => cell.stored === stored)?.[field] ?? Number.NaN));
process.stdout.write(
  `${JSON.stringify({
    at500: { cpuUs: at(500, "cpuUs"), gcUs: at(500, "gcUs") },
    at5000: { cpuUs: at(5000, "cpuUs"), gcUs: at(5000, "gcUs") },
    ratio: Number((at(5000, "cpuUs") / at(500, "cpuUs")).toFixed(3)),
  })}\n`,
);
