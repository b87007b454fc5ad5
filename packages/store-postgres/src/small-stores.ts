import { randomUUID } from "node:crypto";
import {
  ConnectorError,
  type CursorEntryChanges,
  type CursorKey,
  type CursorStore,
  type JsonValue,
  type Lock,
  type SequenceStore,
  storeSupport,
  type TokenSet,
  type TokenStore,
} from "@ml-connector/state";
import { type Db, nowSql, type Queryable, toMs } from "./database.js";

type CursorRow = storeSupport.CursorRow;
const { cursorFromRow } = storeSupport;

export function createPostgresCursorStore(db: Db): CursorStore {
  const t = db.table("cursors");
  const e = db.table("cursor_entries");
  const columns = `flow, source, value, version, ${toMs("updated_at")}`;
  // Read on the writer's own client when inside a transaction: a pool of one has no other.
  const conflict = async (flow: string, source: string, expectedVersion: number, on?: Queryable) => {
    const row = await db.one<{ version: number }>(
      `SELECT version FROM ${t} WHERE flow = $1 AND source = $2`,
      [flow, source],
      on,
    );
    const version = row?.version ?? 0;
    return new ConnectorError(`Cursor ${flow}/${source} is at version ${version}, expected ${expectedVersion}`, {
      kind: "conflict",
      details: { flow, source, version, expectedVersion },
    });
  };
  const writeValue = async (key: CursorKey, value: JsonValue, expected: number | undefined, on?: Queryable) => {
    const json = JSON.stringify(value);
    if (json === undefined) throw new ConnectorError("Cursor value is not JSON", { kind: "validation" });
    const params = [key.flow, key.source, json, db.now()];
    let row: CursorRow | undefined;
    if (expected === undefined) {
      row = await db.one<CursorRow>(
        `INSERT INTO ${t} (flow, source, value, version, updated_at) VALUES ($1, $2, $3::jsonb, 1, ${nowSql("$4")})
         ON CONFLICT (flow, source) DO UPDATE SET value = excluded.value, version = ${t}.version + 1,
           updated_at = excluded.updated_at
         RETURNING ${columns}`,
        params,
        on,
      );
    } else if (expected === 0) {
      // Must not exist yet: of concurrent inserts, the others meet the winner's row and insert nothing.
      row = await db.one<CursorRow>(
        `INSERT INTO ${t} (flow, source, value, version, updated_at) VALUES ($1, $2, $3::jsonb, 1, ${nowSql("$4")})
         ON CONFLICT (flow, source) DO NOTHING
         RETURNING ${columns}`,
        params,
        on,
      );
    } else {
      // The row lock makes a second writer re-read the version after the first commits, and find it moved on.
      row = await db.one<CursorRow>(
        `UPDATE ${t} SET value = $3::jsonb, version = version + 1, updated_at = ${nowSql("$4")}
         WHERE flow = $1 AND source = $2 AND version = $5
         RETURNING ${columns}`,
        [...params, expected],
        on,
      );
    }
    if (row === undefined) throw await conflict(key.flow, key.source, expected ?? 0, on);
    return cursorFromRow(row);
  };
  const changeEntries = async (key: CursorKey, changes: CursorEntryChanges, on: Queryable) => {
    if (changes.drop !== undefined && changes.drop.length > 0) {
      await db.query(
        `DELETE FROM ${e} WHERE flow = $1 AND source = $2 AND key = ANY($3::text[])`,
        [key.flow, key.source, changes.drop],
        on,
      );
    }
    if (changes.put !== undefined && changes.put.length > 0) {
      // One row per entry, the last value given winning as in the other stores: ON CONFLICT DO UPDATE refuses a
      // statement that would change a row twice.
      const put = new Map(changes.put);
      await db.query(
        `INSERT INTO ${e} (flow, source, key, value)
         SELECT $1, $2, k, v FROM unnest($3::text[], $4::text[]) AS u(k, v)
         ON CONFLICT (flow, source, key) DO UPDATE SET value = excluded.value`,
        [key.flow, key.source, [...put.keys()], [...put.values()]],
        on,
      );
    }
  };
  return {
    async get(key) {
      const row = await db.one<CursorRow>(`SELECT ${columns} FROM ${t} WHERE flow = $1 AND source = $2`, [
        key.flow,
        key.source,
      ]);
      return row === undefined ? undefined : cursorFromRow(row);
    },
    async set(key, value, options = {}) {
      const changes = options.entries;
      if (changes !== undefined && ((changes.drop?.length ?? 0) > 0 || (changes.put?.length ?? 0) > 0)) {
        // The value and its entries change together, or not at all.
        return db.transaction(async (client) => {
          const saved = await writeValue(key, value, options.expectedVersion, client);
          await changeEntries(key, changes, client);
          return saved;
        });
      }
      return writeValue(key, value, options.expectedVersion);
    },
    async entries(key) {
      const rows = await db.query<{ key: string; value: string }>(
        `SELECT key, value FROM ${e} WHERE flow = $1 AND source = $2`,
        [key.flow, key.source],
      );
      return new Map(rows.map((row) => [row.key, row.value]));
    },
    async delete(key) {
      await db.transaction(async (client) => {
        await db.query(`DELETE FROM ${t} WHERE flow = $1 AND source = $2`, [key.flow, key.source], client);
        await db.query(`DELETE FROM ${e} WHERE flow = $1 AND source = $2`, [key.flow, key.source], client);
      });
    },
    async list(flow) {
      const rows =
        flow === undefined
          ? await db.query<CursorRow>(`SELECT ${columns} FROM ${t} ORDER BY flow, source`)
          : await db.query<CursorRow>(`SELECT ${columns} FROM ${t} WHERE flow = $1 ORDER BY source`, [flow]);
      return rows.map(cursorFromRow);
    },
  };
}

export function createPostgresTokenStore(db: Db): TokenStore {
  const t = db.table("tokens");
  return {
    async get(key) {
      const row = await db.one<{ value: string }>(`SELECT value FROM ${t} WHERE key = $1`, [key]);
      return row === undefined ? undefined : (JSON.parse(row.value) as TokenSet);
    },
    async set(key, tokens) {
      // Resolves only after the commit: a rotated refresh token is durable before anyone uses it.
      await db.query(
        `INSERT INTO ${t} (key, value, updated_at) VALUES ($1, $2::jsonb, ${nowSql("$3")})
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [key, JSON.stringify(tokens), db.now()],
      );
    },
    async delete(key) {
      await db.query(`DELETE FROM ${t} WHERE key = $1`, [key]);
    },
  };
}

export function createPostgresLock(db: Db): Lock {
  const t = db.table("locks");
  return {
    async acquire(name, { ttlMs, owner }) {
      const ttl = storeSupport.checkTtl(ttlMs);
      const token = randomUUID();
      // One statement: a free name is inserted; a held one is taken over only when its lease has ended. Concurrent
      // acquirers queue on the row and re-check the lease after the winner commits, so exactly one gets it.
      const row = await db.one<{ expires_at: number }>(
        `WITH now AS (SELECT ${nowSql("$5")} AS at)
         INSERT INTO ${t} (name, owner, token, ttl_ms, expires_at)
           SELECT $1, $2, $3, $4::int8, now.at + $4::int8 * interval '1 millisecond' FROM now
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, token = excluded.token, ttl_ms = excluded.ttl_ms,
           expires_at = excluded.expires_at
           WHERE ${t}.expires_at <= (SELECT at FROM now)
         RETURNING ${toMs("expires_at")}`,
        [name, owner, token, ttl, db.now()],
      );
      return row === undefined ? undefined : { name, owner, token, expiresAt: new Date(row.expires_at) };
    },
    async refresh(handle, ttlMs) {
      const ttl = ttlMs === undefined ? null : storeSupport.checkTtl(ttlMs);
      const row = await db.one<{ expires_at: number }>(
        `WITH now AS (SELECT ${nowSql("$4")} AS at)
         UPDATE ${t} SET ttl_ms = COALESCE($3::int8, ttl_ms),
           expires_at = (SELECT at FROM now) + COALESCE($3::int8, ttl_ms) * interval '1 millisecond'
         WHERE name = $1 AND token = $2 AND expires_at > (SELECT at FROM now)
         RETURNING ${toMs("expires_at")}`,
        [handle.name, handle.token, ttl, db.now()],
      );
      return row === undefined ? undefined : { ...handle, expiresAt: new Date(row.expires_at) };
    },
    async release(handle) {
      const rows = await db.query(
        `DELETE FROM ${t} WHERE name = $1 AND token = $2 AND expires_at > ${nowSql("$3")} RETURNING name`,
        [handle.name, handle.token, db.now()],
      );
      return rows.length > 0;
    },
    async holder(name) {
      const row = await db.one<{ owner: string; expires_at: number }>(
        `SELECT owner, ${toMs("expires_at")} FROM ${t} WHERE name = $1 AND expires_at > ${nowSql("$2")}`,
        [name, db.now()],
      );
      return row === undefined ? undefined : { owner: row.owner, expiresAt: new Date(row.expires_at) };
    },
  };
}

export function createPostgresSequenceStore(db: Db): SequenceStore {
  const t = db.table("sequences");
  return {
    async next(name, options = {}) {
      const start = storeSupport.checkStart(options.start);
      // The upsert takes the row lock: concurrent callers, in any process, are served one after the other.
      const row = await db.one<{ value: number }>(
        `INSERT INTO ${t} (name, value) VALUES ($1, $2::int8)
         ON CONFLICT (name) DO UPDATE SET value = ${t}.value + 1
         RETURNING value`,
        [name, start],
      );
      return storeSupport.checkNext(name, row!.value);
    },
    async current(name) {
      return (await db.one<{ value: number }>(`SELECT value FROM ${t} WHERE name = $1`, [name]))?.value;
    },
  };
}
