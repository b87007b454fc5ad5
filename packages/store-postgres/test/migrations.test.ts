import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStores, migrations, supportedSchemaVersion } from "../src/index.js";
import { freshSchema, usePostgresDatabase } from "./support/postgres-server.js";

const database = usePostgresDatabase();
let admin: pg.Pool;
beforeAll(() => {
  admin = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await admin.end();
});

const tablesOf = async (schema: string) =>
  (
    await admin.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    )
  ).rows.map((r) => r.table_name);
const versionsOf = async (schema: string) =>
  (
    await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)
  ).rows.map((r) => r.version);

describe("migrations", () => {
  it("create the schema and every table on a fresh database", async () => {
    const schema = freshSchema("fresh");
    const stores = await createPostgresStores({ connectionString: database.url, schema });
    expect(stores.schemaVersion).toBe(supportedSchemaVersion);
    expect(stores.schema).toBe(schema);
    await stores.close();
    expect(await tablesOf(schema)).toEqual([
      "attempts",
      "cursor_entries",
      "cursors",
      "documents",
      "effects",
      "links",
      "locks",
      "mapping_cost_centres",
      "mapping_items",
      "mapping_partners",
      "mapping_ship_tos",
      "mapping_uoms",
      "payloads",
      "schema_migrations",
      "sequences",
      "tokens",
    ]);
    expect(await versionsOf(schema)).toEqual(migrations.map((m) => m.version));
  });

  it("are idempotent: opening again applies nothing and keeps the data", async () => {
    const schema = freshSchema("again");
    const first = await createPostgresStores({ connectionString: database.url, schema });
    await first.sequences.next("sscc");
    await first.close();
    const second = await createPostgresStores({ connectionString: database.url, schema });
    expect(await second.sequences.next("sscc")).toBe(2);
    await second.close();
    expect(await versionsOf(schema)).toEqual(migrations.map((m) => m.version));
  });

  it("run once when three instances start at the same moment", async () => {
    const schema = freshSchema("together");
    const all = await Promise.all(
      [1, 2, 3].map(() => createPostgresStores({ connectionString: database.url, schema, poolSize: 2 })),
    );
    expect(all.map((s) => s.schemaVersion)).toEqual([1, 1, 1].map(() => supportedSchemaVersion));
    expect(await versionsOf(schema)).toEqual(migrations.map((m) => m.version));
    // They work on the same tables.
    expect(await Promise.all(all.map((s) => s.sequences.next("n")))).toHaveLength(3);
    expect(await all[0]!.sequences.current("n")).toBe(3);
    await Promise.all(all.map((s) => s.close()));
  });

  it("refuse a schema newer than this code, leaving it untouched", async () => {
    const schema = freshSchema("newer");
    await (await createPostgresStores({ connectionString: database.url, schema })).close();
    const next = supportedSchemaVersion + 1;
    await admin.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES ($1, 'from the future')`, [
      next,
    ]);
    const refused = createPostgresStores({ connectionString: database.url, schema });
    await expect(refused).rejects.toMatchObject({
      kind: "configuration",
      details: { databaseVersion: next, supportedVersion: supportedSchemaVersion },
    });
    await expect(refused).rejects.toThrow(/newer than this version/);
    expect(await versionsOf(schema)).toEqual([...migrations.map((m) => m.version), next]);
  });

  it("keep schemas apart: two stores in two schemas of one database share nothing", async () => {
    const one = await createPostgresStores({ connectionString: database.url, schema: freshSchema("one") });
    const two = await createPostgresStores({ connectionString: database.url, schema: freshSchema("two") });
    await one.sequences.next("s");
    await one.sequences.next("s");
    expect(await two.sequences.next("s")).toBe(1);
    await one.close();
    await two.close();
  });

  it("need only rights on the schema once a DBA created it", async () => {
    const role = freshSchema("role");
    const schema = freshSchema("granted");
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    try {
      await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
      const url = new URL(database.url);
      url.username = role;
      url.password = "";
      const stores = await createPostgresStores({ connectionString: url.toString(), schema });
      expect(await stores.sequences.next("s")).toBe(1);
      await stores.close();
      // Without a schema, and without CREATE on the database, it cannot make one.
      await expect(
        createPostgresStores({ connectionString: url.toString(), schema: freshSchema("missing") }),
      ).rejects.toMatchObject({ kind: "configuration", details: { sqlState: "42501" } });
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP ROLE ${role}`);
    }
  });
});

describe("migration: cursor entries", () => {
  it("upgrades a schema saved before cursor entries: its cursors are kept, and their entries start empty", async () => {
    const schema = freshSchema("entries");
    const version = migrations.find((migration) => migration.name === "cursor entries")?.version;
    expect(version).toBe(migrations.at(-1)?.version);
    // The schema as the version before wrote it: every migration but this one.
    await (await createPostgresStores({ connectionString: database.url, schema })).close();
    await admin.query(`DROP TABLE "${schema}".cursor_entries`);
    await admin.query(`DELETE FROM "${schema}".schema_migrations WHERE version = $1`, [version]);
    const value = { since: "2026-12-01T12:00:00.000Z", seen: { INV1: "2026-12-01T12:00:00Z" }, settled: ["INV1"] };
    await admin.query(
      `INSERT INTO "${schema}".cursors (flow, source, value, version, updated_at) VALUES ($1, $2, $3, 3, now())`,
      ["invoices-out", "x3:SINVOICE", JSON.stringify(value)],
    );

    const key = { flow: "invoices-out", source: "x3:SINVOICE" };
    const stores = await createPostgresStores({ connectionString: database.url, schema });
    try {
      expect(await versionsOf(schema)).toEqual(migrations.map((m) => m.version));
      expect(await stores.cursors.get(key)).toMatchObject({ value, version: 3 });
      expect(await stores.cursors.entries(key)).toEqual(new Map());
      await stores.cursors.set(key, { since: value.since }, { expectedVersion: 3, entries: { put: [["INV1", "e"]] } });
      expect(await stores.cursors.entries(key)).toEqual(new Map([["INV1", "e"]]));
    } finally {
      await stores.close();
    }
  });
});
