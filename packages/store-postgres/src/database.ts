import { ConnectorError, sha256Hex, type storeSupport } from "@ml-connector/state";
import pg from "pg";

/** What a query may take as a parameter. Arrays become PostgreSQL arrays; Buffers become bytea. */
export type SqlValue = string | number | boolean | null | Buffer | readonly string[];

/** Anything that runs a query: the pool, or one client inside a transaction. */
export interface Queryable {
  query(config: pg.QueryConfig<SqlValue[]>): Promise<pg.QueryResult>;
}

// Parsers for this package's queries only, so that an application's global `pg.types` settings change nothing here:
// int8 (seq, ids, sizes, epoch milliseconds) as numbers, json/jsonb as their text (parsed by the caller, which keeps a
// JSON `null` apart from SQL NULL), everything else as node-postgres does by default.
const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === JSON_OID || oid === JSONB) return (value: string) => value;
    return pg.types.getTypeParser(oid, format ?? "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** SQL for an epoch-milliseconds parameter as a timestamptz. */
export const fromMs = (placeholder: string) =>
  `('epoch'::timestamptz + ${placeholder}::int8 * interval '1 millisecond')`;
/** SQL reading a timestamptz column as epoch milliseconds, under the column's own name. */
export const toMs = (column: string, alias = column) => `(extract(epoch from ${column}) * 1000)::int8 AS ${alias}`;
/**
 * SQL for "now" given the clock parameter: the injected clock's time when there is one, else the database server's
 * clock, so that instances on several machines agree on when a lease ends whatever their own clocks say.
 */
export const nowSql = (placeholder: string) =>
  `COALESCE(${fromMs(placeholder)}, date_trunc('milliseconds', clock_timestamp()))`;

/** Quotes an identifier (the schema name is validated too, this is belt and braces). */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A name per statement text, so node-postgres prepares each statement once per connection and then only binds and
 * executes it (no parse and plan per call). The name is a hash of the text: one text, one name, never two texts under
 * one name. The texts are the stores' own (values are always parameters), so there are few.
 */
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= 1024) statementNames.clear();
    name = `mlc_${sha256Hex(text).slice(0, 40)}`;
    statementNames.set(text, name);
  }
  return name;
};

/** The pool plus what every store needs: the schema, the clock, typed queries, transactions, error translation. */
export class Db {
  constructor(
    readonly pool: pg.Pool,
    /** The quoted schema name. */
    readonly schema: string,
    private readonly clock: storeSupport.Clock | undefined,
    /**
     * Whether statements are prepared once per connection under a name (the default). Off behind a pooler that
     * hands one client's statements to several server connections without tracking their names.
     */
    private readonly preparedStatements = true,
  ) {}

  /** A table name qualified with the schema. */
  table(name: string): string {
    return `${this.schema}.${name}`;
  }

  /** The value for a `nowSql` placeholder: the injected clock's time, or null for the server's. */
  now(): number | null {
    return this.clock === undefined ? null : this.clock.now();
  }

  async query<Row>(text: string, values: SqlValue[] = [], on: Queryable = this.pool): Promise<Row[]> {
    try {
      // Statements without parameters (DDL, migrations of several commands) are run as they are, never prepared.
      const name = this.preparedStatements && values.length > 0 ? statementName(text) : undefined;
      const result = await on.query({ name, text, values, types });
      return result.rows as Row[];
    } catch (error) {
      throw translateError(error);
    }
  }

  async one<Row>(text: string, values: SqlValue[] = [], on?: Queryable): Promise<Row | undefined> {
    return (await this.query<Row>(text, values, on))[0];
  }

  /**
   * Runs `work` in a READ COMMITTED transaction on one client. Retried (up to 3 times in all) when PostgreSQL
   * aborts it for a deadlock or a serialization failure, which can happen when several instances write the same rows.
   */
  async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        throw translateError(error);
      }
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true;
        }
        const translated = translateError(error);
        const sqlState = (translated.details as { sqlState?: string } | undefined)?.sqlState;
        if (attempt < 3 && (sqlState === "40001" || sqlState === "40P01")) continue;
        throw translated;
      } finally {
        client.release(broken);
      }
    }
  }
}

interface PgLikeError {
  code?: unknown;
  message?: unknown;
}

// SQLSTATE classes and codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const configurationStates = new Set(["28000", "28P01", "3D000", "3F000", "42501", "42P01", "42883"]);
const validationStates = new Set(["22021", "22P05", "22001", "22003", "54000"]);

/**
 * Turns what node-postgres throws into a `ConnectorError`. Messages come from PostgreSQL or the socket, never from the
 * connection string, so no password can end up in them.
 */
export function translateError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { code, message } = (error ?? {}) as PgLikeError;
  const text = typeof message === "string" ? message : String(error);
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
    const details = { sqlState: code };
    if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") {
      return new ConnectorError(`PostgreSQL connection failed: ${text}`, { kind: "connection", details, cause: error });
    }
    if (code === "57014") return new ConnectorError(`PostgreSQL: ${text}`, { kind: "timeout", details, cause: error });
    if (code === "40001" || code === "40P01" || code === "23505") {
      return new ConnectorError(`PostgreSQL: ${text}`, { kind: "conflict", details, cause: error });
    }
    if (configurationStates.has(code)) {
      return new ConnectorError(`PostgreSQL refused the configuration: ${text}`, {
        kind: "configuration",
        details,
        cause: error,
      });
    }
    if (validationStates.has(code)) {
      return new ConnectorError(`PostgreSQL refused a value: ${text}`, { kind: "validation", details, cause: error });
    }
    return new ConnectorError(`PostgreSQL: ${text}`, { kind: "server", details, cause: error });
  }
  if (typeof code === "string") {
    // A socket error (ECONNREFUSED, ENOTFOUND, ETIMEDOUT...).
    return new ConnectorError(`PostgreSQL connection failed: ${text}`, {
      kind: "connection",
      details: { code },
      cause: error,
    });
  }
  if (/timeout|terminated|Connection/i.test(text)) {
    return new ConnectorError(`PostgreSQL connection failed: ${text}`, { kind: "connection", cause: error });
  }
  return new ConnectorError(`PostgreSQL: ${text}`, { kind: "server", cause: error });
}
