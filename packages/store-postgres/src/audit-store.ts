import {
  type AuditCountField,
  type AuditCountQuery,
  type AuditStore,
  type BeginEffectResult,
  type BeginNewEffectResult,
  ConnectorError,
  type EffectDetails,
  storeSupport,
} from "@ml-connector/state";
import { type Db, fromMs, nowSql, type Queryable, type SqlValue, toMs } from "./database.js";
import type { GroupCommit } from "./group-commit.js";

const documentColumns = `seq, id, direction, type, partner_id, natural_key, po_number, revision, purpose_code, status,
  reasons, payload_sha256, payload_size, file_name, x3_key, flow, metadata, ${toMs("created_at")}, ${toMs("updated_at")}`;
const attemptColumns = `id, document_id, ${toMs("at")}, operation, outcome, http_status, error_kind, message, duration_ms`;
const linkColumns = `from_json, relation, to_json, ${toMs("created_at")}`;
const effectColumns = `key, state, operation, document_id, natural_key, owner, data, result, error, attempts,
  ${toMs("started_at")}, ${toMs("updated_at")}, ${toMs("completed_at")}`;

const bytesOf = (payload: Uint8Array) => Buffer.from(payload);

const notFound = (id: string) =>
  new ConnectorError(`Unknown audit document ${id}`, { kind: "not-found", details: { id } });
const unknownEffect = (key: string) =>
  new ConnectorError(`Unknown effect ${key}`, { kind: "not-found", details: { key } });

/** Builds `column = ANY($n)` style filters with numbered placeholders. */
class Filters {
  readonly where: string[] = [];
  readonly params: SqlValue[] = [];

  param(value: SqlValue): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  eq(column: string, value: string | undefined): void {
    if (value !== undefined) this.where.push(`${column} = ${this.param(value)}`);
  }
  oneOf(column: string, values: readonly string[] | undefined): void {
    if (values === undefined) return;
    this.where.push(values.length === 0 ? "false" : `${column} = ANY(${this.param(values)}::text[])`);
  }
  get clause(): string {
    return this.where.length > 0 ? `WHERE ${this.where.join(" AND ")}` : "";
  }
}

/** The SQL of each `countDocuments` group field. */
const countColumns: Record<AuditCountField, string> = {
  status: "status",
  type: "type",
  direction: "direction",
  partnerId: "partner_id",
  flow: "flow",
  day: "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
};

/** The filters of `findDocuments` and `countDocuments` (paging apart). */
function filtersOf(query: AuditCountQuery): Filters {
  const f = new Filters();
  f.oneOf("status", storeSupport.asList(query.status));
  f.oneOf("type", storeSupport.asList(query.type));
  f.eq("partner_id", query.partnerId);
  f.eq("po_number", query.poNumber);
  f.eq("natural_key", query.naturalKey);
  f.eq("direction", query.direction);
  f.eq("x3_key", query.x3Key);
  f.eq("file_name", query.fileName);
  f.eq("flow", query.flow);
  if (query.from !== undefined) f.where.push(`created_at >= ${fromMs(f.param(query.from.getTime()))}`);
  if (query.to !== undefined) f.where.push(`created_at < ${fromMs(f.param(query.to.getTime()))}`);
  return f;
}

/**
 * The audit trail and the ledger on PostgreSQL. Every call is a unit of `writes` (group commit): a step's writes share
 * one transaction; `beginEffect` and `failEffect` are durable when they return, `flush` makes every earlier write
 * durable; reads see the writes of the open group.
 */
export function createPostgresAuditStore(db: Db, writes: GroupCommit): AuditStore {
  const documents = db.table("documents");
  const payloads = db.table("payloads");
  const attempts = db.table("attempts");
  const links = db.table("links");
  const effects = db.table("effects");

  const getEffectRow = (key: string, on: Queryable) =>
    db.one<storeSupport.EffectRow>(`SELECT ${effectColumns} FROM ${effects} WHERE key = $1`, [key], on);
  /** One statement as a unit of its kind. */
  const read = <Row>(text: string, values: SqlValue[]) => writes.run("read", (on) => db.query<Row>(text, values, on));
  const readOne = async <Row>(text: string, values: SqlValue[]) => (await read<Row>(text, values))[0];
  const writeOne = <Row>(text: string, values: SqlValue[]) =>
    writes.run("write", (on) => db.one<Row>(text, values, on));

  /** Inserts the effect, or restarts a failed one (only with `restartFailed`); else says where it stands. */
  const begin = async (
    key: string,
    details: EffectDetails,
    restartFailed: boolean,
    on: Queryable,
  ): Promise<BeginNewEffectResult> => {
    for (;;) {
      // Insert, or restart a failed effect. Concurrent callers queue on the row: the first one inserts (or
      // restarts), the others find it in progress when the WHERE is re-checked, and get no row back. Without
      // `restartFailed` the WHERE refuses every existing row.
      const started = await db.one<storeSupport.EffectRow>(
        `INSERT INTO ${effects} AS e (key, state, operation, document_id, natural_key, owner, data, attempts,
           started_at, updated_at)
         SELECT $1, 'in-progress', $2, $3, $4, $5, $6::jsonb, 1, at, at FROM (SELECT ${nowSql("$7")} AS at) now
         ON CONFLICT (key) DO UPDATE SET state = 'in-progress', operation = excluded.operation,
           document_id = excluded.document_id, natural_key = excluded.natural_key, owner = excluded.owner,
           data = excluded.data, result = NULL, error = NULL, attempts = e.attempts + 1,
           started_at = excluded.started_at, updated_at = excluded.updated_at, completed_at = NULL
           WHERE e.state = 'failed' AND $8::boolean
         RETURNING ${effectColumns}`,
        [
          key,
          details.operation,
          details.documentId ?? null,
          details.naturalKey ?? null,
          details.owner ?? null,
          storeSupport.jsonOrNull(details.data),
          db.now(),
          restartFailed,
        ],
        on,
      );
      if (started !== undefined) return { outcome: "started", effect: storeSupport.effectFromRow(started) };
      const existing = await getEffectRow(key, on);
      // Failed again between the two statements: try to start it once more.
      if (existing === undefined || (existing.state === "failed" && restartFailed)) continue;
      const result: BeginNewEffectResult = { outcome: existing.state, effect: storeSupport.effectFromRow(existing) };
      return result;
    }
  };

  const store: AuditStore = {
    async recordDocument(input) {
      storeSupport.checkNewDocument(input);
      const id = input.id ?? storeSupport.newDocumentId(db.now() ?? Date.now());
      const payload = input.payload;
      // One statement: the document, and its bytes when there are some.
      // ON CONFLICT DO NOTHING: a taken id is a `conflict` (no row back), not an error.
      const row = await writeOne<storeSupport.DocumentRow>(
        `WITH inserted AS (
           INSERT INTO ${documents} (id, direction, type, partner_id, natural_key, po_number, revision, purpose_code,
             status, reasons, payload_sha256, payload_size, file_name, x3_key, flow, metadata, created_at, updated_at)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16::jsonb, at, at
             FROM (SELECT COALESCE(${fromMs("$17")}, ${nowSql("$18")}) AS at) now
           ON CONFLICT (id) DO NOTHING
           RETURNING ${documentColumns}
         ), payload AS (
           INSERT INTO ${payloads} (document_id, bytes) SELECT id, $19::bytea FROM inserted WHERE $19::bytea IS NOT NULL
         )
         SELECT * FROM inserted`,
        [
          id,
          input.direction,
          input.type,
          input.partnerId,
          input.naturalKey,
          input.poNumber ?? null,
          input.revision ?? 0,
          input.purposeCode ?? null,
          input.status,
          JSON.stringify(storeSupport.boundReasons(input.reasons ?? [])),
          payload === undefined ? null : storeSupport.sha256Hex(payload),
          payload?.byteLength ?? null,
          input.fileName ?? null,
          input.x3Key ?? null,
          input.flow ?? null,
          storeSupport.jsonOrNull(input.metadata),
          input.createdAt?.getTime() ?? null,
          db.now(),
          payload === undefined ? null : bytesOf(payload),
        ],
      );
      if (row === undefined) {
        throw new ConnectorError(`Audit document ${id} already exists`, { kind: "conflict", details: { id } });
      }
      return storeSupport.documentFromRow(row);
    },
    async updateDocument(id, patch) {
      storeSupport.checkDocumentPatch(patch);
      const f = new Filters();
      const sets: string[] = [];
      const set = (column: string, value: SqlValue | undefined, cast = "") => {
        if (value !== undefined) sets.push(`${column} = ${f.param(value)}${cast}`);
      };
      set("status", patch.status);
      set(
        "reasons",
        patch.reasons === undefined ? undefined : JSON.stringify(storeSupport.boundReasons(patch.reasons)),
        "::jsonb",
      );
      set("x3_key", patch.x3Key);
      set("po_number", patch.poNumber);
      set("revision", patch.revision);
      set("purpose_code", patch.purposeCode);
      set("file_name", patch.fileName);
      set("metadata", patch.metadata === undefined ? undefined : JSON.stringify(patch.metadata), "::jsonb");
      sets.push(`updated_at = ${nowSql(f.param(db.now()))}`);
      const row = await writeOne<storeSupport.DocumentRow>(
        `UPDATE ${documents} SET ${sets.join(", ")} WHERE id = ${f.param(id)} RETURNING ${documentColumns}`,
        f.params,
      );
      if (row === undefined) throw notFound(id);
      return storeSupport.documentFromRow(row);
    },
    async getDocument(id) {
      const row = await readOne<storeSupport.DocumentRow>(`SELECT ${documentColumns} FROM ${documents} WHERE id = $1`, [
        id,
      ]);
      return row === undefined ? undefined : storeSupport.documentFromRow(row);
    },
    async findDocuments(query = {}) {
      const limit = storeSupport.pageSize(query);
      const after = storeSupport.decodePageCursor(query.cursor);
      const desc = (query.order ?? "desc") === "desc";
      const f = filtersOf(query);
      if (after !== undefined) f.where.push(`seq ${desc ? "<" : ">"} ${f.param(after)}`);
      const rows = await read<storeSupport.DocumentRow>(
        `SELECT ${documentColumns} FROM ${documents} ${f.clause}
         ORDER BY seq ${desc ? "DESC" : "ASC"} LIMIT ${f.param(limit + 1)}`,
        f.params,
      );
      return storeSupport.pageOf(rows, limit, storeSupport.documentFromRow);
    },
    async countDocuments(query = {}) {
      const groupBy = storeSupport.countGroupBy(query);
      const f = filtersOf(query);
      const columns = groupBy.map((field) => `${countColumns[field]} AS "${field}"`);
      const rows = await read<Record<string, string | number | null>>(
        `SELECT ${[...columns, "COUNT(*) AS count"].join(", ")} FROM ${documents} ${f.clause}
         ${groupBy.length > 0 ? `GROUP BY ${groupBy.map((_, index) => index + 1).join(", ")}` : ""}`,
        f.params,
      );
      const counts = rows.map((row) => ({
        key: Object.fromEntries(groupBy.map((field) => [field, row[field] === null ? null : String(row[field])])),
        count: Number(row.count),
      }));
      return storeSupport.sortCounts(counts, groupBy);
    },
    async newestRevision(naturalKey, options = {}) {
      const f = new Filters();
      f.eq("natural_key", naturalKey);
      f.eq("type", options.type);
      f.oneOf("status", options.statuses);
      const row = await readOne<storeSupport.DocumentRow>(
        `SELECT ${documentColumns} FROM ${documents} ${f.clause} ORDER BY revision DESC, seq DESC LIMIT 1`,
        f.params,
      );
      return row === undefined ? undefined : storeSupport.documentFromRow(row);
    },

    async putPayload(documentId, payload) {
      // One statement: the document's hash and size, and its bytes, together or not at all.
      const row = await writeOne<storeSupport.DocumentRow>(
        `WITH updated AS (
           UPDATE ${documents} SET payload_sha256 = $2, payload_size = $3, updated_at = ${nowSql("$4")}
           WHERE id = $1 RETURNING ${documentColumns}
         ), payload AS (
           INSERT INTO ${payloads} (document_id, bytes) SELECT id, $5::bytea FROM updated
           ON CONFLICT (document_id) DO UPDATE SET bytes = excluded.bytes
         )
         SELECT * FROM updated`,
        [documentId, storeSupport.sha256Hex(payload), payload.byteLength, db.now(), bytesOf(payload)],
      );
      if (row === undefined) throw notFound(documentId);
      return storeSupport.documentFromRow(row);
    },
    async getPayload(documentId) {
      const row = await readOne<{ bytes: Buffer }>(`SELECT bytes FROM ${payloads} WHERE document_id = $1`, [
        documentId,
      ]);
      return row === undefined ? undefined : new Uint8Array(row.bytes);
    },

    async recordAttempt(documentId, attempt) {
      const row = await writeOne<storeSupport.AttemptRow>(
        `INSERT INTO ${attempts} (document_id, at, operation, outcome, http_status, error_kind, message, duration_ms)
         SELECT id, COALESCE(${fromMs("$2")}, ${nowSql("$3")}), $4, $5, $6, $7, $8, $9 FROM ${documents} WHERE id = $1
         RETURNING ${attemptColumns}`,
        [
          documentId,
          attempt.at?.getTime() ?? null,
          db.now(),
          attempt.operation,
          attempt.outcome,
          attempt.httpStatus ?? null,
          attempt.errorKind ?? null,
          attempt.message ?? null,
          attempt.durationMs ?? null,
        ],
      );
      if (row === undefined) throw notFound(documentId);
      return storeSupport.attemptFromRow(row);
    },
    async listAttempts(documentId) {
      const rows = await read<storeSupport.AttemptRow>(
        `SELECT ${attemptColumns} FROM ${attempts} WHERE document_id = $1 ORDER BY id`,
        [documentId],
      );
      return rows.map(storeSupport.attemptFromRow);
    },

    async link(fromRef, toRef, relation) {
      const from = storeSupport.checkRef(fromRef);
      const to = storeSupport.checkRef(toRef);
      const fromKey = storeSupport.refKey(from);
      const toKey = storeSupport.refKey(to);
      // One round trip: the new link, or the one already there (the SELECT does not see the INSERT's row).
      const row = await writeOne<storeSupport.LinkRow>(
        `WITH inserted AS (
           INSERT INTO ${links} (from_ref, from_json, relation, to_ref, to_json, created_at)
           VALUES ($1, $2::jsonb, $3, $4, $5::jsonb, ${nowSql("$6")})
           ON CONFLICT (from_ref, relation, to_ref) DO NOTHING
           RETURNING ${linkColumns}
         )
         SELECT * FROM inserted
         UNION ALL
         SELECT ${linkColumns} FROM ${links} WHERE from_ref = $1 AND relation = $3 AND to_ref = $4
         LIMIT 1`,
        [fromKey, JSON.stringify(from), relation, toKey, JSON.stringify(to), db.now()],
      );
      return storeSupport.linkFromRow(row!);
    },
    async linksOf(ref) {
      const key = storeSupport.refKey(ref);
      const rows = await read<storeSupport.LinkRow>(
        `SELECT ${linkColumns} FROM ${links} WHERE from_ref = $1 OR to_ref = $1 ORDER BY id`,
        [key],
      );
      return rows.map(storeSupport.linkFromRow);
    },
    async chain(start) {
      return storeSupport.walkChain(store, start);
    },

    async beginEffect(key, details) {
      // Durable: the effect (and every write before it) is committed before the caller causes it.
      return (await writes.run("durable", (on) => begin(key, details, true, on))) as BeginEffectResult;
    },
    async beginNewEffect(key, details) {
      return writes.run("durable", (on) => begin(key, details, false, on));
    },
    async completeEffect(key, result) {
      return writes.run("write", async (on) => {
        const row = await db.one<storeSupport.EffectRow>(
          `UPDATE ${effects} SET state = 'done', result = $2::jsonb, error = NULL, updated_at = ${nowSql("$3")},
             completed_at = ${nowSql("$3")}
           WHERE key = $1 AND state <> 'done'
           RETURNING ${effectColumns}`,
          [key, storeSupport.jsonOrNull(result), db.now()],
          on,
        );
        if (row !== undefined) return storeSupport.effectFromRow(row);
        // Already done (idempotent: the first result stays), or never begun.
        const existing = await getEffectRow(key, on);
        if (existing === undefined) throw unknownEffect(key);
        return storeSupport.effectFromRow(existing);
      });
    },
    async failEffect(key, error) {
      const stored =
        error.kind === undefined ? { message: error.message } : { kind: error.kind, message: error.message };
      return writes.run("durable", async (on) => {
        const row = await db.one<storeSupport.EffectRow>(
          `UPDATE ${effects} SET state = 'failed', error = $2::jsonb, updated_at = ${nowSql("$3")}
           WHERE key = $1 AND state <> 'done'
           RETURNING ${effectColumns}`,
          [key, JSON.stringify(stored), db.now()],
          on,
        );
        if (row !== undefined) return storeSupport.effectFromRow(row);
        if ((await getEffectRow(key, on)) === undefined) throw unknownEffect(key);
        throw new ConnectorError(`Effect ${key} is done and cannot fail`, { kind: "conflict", details: { key } });
      });
    },
    async flush() {
      await writes.flush();
    },
    async whenDurable() {
      // The group is committed at the end of the step anyway (see group-commit.ts): committing it now costs no extra
      // transaction, and waits for the writes already queued.
      await writes.flush();
    },
    async getEffect(key) {
      const row = await writes.run("read", (on) => getEffectRow(key, on));
      return row === undefined ? undefined : storeSupport.effectFromRow(row);
    },
    async listInProgress(options = {}) {
      const f = new Filters();
      f.where.push("state = 'in-progress'");
      if (options.startedBefore !== undefined) {
        f.where.push(`started_at < ${fromMs(f.param(options.startedBefore.getTime()))}`);
      }
      const limit = options.limit === undefined ? "" : `LIMIT ${f.param(options.limit)}`;
      const rows = await read<storeSupport.EffectRow>(
        `SELECT ${effectColumns} FROM ${effects} ${f.clause} ORDER BY started_at, key ${limit}`,
        f.params,
      );
      return rows.map(storeSupport.effectFromRow);
    },
  };
  return store;
}
