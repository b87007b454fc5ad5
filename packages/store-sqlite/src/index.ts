import { type ConnectorStores, storeSupport } from "@ml-connector/state";
import { createSqliteAuditStore } from "./audit-store.js";
import { databaseVersion, openDatabase } from "./database.js";
import { createGroupCommit, DEFAULT_COMMIT_HOLD_MS } from "./group-commit.js";
import { createSqliteMappingStore } from "./mapping-store.js";
import { schemaVersion } from "./migrations.js";
import {
  createSqliteCursorStore,
  createSqliteLock,
  createSqliteSequenceStore,
  createSqliteTokenStore,
} from "./small-stores.js";

export { type Migration, migrations, schemaVersion } from "./migrations.js";

export interface SqliteStoresOptions {
  /** The database file (created when missing). `:memory:` works for tests but is not shared between processes. */
  path: string;
  /** How long a writer waits for another process's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Time source in epoch milliseconds (default `Date.now`), for tests. */
  clock?: storeSupport.Clock;
  /**
   * The longest (ms) the audit store keeps a transaction open for writes that need no durability of their own (a
   * document's outcome), waiting for the next durable write (the next effect begun) to commit them with it. Default
   * 25. The open transaction holds SQLite's write lock: a writer on another connection to the file waits meanwhile.
   */
  commitHoldMs?: number;
}

/** `ConnectorStores` on SQLite, plus what an operator may want to know about the file. */
export interface SqliteStores extends ConnectorStores {
  /** The schema version of the file (equals `schemaVersion` once open). */
  readonly schemaVersion: number;
  readonly path: string;
  /**
   * Write transactions the audit store has committed through this handle (each one fsync with `synchronous = FULL`):
   * for benchmarks and operators who count what a document costs.
   */
  readonly auditTransactions: number;
}

/**
 * Opens (or creates) one SQLite file holding every store: WAL journal, a busy timeout, numbered migrations applied in
 * transactions. Throws a `configuration` ConnectorError when the file was written by a newer version of this package.
 * Atomic operations (ledger, locks, sequences, compare-and-set cursors) run in `BEGIN IMMEDIATE` transactions, so
 * several processes may share the file.
 */
export function createSqliteStores(options: SqliteStoresOptions): SqliteStores {
  const db = openDatabase({ path: options.path, busyTimeoutMs: options.busyTimeoutMs ?? 5_000 });
  const clock = options.clock ?? storeSupport.systemClock;
  const writes = createGroupCommit(db, { holdMs: options.commitHoldMs ?? DEFAULT_COMMIT_HOLD_MS });
  let closed = false;
  const locks = createSqliteLock(db, clock, writes);
  return {
    cursors: createSqliteCursorStore(db, clock),
    mappings: createSqliteMappingStore(db, writes),
    audit: createSqliteAuditStore(db, clock, writes),
    // Refreshes go through the shared lock: processes on this file never spend one rotating refresh token twice.
    tokens: storeSupport.withTokenRefreshLock(createSqliteTokenStore(db, clock, writes), locks),
    locks,
    sequences: createSqliteSequenceStore(db, writes),
    schemaVersion: databaseVersion(db),
    path: options.path,
    get auditTransactions() {
      return writes.commits;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        writes.flush();
      } finally {
        db.close();
      }
    },
  };
}

/** The highest schema version this package can open. */
export const supportedSchemaVersion = schemaVersion;
