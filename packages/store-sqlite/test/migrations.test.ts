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
