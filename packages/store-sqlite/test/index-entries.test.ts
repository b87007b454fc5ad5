import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { receivedOrder } from "@ml-connector/state/testing";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-index-entries-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The entries an index holds (the cells of its leaf pages, from SQLite's dbstat table). */
const entries = (db: Database.Database, index: string) =>
  db
    .prepare<[string], { cells: number | null }>(
      "SELECT SUM(ncell) AS cells FROM dbstat WHERE name = ? AND pagetype = 'leaf'",
    )
    .get(index)?.cells ?? 0;

const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => row.detail)
    .join("; ");

describe("the indexes a document's writes maintain", () => {
  it("hold an X3 key once the document has one, and an effect only while it is unfinished", async () => {
    const path = join(dir, "entries.db");
    const stores = createSqliteStores({ path });
    const reader = new Database(path);
    try {
      const document = await stores.audit.recordDocument(receivedOrder({ naturalKey: "850:ACME:PO1" }));
      await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", documentId: document.id });
      expect(entries(reader, "documents_x3_key")).toBe(0);
      expect(entries(reader, "effects_in_progress")).toBe(1);

      await stores.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "SO1" });
      await stores.audit.updateDocument(document.id, { status: "created", x3Key: "SO1" });
      await stores.audit.flush();
      expect(entries(reader, "documents_x3_key")).toBe(1);
      expect(entries(reader, "effects_in_progress")).toBe(0);
      expect((await stores.audit.findDocuments({ x3Key: "SO1" })).items.map((d) => d.id)).toEqual([document.id]);
      expect(await stores.audit.listInProgress()).toEqual([]);
    } finally {
      reader.close();
      await stores.close();
    }
  });

  it("still serve the lookups by X3 key and the listing of unfinished effects", async () => {
    const path = join(dir, "plans.db");
    const stores = createSqliteStores({ path });
    const reader = new Database(path);
    try {
      // As findDocuments and listInProgress write them.
      expect(
        plan(
          reader,
          "SELECT * FROM documents WHERE type IN (?) AND x3_key = ? ORDER BY seq DESC LIMIT 51",
          "855",
          "SO1",
        ),
      ).toMatch(/USING INDEX documents_x3_key/);
      const inProgress = plan(
        reader,
        "SELECT * FROM effects WHERE state = 'in-progress' AND started_at < ? ORDER BY started_at, key LIMIT ?",
        0,
        10,
      );
      expect(inProgress).toMatch(/USING INDEX effects_in_progress/);
      expect(inProgress).not.toMatch(/TEMP B-TREE/);
    } finally {
      reader.close();
      await stores.close();
    }
  });
});

describe("findDocuments with a filter that picks a few documents", () => {
  it("reads that filter's index, not the seq-ordered index of a broad column (type, status, partner)", async () => {
    const path = join(dir, "selective.db");
    const stores = createSqliteStores({ path });
    const reader = new Database(path);
    // The statements findDocuments runs, as it writes them.
    const statementPrototype = Object.getPrototypeOf(reader.prepare("SELECT 1")) as {
      all: (this: { source: string }, ...args: unknown[]) => unknown;
    };
    const originalAll = statementPrototype.all;
    let ran: { sql: string; params: unknown[] }[] = [];
    statementPrototype.all = function (this: { source: string }, ...args: unknown[]) {
      ran.push({ sql: this.source, params: args });
      return originalAll.apply(this, args);
    };
    const planOf = async (query: Parameters<typeof stores.audit.findDocuments>[0]) => {
      ran = [];
      await stores.audit.findDocuments(query);
      const [statement] = ran;
      return plan(reader, statement?.sql ?? "", ...(statement?.params ?? []));
    };
    try {
      // The outbound flows' lookup of an order's 850, and of a document's earlier revisions.
      expect(
        await planOf({ type: "850", partnerId: "ACME", poNumber: "PO1", status: ["created", "updated"], limit: 1 }),
      ).toMatch(/USING INDEX documents_po /);
      expect(await planOf({ naturalKey: "810:ACME:INV1", type: "810" })).toMatch(/USING INDEX documents_natural_key /);
      expect(await planOf({ fileName: "PO1.json", direction: "in", status: "parked", limit: 20 })).toMatch(
        /USING INDEX documents_file_name /,
      );
      // The console's broad lists keep their own indexes.
      expect(await planOf({ type: "850" })).toMatch(/USING INDEX documents_type /);
      expect(await planOf({ status: "failed", partnerId: "ACME" })).toMatch(/USING INDEX documents_(status|partner) /);
    } finally {
      statementPrototype.all = originalAll;
      reader.close();
      await stores.close();
    }
  });
});

describe("link", () => {
  it("answers a link made again as it was first made", async () => {
    let now = Date.UTC(2026, 11, 1);
    const stores = createSqliteStores({ path: join(dir, "links.db"), clock: { now: () => now } });
    try {
      const document = await stores.audit.recordDocument(receivedOrder({ naturalKey: "850:ACME:PO1" }));
      const order = { kind: "x3", entity: "SORDER", key: "SO1" } as const;
      const first = await stores.audit.link({ kind: "document", id: document.id }, order, "created");
      now += 60_000;
      const again = await stores.audit.link({ kind: "document", id: document.id }, order, "created");
      expect(again).toEqual(first);
      expect(await stores.audit.linksOf(order)).toEqual([first]);
    } finally {
      await stores.close();
    }
  });
});
