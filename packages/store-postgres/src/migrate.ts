import { ConnectorError } from "@ml-connector/state";
import type { Db } from "./database.js";
import type { Migration } from "./migrations.js";

// The advisory lock's first key ("mlcn"); the second is a hash of the schema name, so that stores in two schemas of
// one database migrate independently.
const LOCK_CLASS = 0x6d6c636e;

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new ConnectorError(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`, {
        kind: "configuration",
      });
    }
  });
}

function tooNew(version: number, latest: number): ConnectorError {
  return new ConnectorError(
    `The database schema is at version ${version}, newer than this version of @ml-connector/store-postgres supports (${latest}). Upgrade the package.`,
    { kind: "configuration", details: { databaseVersion: version, supportedVersion: latest } },
  );
}

/**
 * Brings the schema up to date: in one transaction holding `pg_advisory_xact_lock`, so that several instances
 * starting at once apply each migration exactly once (the others wait, then find nothing to do). Creates the schema
 * when missing. Refuses a schema newer than `migrations`. Returns the resulting version.
 */
export async function migrate(db: Db, schemaName: string, migrations: readonly Migration[]): Promise<number> {
  checkSequence(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const versions = db.table("schema_migrations");
  return db.transaction(async (client) => {
    await db.query("SELECT pg_advisory_xact_lock($1::int4, hashtext($2))", [LOCK_CLASS, schemaName], client);
    // CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege on the database even when the schema exists: only ask
    // for it when the schema is really missing, so that a DBA may create the schema and grant us just that.
    const existing = await db.one("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schemaName], client);
    if (existing === undefined) await db.query(`CREATE SCHEMA ${db.schema}`, [], client);
    const table = await db.one<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [versions], client);
    if (table?.found == null) {
      await db.query(
        `CREATE TABLE ${versions} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
        [],
        client,
      );
    }
    const row = await db.one<{ version: number | null }>(`SELECT max(version) AS version FROM ${versions}`, [], client);
    let version = row?.version ?? 0;
    if (version > latest) throw tooNew(version, latest);
    if (version === latest) return version;
    await db.query(`SET LOCAL search_path TO ${db.schema}`, [], client);
    for (const migration of migrations) {
      if (migration.version <= version) continue;
      await db.query(migration.sql, [], client);
      await db.query(
        `INSERT INTO ${versions} (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
        client,
      );
      version = migration.version;
    }
    return version;
  });
}

/** The schema version recorded in the database (0 when none was applied). */
export async function databaseVersion(db: Db): Promise<number> {
  const row = await db.one<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${db.table("schema_migrations")}`,
  );
  return row?.version ?? 0;
}
