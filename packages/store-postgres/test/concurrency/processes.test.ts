import { join } from "node:path";
import { expectFairContention, runContenders } from "@ml-connector/state/testing";
import { describe, expect, it } from "vitest";
import { createPostgresStores, migrations } from "../../src/index.js";
import { freshSchema, usePostgresDatabase } from "../support/postgres-server.js";

const database = usePostgresDatabase();

describe("several processes on one schema", () => {
  it("migrate once, then share sequences, the ledger and locks without duplicates or overlap", async () => {
    const schema = freshSchema("procs");
    const rounds = 100;
    const contender = join(import.meta.dirname, "../support/contender.ts");
    const results = await runContenders(
      ["p1", "p2", "p3"],
      (name) => [
        "--conditions=ml-connector-source",
        "--import",
        "tsx",
        contender,
        database.url,
        schema,
        name,
        String(rounds),
      ],
      join(import.meta.dirname, "../../../.."),
    );
    expectFairContention(results, rounds);

    const stores = await createPostgresStores({ connectionString: database.url, schema });
    expect(await stores.sequences.current("sscc")).toBe(3 * rounds);
    expect(await stores.audit.listInProgress({ limit: 1000 })).toHaveLength(rounds);
    // Each migration applied exactly once, whichever process got there first.
    const versions = await stores.pool.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(versions.rows.map((row) => Number(row.version))).toEqual(migrations.map((m) => m.version));
    await stores.close();
  }, 120_000);
});
