import { closeSync, existsSync, openSync } from "node:fs";
import { ConnectorError } from "@ml-connector/state";
import Database from "better-sqlite3";
import { migrations as allMigrations, type Migration } from "./migrations.js";

export type Db = Database.Database;

/**
 * SQLite's page cache per connection, in KiB: SQLite's own default (2,000 KiB). better-sqlite3 builds SQLite with 16,000
 * KiB instead, a cache that fills as the file grows (16 MB more resident memory once a few thousand documents are
 * stored) while the connector's writes go to new pages and its reads are index lookups of one row. Pages beyond the
 * cache are read again from the operating system's file cache.
 */
export const PAGE_CACHE_KIB = 2_000;

export interface OpenOptions {
  path: string;
  busyTimeoutMs: number;
  migrations?: readonly Migration[];
}

/**
 * Creates a missing database file readable by its owner only (0600): it holds OAuth tokens and every payload. SQLite
 * gives its -wal and -shm files the mode of the database file, so they are private too.
 */
function createPrivately(path: string): void {
  if (path === "" || path === ":memory:" || path.startsWith("file:") || existsSync(path)) return;
  closeSync(openSync(path, "a", 0o600));
}

/**
 * Opens the database file: WAL journal, a busy timeout so concurrent processes wait instead of failing, foreign keys,
 * SQLite's default page cache, then brings the schema up to date. Refuses a database whose schema is newer than this code.
 */
export function openDatabase(options: OpenOptions): Db {
  createPrivately(options.path);
  const db = new Database(options.path, { timeout: options.busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    db.pragma("journal_mode = WAL");
    // FULL: a committed ledger or cursor write survives a power cut, not only a process crash.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    // A negative cache_size is in KiB (a positive one in pages).
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    migrate(db, options.migrations ?? allMigrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies the pending migrations, each in an immediate transaction. Returns the resulting schema version. */
export function migrate(db: Db, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const latest = migrations.at(-1)?.version ?? 0;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new ConnectorError(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`, {
        kind: "configuration",
      });
    }
  });
  const currentVersion = db.prepare<[], { version: number | null }>(
    "SELECT MAX(version) AS version FROM schema_migrations",
  );
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const check = (version: number) => {
    if (version > latest) {
      throw new ConnectorError(
        `The database schema is at version ${version}, newer than this version of @ml-connector/store-sqlite supports (${latest}). Upgrade the package.`,
        { kind: "configuration", details: { databaseVersion: version, supportedVersion: latest } },
      );
    }
  };
  check(currentVersion.get()?.version ?? 0);
  // Foreign keys off while migrating, as SQLite's way of rebuilding a table asks: dropping a table that others refer to
  // (its rows copied to the new one first) would otherwise fail or delete theirs. Each migration checks them all before
  // it commits. The setting cannot change inside a transaction, so it is set around them.
  const foreignKeys = db.pragma("foreign_keys", { simple: true }) as number;
  const foreignKeyCheck = db.prepare<[], { table: string; parent: string }>("PRAGMA foreign_key_check");
  db.pragma("foreign_keys = OFF");
  try {
    for (const migration of migrations) {
      db.transaction(() => {
        // Read again inside the write lock: another process may have migrated meanwhile.
        const version = currentVersion.get()?.version ?? 0;
        check(version);
        if (version >= migration.version) return;
        db.exec(migration.sql);
        const broken = foreignKeyCheck.get();
        if (broken !== undefined) {
          throw new ConnectorError(
            `Migration ${migration.name} left a row of ${broken.table} without its ${broken.parent} row`,
            { kind: "configuration", details: { table: broken.table, parent: broken.parent } },
          );
        }
        record.run(migration.version, migration.name, Date.now());
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? "ON" : "OFF"}`);
  }
  return currentVersion.get()?.version ?? 0;
}

/** The schema version of an open database (0 when none was applied). */
export function databaseVersion(db: Db): number {
  return (
    db.prepare<[], { version: number | null }>("SELECT MAX(version) AS version FROM schema_migrations").get()
      ?.version ?? 0
  );
}
