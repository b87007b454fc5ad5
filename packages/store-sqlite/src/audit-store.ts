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
import type Database from "better-sqlite3";
import type { Db } from "./database.js";
import type { GroupCommit } from "./group-commit.js";

type Clock = storeSupport.Clock;
type SqlValue = string | number | null;

/** The writes that leave nothing behind when they fail, by themselves, and so need no savepoint: see `WriteShape`. */
const atomic = { atomic: true } as const;

const bytesOf = (payload: Uint8Array) => Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);

/**
 * The audit trail and the ledger on SQLite. Writes go through `writes` (group commit): writes share one transaction
 * until one must be durable; `beginEffect` and `failEffect` are durable when they return (with every write before
 * them), `flush` makes every earlier write durable, `whenDurable` waits for the commit that does. Every fixed statement is prepared once; the few whose shape depends on the filters are
 * prepared once per shape.
 */
export function createSqliteAuditStore(db: Db, clock: Clock, writes: GroupCommit): AuditStore {
  const shapes = new Map<string, Database.Statement<SqlValue[], unknown>>();
  const prepared = <Row>(sql: string) => {
    let statement = shapes.get(sql);
    if (statement === undefined) {
      // The shapes are few (which filters, how many statuses); the bound only guards against a caller that varies them.
      if (shapes.size >= 256) shapes.clear();
      statement = db.prepare<SqlValue[], unknown>(sql);
      shapes.set(sql, statement);
    }
    return statement as Database.Statement<SqlValue[], Row>;
  };
  const q = {
    // The inserts answer no row (RETURNING costs SQLite an ephemeral table and better-sqlite3 a row object, several
    // times the insert's own work): their parameters, with the new rowid, are the row. A document's are bound by
    // position: better-sqlite3 binds a named parameter by making its name a JavaScript string and looking that up on
    // the object, for each of the 18 on every call.
    insertDocument: db.prepare<SqlValue[]>(
      `INSERT INTO documents (id, direction, type, partner_id, natural_key, po_number, revision, purpose_code, status,
         reasons, payload_sha256, payload_size, file_name, x3_key, flow, metadata, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    document: db.prepare<[string], storeSupport.DocumentRow>("SELECT * FROM documents WHERE id = ?"),
    deleteDocument: db.prepare<[string]>("DELETE FROM documents WHERE id = ?"),
    documentSeq: db.prepare<[string], { seq: number }>("SELECT seq FROM documents WHERE id = ?"),
    // Payloads are keyed by their document's seq (see migration 4).
    putPayload: db.prepare<[number, Buffer]>(
      "INSERT INTO payloads (document_seq, bytes) VALUES (?, ?) ON CONFLICT DO UPDATE SET bytes = excluded.bytes",
    ),
    setPayloadInfo: db.prepare<[string, number, number, string], storeSupport.DocumentRow>(
      "UPDATE documents SET payload_sha256 = ?, payload_size = ?, updated_at = ? WHERE id = ? RETURNING *",
    ),
    payload: db.prepare<[string], { bytes: Buffer }>(
      "SELECT bytes FROM payloads WHERE document_seq = (SELECT seq FROM documents WHERE id = ?)",
    ),
    // Bound by position, as a document's insert.
    insertAttempt: db.prepare<SqlValue[]>(
      `INSERT INTO attempts (document_id, at, operation, outcome, http_status, error_kind, message, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    attempts: db.prepare<[string], storeSupport.AttemptRow>("SELECT * FROM attempts WHERE document_id = ? ORDER BY id"),
    // A link made before is left as it was, and answered as it was (its time): read only when the insert did nothing.
    insertLink: db.prepare<[string, string, string, string, string, number]>(
      `INSERT INTO links (from_ref, from_json, relation, to_ref, to_json, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (from_ref, relation, to_ref) DO NOTHING`,
    ),
    link: db.prepare<[string, string, string], storeSupport.LinkRow>(
      "SELECT * FROM links WHERE from_ref = ? AND relation = ? AND to_ref = ?",
    ),
    linksOf: db.prepare<[string, string], storeSupport.LinkRow>(
      "SELECT * FROM links WHERE from_ref = ? OR to_ref = ? ORDER BY id",
    ),
    effect: db.prepare<[string], storeSupport.EffectRow>("SELECT * FROM effects WHERE key = ?"),
    // Starts a new effect (the usual case): its row is then the parameters'. Does nothing when the key is taken. Bound
    // by position, as a document's insert.
    newEffect: db.prepare<SqlValue[]>(
      `INSERT INTO effects (key, state, operation, document_id, natural_key, owner, data, attempts, started_at, updated_at)
       VALUES (?, 'in-progress', ?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (key) DO NOTHING`,
    ),
    // Starts a new effect or restarts a failed one; answers nothing when the effect is done or in progress.
    startEffect: db.prepare<Record<string, SqlValue>, storeSupport.EffectRow>(
      `INSERT INTO effects (key, state, operation, document_id, natural_key, owner, data, attempts, started_at, updated_at)
       VALUES (@key, 'in-progress', @operation, @documentId, @naturalKey, @owner, @data, 1, @now, @now)
       ON CONFLICT (key) DO UPDATE SET state = 'in-progress', operation = excluded.operation,
         document_id = excluded.document_id, natural_key = excluded.natural_key, owner = excluded.owner,
         data = excluded.data, result = NULL, error = NULL, attempts = effects.attempts + 1,
         started_at = excluded.started_at, updated_at = excluded.updated_at, completed_at = NULL
         WHERE effects.state NOT IN ('done', 'in-progress')
       RETURNING *`,
    ),
    // Completes an effect as this store began it (see `begun`): no RETURNING, whose row costs more than the update.
    completeBegun: db.prepare<[string | null, number, number, string, number]>(
      `UPDATE effects SET state = 'done', result = ?, error = NULL, updated_at = ?, completed_at = ?
       WHERE key = ? AND state <> 'done' AND attempts = ?`,
    ),
    // Answers nothing when the effect is unknown or already done.
    completeEffect: db.prepare<[string | null, number, number, string], storeSupport.EffectRow>(
      `UPDATE effects SET state = 'done', result = ?, error = NULL, updated_at = ?, completed_at = ?
       WHERE key = ? AND state <> 'done' RETURNING *`,
    ),
    failEffect: db.prepare<[string, number, string], storeSupport.EffectRow>(
      "UPDATE effects SET state = 'failed', error = ?, updated_at = ? WHERE key = ? RETURNING *",
    ),
  };

  /**
   * The rows of the documents this connection wrote, as written, so that updating one answers it without reading it
   * back (RETURNING fills an ephemeral table and builds a 19-column row: more than the update's own work). Used only
   * inside this connection's write transaction, when no other connection can write, and only while no other
   * connection committed since the rows were written (`PRAGMA data_version` is as it was then) and no transaction of
   * this one was undone (`writes.undone`). Bounded: the documents in flight.
   */
  const written = new Map<string, storeSupport.DocumentRow>();
  const dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  let writtenAt: { version: number; undone: number } = { version: -1, undone: -1 };
  /** The group's open transaction in which the version was last read: read once per transaction, not per write. */
  let versionReadIn: number | undefined;
  const writtenRows = () => {
    if (!db.inTransaction) {
      written.clear();
      return undefined;
    }
    const transaction = writes.openTransaction;
    const version =
      transaction !== undefined && transaction === versionReadIn ? writtenAt.version : (dataVersion.get() as number);
    versionReadIn = transaction;
    if (version !== writtenAt.version || writes.undone !== writtenAt.undone || written.size >= 256) {
      written.clear();
      writtenAt = { version, undone: writes.undone };
    }
    return written;
  };

  /** The document's seq; throws not-found when there is no such document. */
  const mustExist = (id: string): number => {
    const row = q.documentSeq.get(id);
    if (row === undefined) {
      throw new ConnectorError(`Unknown audit document ${id}`, { kind: "not-found", details: { id } });
    }
    return row.seq;
  };
  const mustGetEffect = (key: string): storeSupport.EffectRow => {
    const row = q.effect.get(key);
    if (row === undefined) throw new ConnectorError(`Unknown effect ${key}`, { kind: "not-found", details: { key } });
    return row;
  };

  /** Inserts `row` (its `seq` is set to the new rowid) with its payload. */
  const record = (row: storeSupport.DocumentRow, payload: Uint8Array | undefined) => {
    const id = row.id;
    try {
      row.seq = Number(
        q.insertDocument.run(
          id,
          row.direction,
          row.type,
          row.partner_id,
          row.natural_key,
          row.po_number,
          row.revision,
          row.purpose_code,
          row.status,
          row.reasons,
          row.payload_sha256,
          row.payload_size,
          row.file_name,
          row.x3_key,
          row.flow,
          row.metadata,
          row.created_at,
          row.updated_at,
        ).lastInsertRowid,
      );
    } catch (error) {
      // The id is the only unique column a new document can clash on: no SELECT before every insert to tell.
      if (constraintCode(error) === "SQLITE_CONSTRAINT_UNIQUE") {
        throw new ConnectorError(`Audit document ${id} already exists`, { kind: "conflict", details: { id } });
      }
      throw error;
    }
    if (payload !== undefined) {
      try {
        q.putPayload.run(row.seq, bytesOf(payload));
      } catch (error) {
        // The row goes with its payload: undone here, so the pair needs no savepoint (see `WriteShape`).
        q.deleteDocument.run(id);
        throw error;
      }
    }
    writtenRows()?.set(id, row);
    return row;
  };

  /**
   * The UPDATE of each combination of patched columns (`shape`: a bit per column, in `patchColumns` order), prepared
   * on first use: the SQL is not built and looked up again per call.
   */
  const updateStatements: {
    plain?: Database.Statement<SqlValue[]>;
    returning?: Database.Statement<SqlValue[], storeSupport.DocumentRow>;
  }[] = [];

  /**
   * A patch never clears a field: an absent (null) value keeps the stored one. Only the columns the patch gives are
   * in the SET list (one statement per combination, prepared once): SQLite rewrites the entries of every index on a
   * column it sets, changed or not, so `po_number = COALESCE(NULL, po_number)` and its like cost writes in the PO
   * number, natural key (its revision) and file name indexes, a random page each, on every status change.
   */
  const update = (params: Record<string, SqlValue>) => {
    const id = params.id as string;
    const updatedAt = params.updatedAt ?? null;
    const rows = writtenRows();
    const before = rows?.get(id);
    // The row as it will be, when it is known as written: a copy with what the patch sets.
    const after = before === undefined ? undefined : ({ ...before, updated_at: updatedAt } as Record<string, SqlValue>);
    // Bound by position, as a document's insert: the values in SET order, then updated_at and the id.
    const values: SqlValue[] = [];
    let shape = 0;
    for (let index = 0; index < patchColumns.length; index++) {
      const [field, column] = patchColumns[index] as (typeof patchColumns)[number];
      const value = params[field];
      if (value === null || value === undefined) continue;
      shape |= 1 << index;
      values.push(value);
      if (after !== undefined) after[column] = value;
    }
    values.push(updatedAt, id);
    let statements = updateStatements[shape];
    if (statements === undefined) {
      statements = {};
      updateStatements[shape] = statements;
    }
    if (rows !== undefined && after !== undefined) {
      statements.plain ??= db.prepare<SqlValue[]>(updateSql(shape, ""));
      if (statements.plain.run(...values).changes === 1) {
        const row = after as unknown as storeSupport.DocumentRow;
        rows.set(id, row);
        return row;
      }
    }
    statements.returning ??= db.prepare<SqlValue[], storeSupport.DocumentRow>(updateSql(shape, " RETURNING *"));
    const row = statements.returning.get(...values);
    if (row === undefined) {
      throw new ConnectorError(`Unknown audit document ${params.id}`, {
        kind: "not-found",
        details: { id: params.id },
      });
    }
    rows?.set(id, row);
    return row;
  };

  const putPayload = (id: string, payload: Uint8Array) => {
    // In a savepoint (see the store's putPayload): its row is not kept as written.
    written.delete(id);
    q.putPayload.run(mustExist(id), bytesOf(payload));
    return q.setPayloadInfo.get(storeSupport.sha256Hex(payload), payload.byteLength, clock.now(), id)!;
  };

  /**
   * The effects this store began and has not completed or failed since, as begun, so that completing one writes without
   * reading the row back. Every start (here or in another process) adds one to `attempts`, and the columns a start sets
   * change only with it; failing sets only columns that completing sets again. So the row whose key and `attempts` still
   * match is this one with what completing sets. Bounded: an effect begun and never settled here stays until cleared.
   */
  const begun = new Map<string, storeSupport.EffectRow>();
  const remember = (row: storeSupport.EffectRow) => {
    if (begun.size >= 1024) begun.clear();
    begun.set(row.key, row);
  };

  // One statement in the usual case (a new effect; an effect completed once): `row` is the new effect's, read only
  // when the write did not happen, to tell why.
  const begin = (row: storeSupport.EffectRow, restartFailed: boolean) => {
    const { key, started_at: now } = row;
    if (
      q.newEffect.run(key, row.operation, row.document_id, row.natural_key, row.owner, row.data, now, now).changes === 1
    ) {
      remember(row);
      return { outcome: "started" as const, row };
    }
    const started = restartFailed
      ? q.startEffect.get({
          key,
          operation: row.operation,
          documentId: row.document_id,
          naturalKey: row.natural_key,
          owner: row.owner,
          data: row.data,
          now,
        })
      : undefined;
    if (started !== undefined) {
      remember(started);
      return { outcome: "started" as const, row: started };
    }
    const existing = mustGetEffect(key);
    return { outcome: existing.state, row: existing };
  };

  const complete = (key: string, result: string | null): storeSupport.EffectRow => {
    const now = clock.now();
    const row = begun.get(key);
    if (row !== undefined) {
      begun.delete(key);
      if (q.completeBegun.run(result, now, now, key, row.attempts).changes === 1) {
        return { ...row, state: "done", result, error: null, updated_at: now, completed_at: now };
      }
    }
    return q.completeEffect.get(result, now, now, key) ?? mustGetEffect(key);
  };

  const fail = (key: string, error: string) => {
    begun.delete(key);
    const row = mustGetEffect(key);
    if (row.state === "done") {
      throw new ConnectorError(`Effect ${key} is done and cannot fail`, { kind: "conflict", details: { key } });
    }
    return q.failEffect.get(error, clock.now(), key)!;
  };

  const beginDurably = async (
    key: string,
    details: EffectDetails,
    restartFailed: boolean,
  ): Promise<BeginNewEffectResult> => {
    // Durable when it resolves, with every write before it: the effect is caused only after this.
    const started = writes.durableThisTurn(() => {
      const now = clock.now();
      // The row of a new effect: what it is once inserted (see `begin`).
      const row: storeSupport.EffectRow = {
        key,
        state: "in-progress",
        operation: details.operation,
        document_id: details.documentId ?? null,
        natural_key: details.naturalKey ?? null,
        owner: details.owner ?? null,
        data: storeSupport.jsonOrNull(details.data),
        result: null,
        error: null,
        attempts: 1,
        started_at: now,
        updated_at: now,
        completed_at: null,
      };
      return begin(row, restartFailed);
    }, atomic);
    try {
      const { outcome, row } = await started;
      return { outcome, effect: storeSupport.effectFromRow(row) } as BeginNewEffectResult;
    } catch (error) {
      // Not committed: the row remembered as begun may not exist.
      begun.delete(key);
      throw error;
    }
  };

  const store: AuditStore = {
    async recordDocument(input) {
      storeSupport.checkNewDocument(input);
      const id = input.id ?? storeSupport.newDocumentId(clock.now());
      const createdAt = (input.createdAt ?? new Date(clock.now())).getTime();
      const payload = input.payload;
      const row = writes.deferred(
        () =>
          record(
            {
              seq: 0,
              id,
              direction: input.direction,
              type: input.type,
              partner_id: input.partnerId,
              natural_key: input.naturalKey,
              po_number: input.poNumber ?? null,
              revision: input.revision ?? 0,
              purpose_code: input.purposeCode ?? null,
              status: input.status,
              reasons: JSON.stringify(storeSupport.boundReasons(input.reasons ?? [])),
              payload_sha256: payload === undefined ? null : storeSupport.sha256Hex(payload),
              payload_size: payload?.byteLength ?? null,
              file_name: input.fileName ?? null,
              x3_key: input.x3Key ?? null,
              flow: input.flow ?? null,
              metadata: storeSupport.jsonOrNull(input.metadata),
              created_at: createdAt,
              updated_at: createdAt,
            },
            payload,
          ),
        atomic,
      );
      return storeSupport.documentFromRow(row);
    },
    async updateDocument(id, patch) {
      storeSupport.checkDocumentPatch(patch);
      const params: Record<string, SqlValue> = {
        id,
        status: patch.status ?? null,
        reasons: patch.reasons === undefined ? null : JSON.stringify(storeSupport.boundReasons(patch.reasons)),
        x3Key: patch.x3Key ?? null,
        poNumber: patch.poNumber ?? null,
        revision: patch.revision ?? null,
        purposeCode: patch.purposeCode ?? null,
        fileName: patch.fileName ?? null,
        metadata: patch.metadata === undefined ? null : JSON.stringify(patch.metadata),
        updatedAt: clock.now(),
      };
      return storeSupport.documentFromRow(writes.deferred(() => update(params), atomic));
    },
    async getDocument(id) {
      const row = q.document.get(id);
      return row === undefined ? undefined : storeSupport.documentFromRow(row);
    },
    async findDocuments(query = {}) {
      const limit = storeSupport.pageSize(query);
      const after = storeSupport.decodePageCursor(query.cursor);
      const desc = (query.order ?? "desc") === "desc";
      const { where, params } = filtersOf(query);
      if (after !== undefined) {
        where.push(desc ? "seq < ?" : "seq > ?");
        params.push(after);
      }
      // The limit (a whole number, checked by pageSize) is written into the statement: SQLite compiles a statement
      // again each time a LIMIT parameter is bound, which cost more than the lookup itself (orders-in's per-file one).
      const sql = `SELECT * FROM documents ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
        ORDER BY seq ${desc ? "DESC" : "ASC"} LIMIT ${limit + 1}`;
      const rows = prepared<storeSupport.DocumentRow>(sql).all(...params);
      return storeSupport.pageOf(rows, limit, storeSupport.documentFromRow);
    },
    async countDocuments(query = {}) {
      const groupBy = storeSupport.countGroupBy(query);
      const { where, params } = filtersOf(query);
      const columns = groupBy.map((field) => `${countColumns[field]} AS "${field}"`);
      const sql = `SELECT ${[...columns, "COUNT(*) AS count"].join(", ")} FROM documents
        ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
        ${groupBy.length > 0 ? `GROUP BY ${groupBy.map((_, index) => index + 1).join(", ")}` : ""}`;
      const rows = prepared<Record<string, string | number | null>>(sql).all(...params);
      const counts = rows.map((row) => ({
        key: Object.fromEntries(groupBy.map((field) => [field, row[field] === null ? null : String(row[field])])),
        count: Number(row.count),
      }));
      return storeSupport.sortCounts(counts, groupBy);
    },
    async newestRevision(naturalKey, options = {}) {
      const where = ["natural_key = ?"];
      const params: SqlValue[] = [naturalKey];
      if (options.type !== undefined) {
        where.push("type = ?");
        params.push(options.type);
      }
      if (options.statuses !== undefined) {
        where.push(options.statuses.length === 0 ? "0" : `status IN (${options.statuses.map(() => "?").join(", ")})`);
        params.push(...options.statuses);
      }
      const row = prepared<storeSupport.DocumentRow>(
        `SELECT * FROM documents WHERE ${where.join(" AND ")} ORDER BY revision DESC, seq DESC LIMIT 1`,
      ).get(...params);
      return row === undefined ? undefined : storeSupport.documentFromRow(row);
    },

    async putPayload(documentId, payload) {
      return storeSupport.documentFromRow(writes.deferred(() => putPayload(documentId, payload)));
    },
    async getPayload(documentId) {
      const row = q.payload.get(documentId);
      return row === undefined ? undefined : new Uint8Array(row.bytes);
    },

    async recordAttempt(documentId, attempt) {
      const params = {
        document_id: documentId,
        at: (attempt.at ?? new Date(clock.now())).getTime(),
        operation: attempt.operation,
        outcome: attempt.outcome,
        http_status: attempt.httpStatus ?? null,
        error_kind: attempt.errorKind ?? null,
        message: attempt.message ?? null,
        duration_ms: attempt.durationMs ?? null,
      };
      const row: storeSupport.AttemptRow = writes.deferred(() => {
        try {
          const inserted = q.insertAttempt.run(
            params.document_id,
            params.at,
            params.operation,
            params.outcome,
            params.http_status,
            params.error_kind,
            params.message,
            params.duration_ms,
          );
          return { id: Number(inserted.lastInsertRowid), ...params };
        } catch (error) {
          // The document must exist (a foreign key): told by the refused insert, not by a SELECT before each one.
          if (constraintCode(error) === "SQLITE_CONSTRAINT_FOREIGNKEY") mustExist(documentId);
          throw error;
        }
      }, atomic);
      return storeSupport.attemptFromRow(row);
    },
    async listAttempts(documentId) {
      return q.attempts.all(documentId).map(storeSupport.attemptFromRow);
    },

    async link(fromRef, toRef, relation) {
      const from = storeSupport.checkRef(fromRef);
      const to = storeSupport.checkRef(toRef);
      const fromKey = storeSupport.refKey(from);
      const toKey = storeSupport.refKey(to);
      const fromJson = JSON.stringify(from);
      const toJson = JSON.stringify(to);
      const row = writes.deferred((): storeSupport.LinkRow => {
        const createdAt = clock.now();
        if (q.insertLink.run(fromKey, fromJson, relation, toKey, toJson, createdAt).changes === 1) {
          return { from_json: fromJson, relation, to_json: toJson, created_at: createdAt };
        }
        return q.link.get(fromKey, relation, toKey)!;
      }, atomic);
      return storeSupport.linkFromRow(row);
    },
    async linksOf(ref) {
      const key = storeSupport.refKey(ref);
      return q.linksOf.all(key, key).map(storeSupport.linkFromRow);
    },
    async chain(start) {
      return storeSupport.walkChain(store, start);
    },

    async beginEffect(key, details) {
      return (await beginDurably(key, details, true)) as BeginEffectResult;
    },
    async beginNewEffect(key, details) {
      return beginDurably(key, details, false);
    },
    async completeEffect(key, result) {
      // Committed by the next durable write or flush (or the hold's timer): lost in a crash, the entry stays in progress and is settled by lookup.
      const stored = storeSupport.jsonOrNull(result);
      return storeSupport.effectFromRow(writes.deferred(() => complete(key, stored), atomic));
    },
    async failEffect(key, error) {
      const stored =
        error.kind === undefined ? { message: error.message } : { kind: error.kind, message: error.message };
      const json = JSON.stringify(stored);
      return storeSupport.effectFromRow(writes.durable(() => fail(key, json), atomic));
    },
    async flush() {
      writes.flush();
    },
    whenDurable() {
      return writes.whenDurable();
    },
    async getEffect(key) {
      const row = q.effect.get(key);
      return row === undefined ? undefined : storeSupport.effectFromRow(row);
    },
    async listInProgress(options = {}) {
      const rows = prepared<storeSupport.EffectRow>(
        `SELECT * FROM effects WHERE state = 'in-progress' ${options.startedBefore === undefined ? "" : "AND started_at < ?"}
           ORDER BY started_at, key ${options.limit === undefined ? "" : "LIMIT ?"}`,
      ).all(
        ...(options.startedBefore === undefined ? [] : [options.startedBefore.getTime()]),
        ...(options.limit === undefined ? [] : [options.limit]),
      );
      return rows.map(storeSupport.effectFromRow);
    },
  };
  return store;
}

/** The fields a document patch may set, and their columns (see `update`). */
const patchColumns: readonly (readonly [string, string])[] = [
  ["status", "status"],
  ["reasons", "reasons"],
  ["x3Key", "x3_key"],
  ["poNumber", "po_number"],
  ["revision", "revision"],
  ["purposeCode", "purpose_code"],
  ["fileName", "file_name"],
  ["metadata", "metadata"],
];

/** The UPDATE of a document for a combination of patched columns (see `update`), then `tail`. */
function updateSql(shape: number, tail: string): string {
  let set = "";
  patchColumns.forEach(([, column], index) => {
    if ((shape & (1 << index)) !== 0) set += `${column} = ?, `;
  });
  return `UPDATE documents SET ${set}updated_at = ? WHERE id = ?${tail}`;
}

/** The SQLite result code of a refused statement (`SQLITE_CONSTRAINT_UNIQUE`...), if it is one. */
function constraintCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT") ? code : undefined;
}

/** The SQL of each `countDocuments` group field. */
const countColumns: Record<AuditCountField, string> = {
  status: "status",
  type: "type",
  direction: "direction",
  partnerId: "partner_id",
  flow: "flow",
  day: "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')",
};

/** The WHERE terms of `findDocuments` and `countDocuments` (paging apart), with their parameters. */
function filtersOf(query: AuditCountQuery): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  // With a filter that picks a few documents (a PO, a natural key, an X3 key, a file name), the other columns are
  // written `+column`, which SQLite reads as an expression and so answers from no index of its own. Without statistics
  // SQLite rates every index alike and prefers one that yields the rows in seq order (type, status, partner, flow):
  // `type = '850' AND po_number = ?` walked every 850 newest first instead of the PO's one or two rows.
  const few =
    query.poNumber !== undefined ||
    query.naturalKey !== undefined ||
    query.x3Key !== undefined ||
    query.fileName !== undefined;
  const broad = few ? "+" : "";
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    where.push(values.length === 0 ? "0" : `${column} IN (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  };
  oneOf(`${broad}status`, storeSupport.asList(query.status));
  oneOf(`${broad}type`, storeSupport.asList(query.type));
  eq(`${broad}partner_id`, query.partnerId);
  eq("po_number", query.poNumber);
  eq("natural_key", query.naturalKey);
  eq(`${broad}direction`, query.direction);
  eq("x3_key", query.x3Key);
  eq("file_name", query.fileName);
  eq(`${broad}flow`, query.flow);
  if (query.from !== undefined) {
    where.push(`${broad}created_at >= ?`);
    params.push(query.from.getTime());
  }
  if (query.to !== undefined) {
    where.push(`${broad}created_at < ?`);
    params.push(query.to.getTime());
  }
  return { where, params };
}
