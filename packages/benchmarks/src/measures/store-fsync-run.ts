/**
 * One case of the store-fsync measure, in a process of its own (so strace counts this work only): the audit writes of
 * `BENCH_FSYNC_DOCS` documents of one kind on a SQLite file with the store's settings (WAL, synchronous = FULL), one
 * document after the other (C = 1, where no other document's writes share a commit), in the flows' order: either as
 * the store commits them (`grouped`) or committed one by one (`each`: a flush after every write, as every write was
 * committed before group commit). A network call is stood for by the end of the event-loop turn. Prints a JSON line
 * `start` before the first measured document, `end` after the last one's writes (before the run's end commits what is
 * left), then the counts: documents, transactions between the two, transactions of the run's end, CPU.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { type AuditStore, ssccSequenceName } from "@ml-connector/sync-core";

const kind =
  process.env.BENCH_FSYNC_KIND === "810" || process.env.BENCH_FSYNC_KIND === "856"
    ? process.env.BENCH_FSYNC_KIND
    : "850";
const mode = process.env.BENCH_FSYNC_MODE === "each" ? "each" : "grouped";
const documents = Number(process.env.BENCH_FSYNC_DOCS ?? "300");
const dir = mkdtempSync(join(process.env.BENCH_FSYNC_DIR ?? tmpdir(), "ml-connector-bench-fsync-"));
const stores = createSqliteStores({ path: join(dir, "audit.db") });
const network = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Wraps the store so that every write is committed on its own (the behaviour before group commit). */
function eachWriteCommitted(audit: AuditStore): AuditStore {
  const writes = new Set(["recordDocument", "updateDocument", "recordAttempt", "link", "completeEffect", "putPayload"]);
  return new Proxy(audit, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== "function" || !writes.has(String(property))) return value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        await target.flush();
        return result;
      };
    },
  });
}

const audit = mode === "each" ? eachWriteCommitted(stores.audit) : stores.audit;
const payload = () => new TextEncoder().encode(JSON.stringify({ pad: randomBytes(1024).toString("hex") }));

/** Files whose removal waits for their outcome to be durable (orders-in's removeWhenDurable). */
const removals = new Set<Promise<void>>();

/**
 * What orders-in writes for an 850 that creates an order: the calls of the flow, in its order. The file's removal
 * waits for the store's next commit apart, as the flow's does; the next document goes on meanwhile.
 */
async function order(i: number): Promise<void> {
  await network(); // the download
  await audit.findDocuments({ fileName: `PO${i}-v7.7-BulkImport.json`, direction: "in", limit: 100 });
  const document = await audit.recordDocument({
    direction: "in",
    type: "850",
    partnerId: "ACME",
    naturalKey: `850:ACME:PO${i}`,
    poNumber: `PO${i}`,
    purposeCode: "00",
    status: "received",
    fileName: `PO${i}-v7.7-BulkImport.json`,
    flow: "orders-in",
    payload: payload(),
  });
  const key = `x3.create:ACME:PO${i}`;
  await audit.beginNewEffect(key, { operation: "x3.create", documentId: document.id });
  await network(); // the X3 lookup and create
  await audit.completeEffect(key, { x3Key: `SO${i}` });
  await audit.recordAttempt(document.id, { operation: "x3.create", outcome: "success", durationMs: 20 });
  await audit.link({ kind: "document", id: document.id }, { kind: "x3", entity: "SORDER", key: `SO${i}` }, "created");
  await audit.updateDocument(document.id, { status: "created", reasons: [], x3Key: `SO${i}` });
  const removal = audit.whenDurable().then(async () => {
    await network(); // the mailbox delete
    await audit.recordAttempt(document.id, { operation: "sps.delete", outcome: "success", durationMs: 20 });
  });
  removals.add(removal);
  void removal.finally(() => removals.delete(removal));
}

/** The run's end, as orders-in's: commit what is left, wait for the removals, commit their attempts. */
async function runEnd(): Promise<void> {
  await audit.flush();
  await Promise.all([...removals]);
  await audit.flush();
}

/** What an outbound flow writes for one document: the record with its link, the upload, the outcome. */
async function outbound(i: number, document: { type: "810" | "856"; serial?: number }): Promise<void> {
  const shipment = document.type === "856";
  // The flow, the X3 record it comes from (entity, key prefix, relation) and the file name's prefix.
  const [flow, entity, x3Key, relation, prefix] = shipment
    ? (["asns-out", "SDELIVERY", `SDH${i}`, "ships", "SH"] as const)
    : (["invoices-out", "SINVOICE", `SI${i}`, "bills", "IN"] as const);
  const recorded = await audit.recordDocument({
    direction: "out",
    type: document.type,
    partnerId: "ACME",
    naturalKey: `${document.type}:${x3Key}`,
    poNumber: `PO${i}`,
    status: "received",
    fileName: `${prefix}${i}-v7.7-BulkImport.json`,
    flow,
    ...(document.serial === undefined ? {} : { metadata: { serials: [document.serial], packs: 1 } }),
    payload: payload(),
  });
  await audit.link({ kind: "document", id: recorded.id }, { kind: "x3", entity, key: x3Key }, relation);
  const key = `sps.upload:${flow}:${recorded.id}`;
  // A new document's upload is begun without reading the ledger first (no entry can exist yet).
  await audit.beginEffect(key, { operation: "sps.upload", documentId: recorded.id });
  await network(); // the upload
  await audit.completeEffect(key, { path: `${prefix}${i}` });
  await audit.recordAttempt(recorded.id, { operation: "sps.upload", outcome: "success", durationMs: 20 });
  await audit.updateDocument(recorded.id, { status: "posted", reasons: [] });
  await network(); // the next document's work
}

const invoice = (i: number) => outbound(i, { type: "810" });

/**
 * An 856 of one pack: as an 810, with the pack's SSCC serial taken before its record, one ahead of use as asns-out
 * takes it (the sequence store hands a serial out once it is committed; taken ahead, it is committed with the 856
 * before it).
 */
let serialAhead: Promise<number> | undefined;
const ssccSequence = ssccSequenceName("0614141");
async function shipment(i: number): Promise<void> {
  const serial = serialAhead ?? stores.sequences.next(ssccSequence, { start: 1 });
  serialAhead = stores.sequences.next(ssccSequence, { start: 1 });
  serialAhead.catch(() => {});
  await outbound(i, { type: "856", serial: await serial });
}

try {
  const one = kind === "850" ? order : kind === "810" ? invoice : shipment;
  for (let i = 0; i < 20; i++) await one(-1 - i);
  await runEnd();
  const transactionsBefore = stores.auditTransactions;
  process.stdout.write(`${JSON.stringify({ event: "start" })}\n`);
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < documents; i++) await one(i);
  const transactions = stores.auditTransactions - transactionsBefore;
  process.stdout.write(`${JSON.stringify({ event: "end" })}\n`);
  await runEnd();
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(
    `${JSON.stringify({
      kind,
      mode,
      documents,
      transactions,
      runEndTransactions: stores.auditTransactions - transactionsBefore - transactions,
      cpuMsPerDoc: (cpu.user + cpu.system) / 1000 / documents,
    })}\n`,
  );
} finally {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
}
