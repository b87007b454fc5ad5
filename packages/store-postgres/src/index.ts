import { ConnectorError, type ConnectorStores, storeSupport } from "@ml-connector/state";
import pg from "pg";
import { z } from "zod";
import { createPostgresAuditStore } from "./audit-store.js";
import { Db, quoteIdent, translateError } from "./database.js";
import { createGroupCommit, createUngroupedWrites } from "./group-commit.js";
import { createPostgresMappingStore } from "./mapping-store.js";
import { databaseVersion, migrate } from "./migrate.js";
import { migrations, schemaVersion } from "./migrations.js";
import {
  createPostgresCursorStore,
  createPostgresLock,
  createPostgresSequenceStore,
  createPostgresTokenStore,
} from "./small-stores.js";

export { type Migration, migrations, schemaVersion } from "./migrations.js";

export interface PostgresStoresOptions {
  /**
   * `postgres://user:password@host:5432/database` (any form node-postgres accepts, `?sslmode=...` included). Give
   * this or `pool`. Never logged, and its password never appears in an error.
   */
  connectionString?: string | undefined;
  /** An existing pool to use instead. `close()` then leaves it open: whoever created it ends it. */
  pool?: pg.Pool | undefined;
  /** The schema holding the tables (default `ml_connector`), created when missing. Lower-case letters, digits, `_`. */
  schema?: string | undefined;
  /** Connections in the pool this package creates (default 10). Ignored with `pool`. */
  poolSize?: number | undefined;
  /** How long to wait for a connection before failing with a `connection` error (default 10000 ms). */
  connectionTimeoutMs?: number | undefined;
  /**
   * Prepare each statement once per connection under a name (default `true`): the server parses and plans it once.
   * Set `false` behind a pooler in transaction mode that does not track named prepared statements (PgBouncer before
   * 1.21, or with `max_prepared_statements = 0`): every statement is then parsed on each call, unnamed.
   */
  preparedStatements?: boolean | undefined;
  /**
   * Group the audit trail's writes of a step into one transaction: about two commits per 850 instead of six, but all
   * of them on one connection, one statement after the other. Pays where a commit is dear (a slow disk, synchronous
   * replication); costs throughput where it is not. Default `false`: each write its own transaction, on several
   * connections at once.
   */
  groupWrites?: boolean | undefined;
  /**
   * Time source in epoch milliseconds, for tests. By default the database server's clock is used for every
   * timestamp and lease, so that instances on several machines agree on when a lock expires.
   */
  clock?: storeSupport.Clock | undefined;
}

/** `ConnectorStores` on PostgreSQL, plus what an operator may want to know. */
export interface PostgresStores extends ConnectorStores {
  /** The schema version of the database (equals `schemaVersion` once open). */
  readonly schemaVersion: number;
  /** The schema name. */
  readonly schema: string;
  /** The pool in use (the one given, or the one created). */
  readonly pool: pg.Pool;
  /**
   * Write transactions the audit store has committed through this handle (each one WAL flush with the default
   * `synchronous_commit = on`): for benchmarks and operators who count what a document costs.
   */
  readonly auditTransactions: number;
}

const optionsSchema = z
  .object({
    connectionString: z.string().min(1).optional(),
    // Duck-typed: a pool from another copy of pg (another version, a bundler's) is still a pool.
    pool: z
      .custom<pg.Pool>(
        (value) =>
          typeof value === "object" &&
          value !== null &&
          typeof (value as pg.Pool).query === "function" &&
          typeof (value as pg.Pool).connect === "function",
        "expected a pg.Pool",
      )
      .optional(),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "lower-case letters, digits and _, starting with a letter or _ (at most 63)")
      .default("ml_connector"),
    poolSize: z.number().int().min(1).max(1000).default(10),
    connectionTimeoutMs: z.number().int().min(1).default(10_000),
    preparedStatements: z.boolean().default(true),
    groupWrites: z.boolean().default(false),
    clock: z
      .custom<storeSupport.Clock>(
        (value) =>
          typeof value === "object" && value !== null && typeof (value as { now?: unknown }).now === "function",
      )
      .optional(),
  })
  .strict()
  .refine((o) => (o.connectionString === undefined) !== (o.pool === undefined), {
    message: "give either connectionString or pool, not both",
    path: ["connectionString"],
  });

function parseOptions(options: PostgresStoresOptions) {
  const result = optionsSchema.safeParse(options);
  if (result.success) return result.data;
  // Only paths and messages: zod's issues may quote the input, and the input may hold a password.
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new ConnectorError(
    `Invalid PostgreSQL store options: ${issues.map((i) => `${i.path || "(options)"}: ${i.message}`).join("; ")}`,
    { kind: "configuration", details: { issues } },
  );
}

/**
 * Connects to PostgreSQL and returns every store of ml-connector over one schema: the schema and its tables are
 * created or migrated first, under an advisory lock so that instances starting together do not race. Throws a
 * `configuration` ConnectorError for bad options or a schema written by a newer version of this package, and a
 * `connection` one when the server cannot be reached. Every atomic operation (ledger, locks, sequences,
 * compare-and-set cursors) is one statement or one transaction on the server, so any number of processes may share
 * the schema.
 */
export async function createPostgresStores(options: PostgresStoresOptions): Promise<PostgresStores> {
  const parsed = parseOptions(options);
  const ownsPool = parsed.pool === undefined;
  const pool =
    parsed.pool ??
    new pg.Pool({
      connectionString: parsed.connectionString,
      max: parsed.poolSize,
      connectionTimeoutMillis: parsed.connectionTimeoutMs,
      application_name: "ml-connector",
      // Queries written without waiting for the previous answer: a group's BEGIN, savepoint and first statement
      // cost one round trip.
      pipeline: true,
    });
  // An idle connection dropped by the server must not crash the process: the next query reports it instead.
  const onIdleError = () => {};
  if (ownsPool) pool.on("error", onIdleError);
  const db = new Db(pool, quoteIdent(parsed.schema), parsed.clock, parsed.preparedStatements);
  let version: number;
  try {
    await migrate(db, parsed.schema, migrations);
    version = await databaseVersion(db);
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => {});
    throw translateError(error);
  }
  let closed = false;
  const locks = createPostgresLock(db);
  const writes = parsed.groupWrites ? createGroupCommit(db) : createUngroupedWrites(db);
  return {
    cursors: createPostgresCursorStore(db),
    mappings: createPostgresMappingStore(db),
    audit: createPostgresAuditStore(db, writes),
    // Refreshes go through the shared lock: instances on this database never spend one rotating refresh token twice.
    tokens: storeSupport.withTokenRefreshLock(createPostgresTokenStore(db), locks),
    locks,
    sequences: createPostgresSequenceStore(db),
    schemaVersion: version,
    schema: parsed.schema,
    pool,
    get auditTransactions() {
      return writes.commits;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await writes.flush();
      } finally {
        if (ownsPool) await pool.end();
      }
    },
  };
}

/** The highest schema version this package can open. */
export const supportedSchemaVersion = schemaVersion;
