import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPostgresStores } from "../src/index.js";
import { freshSchema, usePostgresDatabase } from "./support/postgres-server.js";

const database = usePostgresDatabase();

describe("options", () => {
  it("refuse neither or both of connectionString and pool, a bad schema and a bad pool size", async () => {
    await expect(createPostgresStores({})).rejects.toMatchObject({ kind: "configuration" });
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      await expect(createPostgresStores({ connectionString: database.url, pool })).rejects.toMatchObject({
        kind: "configuration",
      });
    } finally {
      await pool.end();
    }
    await expect(createPostgresStores({ connectionString: database.url, schema: 'x"; DROP' })).rejects.toMatchObject({
      kind: "configuration",
      details: { issues: [expect.objectContaining({ path: "schema" })] },
    });
    await expect(createPostgresStores({ connectionString: database.url, poolSize: 0 })).rejects.toMatchObject({
      kind: "configuration",
    });
  });

  it("never put the password of the connection string in an error", async () => {
    const secret = "hunter2-s3cret";
    // Nothing listens on port 1: a connection error.
    const unreachable = `postgres://someone:${secret}@127.0.0.1:1/db`;
    const error = await createPostgresStores({ connectionString: unreachable, connectionTimeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "connection", retryable: true });
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(String(error)).not.toContain(secret);
    expect((error as Error).stack ?? "").not.toContain(secret);
    // A bad option next to the connection string: the issue names the field, not the value.
    const invalid = await createPostgresStores({ connectionString: unreachable, poolSize: -1 }).catch(
      (e: unknown) => e,
    );
    expect(JSON.stringify(invalid)).not.toContain(secret);
    expect(String(invalid)).not.toContain(secret);
  });

  it("uses a pool it is given and leaves it open on close", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 3 });
    try {
      const stores = await createPostgresStores({ pool, schema: freshSchema() });
      expect(stores.pool).toBe(pool);
      expect(await stores.sequences.next("s")).toBe(1);
      await stores.close();
      await stores.close();
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it("ends the pool it created on close", async () => {
    const stores = await createPostgresStores({ connectionString: database.url, schema: freshSchema() });
    await stores.close();
    expect(stores.pool.ended).toBe(true);
  });

  it("use an injected clock for timestamps and leases", async () => {
    let now = Date.UTC(2030, 0, 1);
    const stores = await createPostgresStores({
      connectionString: database.url,
      schema: freshSchema(),
      clock: { now: () => now },
    });
    try {
      const handle = await stores.locks.acquire("l", { ttlMs: 1_000, owner: "a" });
      expect(handle?.expiresAt.getTime()).toBe(now + 1_000);
      now += 999;
      expect(await stores.locks.acquire("l", { ttlMs: 1_000, owner: "b" })).toBeUndefined();
      now += 1;
      expect(await stores.locks.holder("l")).toBeUndefined();
      expect(await stores.locks.acquire("l", { ttlMs: 1_000, owner: "b" })).toMatchObject({ owner: "b" });
      const d = await stores.audit.recordDocument({
        direction: "in",
        type: "850",
        partnerId: "ACME",
        naturalKey: "850:ACME:1",
        status: "received",
      });
      expect(d.createdAt.getTime()).toBe(now);
      expect((await stores.cursors.set({ flow: "f", source: "s" }, 1)).updatedAt.getTime()).toBe(now);
    } finally {
      await stores.close();
    }
  });

  it("translate values PostgreSQL cannot store into validation errors", async () => {
    const stores = await createPostgresStores({ connectionString: database.url, schema: freshSchema() });
    try {
      await expect(
        stores.audit.recordDocument({
          direction: "in",
          type: "850",
          partnerId: "ACME",
          naturalKey: "850:ACME:\u0000",
          status: "received",
        }),
      ).rejects.toMatchObject({ kind: "validation" });
    } finally {
      await stores.close();
    }
  });
});
