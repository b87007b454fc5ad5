import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, openDatabase } from "../src/database.js";
import { createSqliteStores, migrations, schemaVersion, supportedSchemaVersion } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `db-${++n}.sqlite`);

describe("opening a database file", () => {
  it("creates the file readable by its owner only (0600), and its WAL files too, whatever the umask", async () => {
    const path = freshPath();
    const umask = process.umask(0o022);
    try {
      const stores = createSqliteStores({ path });
      await stores.audit.recordDocument({
        direction: "in",
        type: "850",
        partnerId: "ACME",
        naturalKey: "850:ACME:1",
        status: "received",
        payload: new TextEncoder().encode("{}"),
      });
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
      await stores.close();
    } finally {
      process.umask(umask);
    }
  });

  it("creates the schema once, in WAL mode with a busy timeout", async () => {
    const path = freshPath();
    const stores = createSqliteStores({ path, busyTimeoutMs: 1234 });
    expect(stores.schemaVersion).toBe(schemaVersion);
    expect(supportedSchemaVersion).toBe(migrations.length);
    await stores.close();
    await stores.close();

    const again = createSqliteStores({ path });
    await again.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const applied = db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all();
    expect(applied).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it("keeps SQLite's own page cache (2,000 KiB), not better-sqlite3's 16,000 KiB", () => {
    // better-sqlite3's build default, which a connection gets when the store sets nothing.
    const plain = new Database(":memory:");
    expect(plain.pragma("cache_size", { simple: true })).toBe(-16_000);
    plain.close();
    const db = openDatabase({ path: freshPath(), busyTimeoutMs: 100 });
    expect(db.pragma("cache_size", { simple: true })).toBe(-2_000);
    db.close();
  });

  it("applies only the pending migrations, each in a transaction", () => {
    const db = new Database(":memory:");
    const base = [{ version: 1, name: "one", sql: "CREATE TABLE a (x INTEGER)" }];
    expect(migrate(db, base)).toBe(1);
    const more = [...base, { version: 2, name: "two", sql: "CREATE TABLE b (x INTEGER)" }];
    expect(migrate(db, more)).toBe(2);
    expect(migrate(db, more)).toBe(2);
    const broken = [...more, { version: 3, name: "broken", sql: "CREATE TABLE c (x INTEGER); CREATE TABLE a (y)" }];
    expect(() => migrate(db, broken)).toThrow(/already exists/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(["a", "b", "schema_migrations"]);
    expect(db.prepare("SELECT MAX(version) FROM schema_migrations").pluck().get()).toBe(2);
    expect(() => migrate(db, [{ version: 2, name: "gap", sql: "" }])).toThrow(/expected 1/);
    db.close();
  });

  it("refuses a database written by a newer version of the package", async () => {
    const path = freshPath();
    await createSqliteStores({ path }).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
      schemaVersion + 1,
      "from the future",
      Date.now(),
    );
    db.close();
    expect(() => createSqliteStores({ path })).toThrow(
      expect.objectContaining({ kind: "configuration", message: expect.stringContaining("newer") }),
    );
  });

  it("lets two connections to one file see each other's writes and exclude each other", async () => {
    const path = freshPath();
    const a = createSqliteStores({ path });
    const b = createSqliteStores({ path });
    try {
      expect((await a.audit.beginEffect("e", { operation: "create" })).outcome).toBe("started");
      expect((await b.audit.beginEffect("e", { operation: "create" })).outcome).toBe("in-progress");
      const handle = await b.locks.acquire("flow", { ttlMs: 10_000, owner: "b" });
      expect(handle).toBeDefined();
      expect(await a.locks.acquire("flow", { ttlMs: 10_000, owner: "a" })).toBeUndefined();
      expect([await a.sequences.next("s"), await b.sequences.next("s"), await a.sequences.next("s")]).toEqual([
        1, 2, 3,
      ]);
      await a.cursors.set({ flow: "f", source: "s" }, 1);
      await expect(b.cursors.set({ flow: "f", source: "s" }, 2, { expectedVersion: 0 })).rejects.toMatchObject({
        kind: "conflict",
      });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("migration 4 (fewer b-trees written per document)", () => {
  /** A version 3 file holding a document with its payload, attempt and link, and two effects. */
  const versionThreeFile = () => {
    const path = freshPath();
    const db = openDatabase({ path, busyTimeoutMs: 100, migrations: migrations.slice(0, 3) });
    const document = db.prepare(
      `INSERT INTO documents (id, direction, type, partner_id, natural_key, po_number, revision, status, reasons,
         payload_sha256, payload_size, file_name, x3_key, flow, metadata, created_at, updated_at)
       VALUES (?, 'in', '850', 'ACME', ?, ?, 0, 'created', '[]', 'abc', 2, ?, ?, 'orders-in', NULL, ?, ?)`,
    );
    document.run("doc-1", "850:ACME:PO1", "PO1", "PO1.json", "SO1", 1_000, 2_000);
    document.run("doc-2", "850:ACME:PO2", "PO2", "PO2.json", null, 3_000, 3_000);
    db.prepare("INSERT INTO payloads (document_id, bytes) VALUES (?, ?)").run("doc-1", Buffer.from("{}"));
    db.prepare("INSERT INTO payloads (document_id, bytes) VALUES (?, ?)").run("doc-2", Buffer.from("[]"));
    // A document deleted (its seq, 3, must stay above every seq kept) and an attempt of doc-1.
    document.run("doc-3", "850:ACME:PO3", "PO3", null, null, 4_000, 4_000);
    db.prepare("DELETE FROM documents WHERE id = 'doc-3'").run();
    db.prepare(
      "INSERT INTO attempts (document_id, at, operation, outcome, http_status) VALUES ('doc-1', 1500, 'x3.create', 'success', 201)",
    ).run();
    db.prepare(
      `INSERT INTO links (from_ref, from_json, relation, to_ref, to_json, created_at)
       VALUES ('document:doc-1', '{"kind":"document","id":"doc-1"}', 'created', 'x3:SORDER:SO1',
         '{"kind":"x3","entity":"SORDER","key":"SO1"}', 1600)`,
    ).run();
    const effect = db.prepare(
      `INSERT INTO effects (key, state, operation, document_id, data, result, attempts, started_at, updated_at, completed_at)
       VALUES (?, ?, 'x3.create', 'doc-1', '{"po":"PO1"}', ?, 1, ?, ?, ?)`,
    );
    effect.run("done-1", "done", '{"x3Key":"SO1"}', 1_100, 1_200, 1_200);
    effect.run("open-1", "in-progress", null, 1_300, 1_300, null);
    db.close();
    return path;
  };

  it("keeps every row of a version 3 file, and new ids still above the old ones", async () => {
    const path = versionThreeFile();
    const stores = createSqliteStores({ path });
    try {
      expect(stores.schemaVersion).toBe(schemaVersion);
      const first = await stores.audit.getDocument("doc-1");
      expect(first).toMatchObject({ seq: 1, poNumber: "PO1", x3Key: "SO1", fileName: "PO1.json", payloadSize: 2 });
      expect(new TextDecoder().decode(await stores.audit.getPayload("doc-1"))).toBe("{}");
      expect(new TextDecoder().decode(await stores.audit.getPayload("doc-2"))).toBe("[]");
      expect(await stores.audit.listAttempts("doc-1")).toMatchObject([
        { id: 1, operation: "x3.create", httpStatus: 201 },
      ]);
      expect(await stores.audit.linksOf({ kind: "x3", entity: "SORDER", key: "SO1" })).toMatchObject([
        { from: { kind: "document", id: "doc-1" }, relation: "created" },
      ]);
      expect(await stores.audit.getEffect("done-1")).toMatchObject({ state: "done", result: { x3Key: "SO1" } });
      expect((await stores.audit.listInProgress()).map((effect) => effect.key)).toEqual(["open-1"]);
      expect((await stores.audit.findDocuments({ x3Key: "SO1" })).items.map((d) => d.id)).toEqual(["doc-1"]);
      expect((await stores.audit.findDocuments({ fileName: "PO2.json" })).items.map((d) => d.id)).toEqual(["doc-2"]);

      const next = await stores.audit.recordDocument({
        direction: "in",
        type: "850",
        partnerId: "ACME",
        naturalKey: "850:ACME:PO4",
        status: "received",
        payload: new TextEncoder().encode("{ }"),
      });
      expect(next.seq).toBeGreaterThan(2);
      expect((await stores.audit.recordAttempt(next.id, { operation: "x3.create", outcome: "success" })).id).toBe(2);
      expect(new TextDecoder().decode(await stores.audit.getPayload(next.id))).toBe("{ }");
      // Foreign keys are on again once migrated.
      await expect(stores.audit.recordAttempt("missing", { operation: "x", outcome: "success" })).rejects.toMatchObject(
        {
          kind: "not-found",
        },
      );
    } finally {
      await stores.close();
    }
  });

  it("leaves no table keeping a sequence, payloads keyed by seq, effects in their key's b-tree", async () => {
    const path = versionThreeFile();
    await createSqliteStores({ path }).close();
    const db = new Database(path, { readonly: true });
    try {
      const sqlOf = (name: string) =>
        db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_schema WHERE name = ?").get(name)?.sql ?? "";
      for (const table of ["documents", "attempts", "links"]) expect(sqlOf(table)).not.toMatch(/AUTOINCREMENT/i);
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_sequence").pluck().get()).toBe(0);
      expect(sqlOf("payloads")).toMatch(/document_seq INTEGER PRIMARY KEY/);
      expect(sqlOf("effects")).toMatch(/WITHOUT ROWID/);
      const indexes = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        .pluck()
        .all() as string[];
      expect(indexes).toEqual(
        [
          "attempts_document",
          "documents_created_at",
          "documents_file_name",
          "documents_flow",
          "documents_natural_key",
          "documents_partner",
          "documents_po",
          "documents_status",
          "documents_type",
          "documents_x3_key",
          "effects_in_progress",
          "links_to",
          "sqlite_autoindex_documents_1",
          "sqlite_autoindex_links_1",
          "sqlite_autoindex_locks_1",
          "sqlite_autoindex_mapping_cost_centres_1",
          "sqlite_autoindex_mapping_items_1",
          "sqlite_autoindex_mapping_partners_1",
          "sqlite_autoindex_mapping_ship_tos_1",
          "sqlite_autoindex_mapping_uoms_1",
          "sqlite_autoindex_sequences_1",
          "sqlite_autoindex_tokens_1",
          "sqlite_autoindex_cursors_1",
        ].sort(),
      );
    } finally {
      db.close();
    }
  });

  it("refuses to commit a migration that leaves a row without the row it refers to", () => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    const parent = {
      version: 1,
      name: "parent",
      sql: "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p (id)); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1)",
    };
    expect(migrate(db, [parent])).toBe(1);
    const orphan = { version: 2, name: "orphan", sql: "DELETE FROM p" };
    expect(() => migrate(db, [parent, orphan])).toThrow(/without its p row/);
    expect(db.prepare("SELECT COUNT(*) FROM p").pluck().get()).toBe(1);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.close();
  });
});

describe("migration: cursor entries", () => {
  it("upgrades a file saved before cursor entries: its cursors are kept, and their entries start empty", async () => {
    const path = freshPath();
    const before = migrations.findIndex((migration) => migration.name === "cursor entries");
    expect(before).toBeGreaterThan(0);
    const db = openDatabase({ path, busyTimeoutMs: 100, migrations: migrations.slice(0, before) });
    // A change window's cursor as it was saved then: the records handled in the look-back span inline.
    const value = { since: "2026-12-01T12:00:00.000Z", seen: { INV1: "2026-12-01T12:00:00Z" }, settled: ["INV1"] };
    db.prepare("INSERT INTO cursors (flow, source, value, version, updated_at) VALUES (?, ?, ?, 3, 1000)").run(
      "invoices-out",
      "x3:SINVOICE",
      JSON.stringify(value),
    );
    db.close();

    const key = { flow: "invoices-out", source: "x3:SINVOICE" };
    const stores = createSqliteStores({ path });
    try {
      expect(stores.schemaVersion).toBe(schemaVersion);
      expect(await stores.cursors.get(key)).toMatchObject({ value, version: 3 });
      expect(await stores.cursors.entries(key)).toEqual(new Map());
      await stores.cursors.set(key, { since: value.since }, { expectedVersion: 3, entries: { put: [["INV1", "e"]] } });
    } finally {
      await stores.close();
    }
    const again = createSqliteStores({ path });
    try {
      expect(await again.cursors.get(key)).toMatchObject({ value: { since: value.since }, version: 4 });
      expect(await again.cursors.entries(key)).toEqual(new Map([["INV1", "e"]]));
    } finally {
      await again.close();
    }
  });
});
