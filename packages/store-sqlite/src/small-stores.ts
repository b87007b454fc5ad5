import { randomUUID } from "node:crypto";
import {
  ConnectorError,
  type CursorEntryChanges,
  type CursorStore,
  type Lock,
  type SequenceStore,
  storeSupport,
  type TokenSet,
  type TokenStore,
} from "@ml-connector/state";
import type { Db } from "./database.js";
import type { GroupCommit } from "./group-commit.js";

type Clock = storeSupport.Clock;

type CursorRow = storeSupport.CursorRow;
const { cursorFromRow } = storeSupport;

export function createSqliteCursorStore(db: Db, clock: Clock): CursorStore {
  const get = db.prepare<[string, string], CursorRow>("SELECT * FROM cursors WHERE flow = ? AND source = ?");
  const upsert = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO cursors (flow, source, value, version, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (flow, source) DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string, string]>("DELETE FROM cursors WHERE flow = ? AND source = ?");
  const entries = db.prepare<[string, string], { key: string; value: string }>(
    "SELECT key, value FROM cursor_entries WHERE flow = ? AND source = ?",
  );
  const putEntry = db.prepare<[string, string, string, string]>(
    `INSERT INTO cursor_entries (flow, source, key, value) VALUES (?, ?, ?, ?)
     ON CONFLICT (flow, source, key) DO UPDATE SET value = excluded.value`,
  );
  const dropEntry = db.prepare<[string, string, string]>(
    "DELETE FROM cursor_entries WHERE flow = ? AND source = ? AND key = ?",
  );
  const removeEntries = db.prepare<[string, string]>("DELETE FROM cursor_entries WHERE flow = ? AND source = ?");
  const forget = db.transaction((flow: string, source: string) => {
    remove.run(flow, source);
    removeEntries.run(flow, source);
  });
  const listAll = db.prepare<[], CursorRow>("SELECT * FROM cursors ORDER BY flow, source");
  const listFlow = db.prepare<[string], CursorRow>("SELECT * FROM cursors WHERE flow = ? ORDER BY source");
  const set = db.transaction(
    (
      flow: string,
      source: string,
      json: string,
      expectedVersion: number | undefined,
      changes: CursorEntryChanges | undefined,
    ) => {
      const currentVersion = get.get(flow, source)?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
        throw new ConnectorError(
          `Cursor ${flow}/${source} is at version ${currentVersion}, expected ${expectedVersion}`,
          {
            kind: "conflict",
            details: { flow, source, version: currentVersion, expectedVersion },
          },
        );
      }
      upsert.run(flow, source, json, currentVersion + 1, clock.now());
      for (const entry of changes?.drop ?? []) dropEntry.run(flow, source, entry);
      for (const [entry, value] of changes?.put ?? []) putEntry.run(flow, source, entry, value);
      return get.get(flow, source)!;
    },
  );
  return {
    async get(key) {
      const row = get.get(key.flow, key.source);
      return row === undefined ? undefined : cursorFromRow(row);
    },
    async set(key, value, options = {}) {
      const json = JSON.stringify(value);
      if (json === undefined) throw new ConnectorError("Cursor value is not JSON", { kind: "validation" });
      return cursorFromRow(set.immediate(key.flow, key.source, json, options.expectedVersion, options.entries));
    },
    async entries(key) {
      return new Map(entries.all(key.flow, key.source).map((row) => [row.key, row.value]));
    },
    async delete(key) {
      forget.immediate(key.flow, key.source);
    },
    async list(flow) {
      return (flow === undefined ? listAll.all() : listFlow.all(flow)).map(cursorFromRow);
    },
  };
}

/**
 * Token writes are committed before they return (with the audit writes still open): a rotated refresh token must
 * outlive a crash that follows, the old one being spent.
 */
export function createSqliteTokenStore(db: Db, clock: Clock, writes: GroupCommit): TokenStore {
  const get = db.prepare<[string], { value: string }>("SELECT value FROM tokens WHERE key = ?");
  const set = db.prepare<[string, string, number]>(
    `INSERT INTO tokens (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>("DELETE FROM tokens WHERE key = ?");
  return {
    async get(key) {
      const row = get.get(key);
      return row === undefined ? undefined : (JSON.parse(row.value) as TokenSet);
    },
    async set(key, tokens) {
      const json = JSON.stringify(tokens);
      writes.durable(() => set.run(key, json, clock.now()));
    },
    async delete(key) {
      writes.durable(() => remove.run(key));
    },
  };
}

interface LockRow {
  name: string;
  owner: string;
  token: string;
  ttl_ms: number;
  expires_at: number;
}

/**
 * The lock coordinates processes: each acquire, refresh and release is committed before it returns (with the audit
 * writes still waiting for the end of the turn), so other processes see it at once.
 */
export function createSqliteLock(db: Db, clock: Clock, writes: GroupCommit): Lock {
  const get = db.prepare<[string], LockRow>("SELECT * FROM locks WHERE name = ?");
  const put = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO locks (name, owner, token, ttl_ms, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, token = excluded.token, ttl_ms = excluded.ttl_ms,
       expires_at = excluded.expires_at`,
  );
  const extend = db.prepare<[number, number, string, string, number]>(
    "UPDATE locks SET ttl_ms = ?, expires_at = ? WHERE name = ? AND token = ? AND expires_at > ?",
  );
  const remove = db.prepare<[string, string, number]>(
    "DELETE FROM locks WHERE name = ? AND token = ? AND expires_at > ?",
  );
  const acquire = db.transaction((name: string, owner: string, ttl: number) => {
    const now = clock.now();
    const held = get.get(name);
    if (held !== undefined && held.expires_at > now) return undefined;
    const token = randomUUID();
    put.run(name, owner, token, ttl, now + ttl);
    return { name, owner, token, expiresAt: new Date(now + ttl) };
  });
  const refresh = db.transaction((name: string, token: string, ttlMs: number | undefined) => {
    const now = clock.now();
    const held = get.get(name);
    if (held === undefined || held.token !== token || held.expires_at <= now) return undefined;
    const ttl = ttlMs === undefined ? held.ttl_ms : storeSupport.checkTtl(ttlMs);
    extend.run(ttl, now + ttl, name, token, now);
    return now + ttl;
  });
  return {
    async acquire(name, { ttlMs, owner }) {
      const ttl = storeSupport.checkTtl(ttlMs);
      return writes.durable(() => acquire(name, owner, ttl));
    },
    async refresh(handle, ttlMs) {
      const expiresAt = writes.durable(() => refresh(handle.name, handle.token, ttlMs));
      return expiresAt === undefined ? undefined : { ...handle, expiresAt: new Date(expiresAt) };
    },
    async release(handle) {
      return writes.durable(() => remove.run(handle.name, handle.token, clock.now()).changes > 0);
    },
    async holder(name) {
      const held = get.get(name);
      if (held === undefined || held.expires_at <= clock.now()) return undefined;
      return { owner: held.owner, expiresAt: new Date(held.expires_at) };
    },
  };
}

export function createSqliteSequenceStore(db: Db, writes: GroupCommit): SequenceStore {
  const next = db.prepare<[string, number], { value: number }>(
    `INSERT INTO sequences (name, value) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET value = value + 1
     RETURNING value`,
  );
  const current = db.prepare<[string], { value: number }>("SELECT value FROM sequences WHERE name = ?");
  return {
    async next(name, options = {}) {
      const start = storeSupport.checkStart(options.start);
      const take = () => next.get(name, start)!.value;
      // The number is handed out only once its increment is committed: a crash or a failed commit before then undoes
      // the increment, and the number, never seen, is taken again.
      if (writes.openTransaction === undefined) {
        // The increment begins the group's transaction, committed at the end of this turn of the event loop with
        // whatever else is written in the turn (a caller that goes on with its own writes shares the commit).
        return storeSupport.checkNext(name, await writes.durableThisTurn(take, { atomic: true }));
      }
      // The group's open transaction holds the write lock: the increment joins it and waits for its commit, by
      // whatever commits it next (adding no commit of its own).
      const value = writes.deferred(take, { atomic: true });
      await writes.whenDurable();
      return storeSupport.checkNext(name, value);
    },
    async current(name) {
      return current.get(name)?.value;
    },
  };
}
