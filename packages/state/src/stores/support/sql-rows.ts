import type {
  AuditAttempt,
  AuditDocument,
  AuditLink,
  DocumentDirection,
  DocumentStatus,
  DocumentType,
  EffectRecord,
  EffectState,
  LinkRef,
  LinkRelation,
  Reason,
} from "../../ports/audit-store.js";
import type { StoredCursor } from "../../ports/cursor-store.js";
import type { JsonObject, JsonValue } from "../../ports/json.js";

// The audit store's rows as the SQL adapters (SQLite, PostgreSQL) keep them: snake_case columns, JSON in text, times in
// epoch milliseconds; and their conversion to the port's records, so that every SQL adapter reads them the same way.

export interface DocumentRow {
  seq: number;
  id: string;
  direction: DocumentDirection;
  type: DocumentType;
  partner_id: string;
  natural_key: string;
  po_number: string | null;
  revision: number;
  purpose_code: string | null;
  status: DocumentStatus;
  reasons: string;
  payload_sha256: string | null;
  payload_size: number | null;
  file_name: string | null;
  x3_key: string | null;
  flow: string | null;
  metadata: string | null;
  created_at: number;
  updated_at: number;
}

export interface AttemptRow {
  id: number;
  document_id: string;
  at: number;
  operation: string;
  outcome: AuditAttempt["outcome"];
  http_status: number | null;
  error_kind: string | null;
  message: string | null;
  duration_ms: number | null;
}

export interface LinkRow {
  from_json: string;
  relation: LinkRelation;
  to_json: string;
  created_at: number;
}

export interface EffectRow {
  key: string;
  state: EffectState;
  operation: string;
  document_id: string | null;
  natural_key: string | null;
  owner: string | null;
  data: string | null;
  result: string | null;
  error: string | null;
  attempts: number;
  started_at: number;
  updated_at: number;
  completed_at: number | null;
}

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
export const jsonOrNull = (value: JsonValue | undefined): string | null =>
  value === undefined ? null : JSON.stringify(value);
const parsed = <T>(value: string | null): T | undefined => (value === null ? undefined : (JSON.parse(value) as T));

/** Optional fields are left out rather than set to `undefined`, so records compare equal to the memory store's. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

export function documentFromRow(row: DocumentRow): AuditDocument {
  return compact({
    id: row.id,
    seq: row.seq,
    direction: row.direction,
    type: row.type,
    partnerId: row.partner_id,
    naturalKey: row.natural_key,
    poNumber: opt(row.po_number),
    revision: row.revision,
    purposeCode: opt(row.purpose_code),
    status: row.status,
    reasons: JSON.parse(row.reasons) as Reason[],
    payloadSha256: opt(row.payload_sha256),
    payloadSize: opt(row.payload_size),
    fileName: opt(row.file_name),
    x3Key: opt(row.x3_key),
    flow: opt(row.flow),
    metadata: parsed<JsonObject>(row.metadata),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}

export function attemptFromRow(row: AttemptRow): AuditAttempt {
  return compact({
    id: row.id,
    documentId: row.document_id,
    at: new Date(row.at),
    operation: row.operation,
    outcome: row.outcome,
    httpStatus: opt(row.http_status),
    errorKind: opt(row.error_kind),
    message: opt(row.message),
    durationMs: opt(row.duration_ms),
  });
}

export function effectFromRow(row: EffectRow): EffectRecord {
  return compact({
    key: row.key,
    state: row.state,
    operation: row.operation,
    documentId: opt(row.document_id),
    naturalKey: opt(row.natural_key),
    owner: opt(row.owner),
    data: parsed<JsonValue>(row.data),
    result: parsed<JsonValue>(row.result),
    error: parsed<EffectRecord["error"]>(row.error),
    attempts: row.attempts,
    startedAt: new Date(row.started_at),
    updatedAt: new Date(row.updated_at),
    completedAt: row.completed_at === null ? undefined : new Date(row.completed_at),
  });
}

export const linkFromRow = (row: LinkRow): AuditLink => ({
  from: JSON.parse(row.from_json) as LinkRef,
  to: JSON.parse(row.to_json) as LinkRef,
  relation: row.relation,
  createdAt: new Date(row.created_at),
});

export interface CursorRow {
  flow: string;
  source: string;
  value: string;
  version: number;
  updated_at: number;
}

export const cursorFromRow = (row: CursorRow): StoredCursor => ({
  flow: row.flow,
  source: row.source,
  value: JSON.parse(row.value) as JsonValue,
  version: row.version,
  updatedAt: new Date(row.updated_at),
});
