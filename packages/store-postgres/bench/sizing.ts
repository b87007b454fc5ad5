// How much room the store takes per purchase order, for docs/postgresql.md.
// Usage: node --conditions=ml-connector-source --import tsx packages/store-postgres/bench/sizing.ts <database url> [orders]
// Records what orders-in and acks-out leave behind for each PO (the 850 with its raw file, the 855 with its file,
// attempts, links, ledger entries) in a fresh schema, then prints table, TOAST and index sizes from PostgreSQL itself.
import { bytesOf, make850 } from "@ml-connector/sandbox";
import { createPostgresStores } from "../src/index.js";

const [url, ordersText = "2000"] = process.argv.slice(2);
if (url === undefined) throw new Error("usage: sizing.ts <database url> [orders]");
const orders = Number(ordersText);
const schema = `sizing_${Date.now()}`;
const stores = await createPostgresStores({ connectionString: url, schema });
const started = performance.now();
let payloadBytes = 0;
for (let i = 0; i < orders; i++) {
  const po = `PO${String(i).padStart(6, "0")}`;
  const lines = Array.from({ length: 3 }, (_, n) => ({ vendorPart: `WID-00${n + 1}`, qty: n + 2, price: 9.5 }));
  const raw = bytesOf(make850({ po, lines }));
  const so = `SO${String(i).padStart(7, "0")}`;
  const order = await stores.audit.recordDocument({
    direction: "in",
    type: "850",
    partnerId: "ACME",
    naturalKey: `850:ACME:${po}`,
    poNumber: po,
    purposeCode: "00",
    status: "received",
    fileName: `${po}-1-v7.7-BulkImport.json`,
    flow: "orders-in",
    payload: raw,
  });
  await stores.audit.recordAttempt(order.id, { operation: "sps.download", outcome: "success", httpStatus: 200 });
  await stores.audit.beginEffect(`x3.create:ACME:${po}`, {
    operation: "x3.create-sales-order",
    documentId: order.id,
    naturalKey: `C0001|${po}`,
    owner: "instance-a",
  });
  await stores.audit.recordAttempt(order.id, { operation: "x3.lookup", outcome: "success", httpStatus: 200 });
  await stores.audit.recordAttempt(order.id, { operation: "x3.create", outcome: "success", httpStatus: 201 });
  await stores.audit.completeEffect(`x3.create:ACME:${po}`, { x3Key: so });
  await stores.audit.updateDocument(order.id, { status: "created", x3Key: so });
  await stores.audit.link({ kind: "document", id: order.id }, { kind: "x3", entity: "SORDER", key: so }, "created");
  await stores.audit.beginEffect(`sps.delete:${po}`, { operation: "sps.delete", documentId: order.id });
  await stores.audit.recordAttempt(order.id, { operation: "sps.delete", outcome: "success", httpStatus: 204 });
  await stores.audit.completeEffect(`sps.delete:${po}`);

  const ackRaw = new TextEncoder().encode(
    JSON.stringify({ Header: { OrderHeader: { PurchaseOrderNumber: po, TradingPartnerId: "ACME" } }, so, lines }),
  );
  const ack = await stores.audit.recordDocument({
    direction: "out",
    type: "855",
    partnerId: "ACME",
    naturalKey: `855:${so}`,
    poNumber: po,
    status: "received",
    fileName: `PR${so}.json`,
    x3Key: so,
    flow: "acks-out",
    payload: ackRaw,
  });
  await stores.audit.beginEffect(`sps.upload:PR${so}`, { operation: "sps.upload", documentId: ack.id });
  await stores.audit.recordAttempt(ack.id, { operation: "sps.upload", outcome: "success", httpStatus: 201 });
  await stores.audit.completeEffect(`sps.upload:PR${so}`);
  await stores.audit.updateDocument(ack.id, { status: "posted" });
  await stores.audit.link({ kind: "document", id: ack.id }, { kind: "x3", entity: "SORDER", key: so }, "acknowledges");
  await stores.sequences.next("sscc");
  payloadBytes += raw.byteLength + ackRaw.byteLength;
}
const elapsed = performance.now() - started;
await stores.pool.query(`VACUUM ANALYZE`);
const { rows } = await stores.pool.query<{ name: string; rows: string; heap: string; other: string; indexes: string }>(
  `SELECT c.relname AS name, c.reltuples::bigint::text AS rows,
          pg_relation_size(c.oid)::text AS heap,
          (pg_total_relation_size(c.oid) - pg_relation_size(c.oid) - pg_indexes_size(c.oid))::text AS other,
          pg_indexes_size(c.oid)::text AS indexes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC`,
  [schema],
);
const indexes = await stores.pool.query<{ name: string; size: string }>(
  `SELECT indexrelname AS name, pg_relation_size(indexrelid)::text AS size FROM pg_stat_user_indexes
    WHERE schemaname = $1 ORDER BY pg_relation_size(indexrelid) DESC`,
  [schema],
);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
let total = 0;
console.log(
  `${orders} POs (850 + 855 each) in ${(elapsed / 1000).toFixed(1)} s; raw payloads ${kib(payloadBytes / orders)} per PO`,
);
console.log("table | rows | heap | TOAST, free-space and visibility maps | indexes | total per PO");
for (const r of rows) {
  const sum = Number(r.heap) + Number(r.other) + Number(r.indexes);
  total += sum;
  console.log(
    `${r.name} | ${r.rows} | ${kib(Number(r.heap))} | ${kib(Number(r.other))} | ${kib(Number(r.indexes))} | ${(sum / orders).toFixed(0)} B`,
  );
}
console.log(`total ${kib(total)}, ${(total / orders).toFixed(0)} B per PO`);
console.log("index | size | per PO");
for (const i of indexes.rows)
  console.log(`${i.name} | ${kib(Number(i.size))} | ${(Number(i.size) / orders).toFixed(0)} B`);
await stores.pool.query(`DROP SCHEMA ${schema} CASCADE`);
await stores.close();
