import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConsoleApp } from "@ml-connector/cli";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { type LinkRef, storeSupport } from "@ml-connector/sync-core";
import Database from "better-sqlite3";

export interface ConsoleQueryTiming {
  name: string;
  /** The API request, as the page sends it. */
  request: string;
  /** Documents (or steps) in the answer. */
  items: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface ConsoleResult {
  documents: number;
  runs: number;
  fillMs: number;
  timings: ConsoleQueryTiming[];
}

const partners = ["ACME", "BIGBOX", "CORNER", "DELTA", "EMPORIUM"];
const TOKEN = "bench-token";

/**
 * Fills a SQLite store with `documents` audit documents in the shape the flows leave them (per PO: an 850 that created
 * an X3 order, an 855, an 856 and an 810, linked; 1 PO in 50 rejected instead), written in one bulk transaction into
 * the store's own schema (the measure is about reads: a flow's one-transaction-per-write pace would only make the
 * fill slow), then times the console's API answers through its Hono app in-process: the list's first page, filtered
 * pages, a page deep in the list, a PO's story and the overview.
 */
export async function measureConsole(documents: number, runs = 40): Promise<ConsoleResult> {
  const dir = mkdtempSync(join(tmpdir(), "ml-connector-bench-console-"));
  const path = join(dir, "audit.db");
  try {
    await createSqliteStores({ path }).close();
    const fillStarted = performance.now();
    fill(path, documents);
    const fillMs = performance.now() - fillStarted;

    const stores = createSqliteStores({ path });
    try {
      const app = createConsoleApp({
        data: {
          audit: stores.audit,
          cursors: stores.cursors,
          mappings: stores.mappings,
          storeLabel: path,
          flows: {},
        },
        replay: () => Promise.reject(new Error("no replay in the benchmark")),
        token: TOKEN,
        host: "127.0.0.1",
      });
      const get = async (request: string) => {
        const response = await app.request(request, {
          headers: { Authorization: `Bearer ${TOKEN}`, Host: "127.0.0.1" },
        });
        if (response.status !== 200) throw new Error(`${request}: HTTP ${response.status}`);
        return (await response.json()) as { items?: unknown[]; steps?: unknown[]; nextCursor?: string };
      };
      const first = await get("/api/documents");
      let deep = first.nextCursor;
      for (let page = 0; page < 100 && deep; page++) deep = (await get(`/api/documents?cursor=${deep}`)).nextCursor;
      const middlePo = `45${String(Math.floor(documents / 8)).padStart(8, "0")}`;
      const cases: [string, string][] = [
        ["first page (50, newest first)", "/api/documents"],
        ["filtered: status rejected", "/api/documents?status=rejected"],
        ["filtered: type 856 of one partner", "/api/documents?type=856&partner=CORNER"],
        ["filtered: flow + date range", "/api/documents?flow=invoices-out&from=2026-01-10&to=2026-01-20"],
        ["filtered: one PO number", `/api/documents?po=${middlePo}`],
        ["page 101 (keyset cursor)", `/api/documents?cursor=${deep}`],
        ["one PO's story", `/api/po/${middlePo}`],
        ["overview (grouped counts)", "/api/overview"],
      ];
      const timings: ConsoleQueryTiming[] = [];
      for (const [name, request] of cases) {
        const body = await get(request); // warm-up: statements prepared, pages in the cache
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await get(request);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        timings.push({
          name,
          request,
          items: (body.items ?? body.steps ?? []).length,
          medianMs: times[Math.floor(times.length / 2)] ?? 0,
          p95Ms: times[Math.floor(times.length * 0.95)] ?? 0,
          maxMs: times.at(-1) ?? 0,
        });
      }
      return { documents, runs, fillMs, timings };
    } finally {
      await stores.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bulk insert into the store's tables (the columns of its migrations), one transaction. */
function fill(path: string, documents: number): void {
  const db = new Database(path);
  const insertDocument = db.prepare(
    `INSERT INTO documents (id, direction, type, partner_id, natural_key, po_number, revision, purpose_code, status,
       reasons, payload_sha256, payload_size, file_name, x3_key, flow, metadata, created_at, updated_at)
     VALUES (@id, @direction, @type, @partnerId, @naturalKey, @poNumber, 0, @purposeCode, @status, @reasons, NULL,
       NULL, @fileName, @x3Key, @flow, NULL, @createdAt, @createdAt)`,
  );
  const insertLink = db.prepare(
    "INSERT INTO links (from_ref, from_json, relation, to_ref, to_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const link = (from: LinkRef, relation: string, to: LinkRef, at: number) =>
    insertLink.run(
      storeSupport.refKey(from),
      JSON.stringify(from),
      relation,
      storeSupport.refKey(to),
      JSON.stringify(to),
      at,
    );
  const t0 = Date.UTC(2026, 0, 1);
  const rejectedReason = JSON.stringify([
    { path: "LineItem[1].OrderLine.VendorPartNumber", code: "unknown_item", message: "No X3 item for line 2." },
  ]);
  db.transaction(() => {
    let written = 0;
    for (let po = 0; written < documents; po++) {
      const poNumber = `45${String(po).padStart(8, "0")}`;
      const partnerId = partners[po % partners.length] ?? "ACME";
      const at = t0 + po * 60_000;
      const order = `SO${String(po).padStart(8, "0")}`;
      const doc = (id: string, type: string, direction: string, status: string, flow: string, minutes: number) => {
        insertDocument.run({
          id,
          direction,
          type,
          partnerId,
          naturalKey: `${type}:${partnerId}:${poNumber}`,
          poNumber,
          purposeCode: type === "850" ? "00" : null,
          status,
          reasons: status === "rejected" ? rejectedReason : "[]",
          fileName: `${type}-${poNumber}.json`,
          x3Key: status === "rejected" ? null : order,
          flow,
          createdAt: at + minutes * 60_000,
        });
        written++;
      };
      if (po % 50 === 49) {
        doc(`${poNumber}-850`, "850", "in", "rejected", "orders-in", 0);
        continue;
      }
      doc(`${poNumber}-850`, "850", "in", "created", "orders-in", 0);
      link({ kind: "document", id: `${poNumber}-850` }, "created", { kind: "x3", entity: "SORDER", key: order }, at);
      const outbound: [string, string, string][] = [
        ["855", "acks-out", "acknowledges"],
        ["856", "asns-out", "ships"],
        ["810", "invoices-out", "bills"],
      ];
      for (const [index, [type, flow, relation]] of outbound.entries()) {
        if (written >= documents) break;
        doc(`${poNumber}-${type}`, type, "out", "posted", flow, 30 + index * 600);
        link(
          { kind: "document", id: `${poNumber}-${type}` },
          relation,
          { kind: "x3", entity: "SORDER", key: order },
          at,
        );
      }
    }
  })();
  db.close();
}
