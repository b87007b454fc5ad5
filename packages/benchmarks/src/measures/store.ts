import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import type { AuditStore } from "@ml-connector/sync-core";
import { createMemoryStores } from "@ml-connector/sync-core";

export interface StoreResult {
  store: string;
  documents: number;
  /** Store calls per document: recordDocument (2 KB payload), 2 recordAttempt, link, updateDocument. */
  writesPerDoc: number;
  wallMs: number;
  cpuMs: number;
  docsPerSecond: number;
  writesPerSecond: number;
  /** Mean ms per write call, wall. */
  msPerWrite: number;
  /** orders-in's per-file lookup, `findDocuments({ fileName, direction: "in" })`, with `documents` stored: µs each. */
  lookupMicros: number;
}

/** The audit writes orders-in makes for one 850, with a realistic 2 KB payload. */
async function writeOne(audit: AuditStore, i: number, payload: Uint8Array): Promise<void> {
  const po = `S${String(i).padStart(8, "0")}`;
  const document = await audit.recordDocument({
    direction: "in",
    type: "850",
    partnerId: "ACME",
    naturalKey: `850:ACME:${po}`,
    poNumber: po,
    purposeCode: "00",
    status: "received",
    fileName: `PO${po}-v7.7-BulkImport.json`,
    flow: "orders-in",
    metadata: { model: "BulkImport", lines: 12 },
    payload,
  });
  await audit.recordAttempt(document.id, { operation: "x3.create", outcome: "success", durationMs: 41 });
  await audit.recordAttempt(document.id, { operation: "sps.delete", outcome: "success", durationMs: 23 });
  await audit.link(
    { kind: "document", id: document.id },
    { kind: "x3", entity: "SORDER", key: `SO${String(i).padStart(7, "0")}` },
    "created",
  );
  await audit.updateDocument(document.id, { status: "created", x3Key: `SO${String(i).padStart(7, "0")}` });
}

export async function measureStore(kind: "sqlite" | "memory", documents: number): Promise<StoreResult> {
  const dir = mkdtempSync(join(tmpdir(), "ml-connector-bench-store-"));
  const stores = kind === "sqlite" ? createSqliteStores({ path: join(dir, "audit.db") }) : createMemoryStores();
  try {
    // A 2 KB 850 payload: JSON text, as SPS sends it (the bytes differ per document, as the hash does).
    const base = JSON.stringify({ Header: { OrderHeader: { TradingPartnerId: "ACME" } }, pad: "" });
    const payloadFor = (i: number) =>
      new TextEncoder().encode(base.replace('"pad":""', `"pad":"${randomBytes(768).toString("hex")}${i}"`));
    for (let i = 0; i < 50; i++) await writeOne(stores.audit, -1 - i, payloadFor(i));
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < documents; i++) await writeOne(stores.audit, i, payloadFor(i));
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const writesPerDoc = 5;
    const lookups = 300;
    const lookupStart = performance.now();
    for (let j = 0; j < lookups; j++) {
      const i = (j * 7919) % documents;
      const page = await stores.audit.findDocuments({
        fileName: `PO${`S${String(i).padStart(8, "0")}`}-v7.7-BulkImport.json`,
        direction: "in",
        limit: 100,
      });
      if (page.items.length !== 1) throw new Error(`lookup of document ${i} found ${page.items.length}`);
    }
    const lookupMicros = ((performance.now() - lookupStart) * 1000) / lookups;
    return {
      store: kind === "sqlite" ? "SQLite (WAL, synchronous=FULL: the store's settings)" : "memory",
      documents,
      writesPerDoc,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      docsPerSecond: documents / (wallMs / 1000),
      writesPerSecond: (documents * writesPerDoc) / (wallMs / 1000),
      msPerWrite: wallMs / (documents * writesPerDoc),
      lookupMicros,
    };
  } finally {
    await stores.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
}
