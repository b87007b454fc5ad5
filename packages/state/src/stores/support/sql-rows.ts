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

export const jsonOrNull = (value: JsonValue | undefined): string | null =>
  value === undefined ? null : JSON.stringify(value);

// Optional fields are left out rather than set to `undefined`, so records compare equal to the memory store's. They
// are assigned only when present, in the records' key order: deleting the absent ones afterwards turned every record
// into a slow dictionary-mode object, and cost a pass over its keys.

export function documentFromRow(row: DocumentRow): AuditDocument {
  const document = {
    id: row.id,
    seq: row.seq,
    direction: row.direction,
    type: row.type,
    partnerId: row.partner_id,
    naturalKey: row.natural_key,
  } as AuditDocument;
  if (row.po_number !== null) document.poNumber = row.po_number;
  document.revision = row.revision;
  if (row.purpose_code !== null) document.purposeCode = row.purpose_code;
  document.status = row.status;
  document.reasons = JSON.parse(row.reasons) as Reason[];
  if (row.payload_sha256 !== null) document.payloadSha256 = row.payload_sha256;
  if (row.payload_size !== null) document.payloadSize = row.payload_size;
  if (row.file_name !== null) document.fileName = row.file_name;
  if (row.x3_key !== null) document.x3Key = row.x3_key;
  if (row.flow !== null) document.flow = row.flow as NonNullable<AuditDocument["flow"]>;
  if (row.metadata !== null) document.metadata = JSON.parse(row.metadata) as JsonObject;
  document.createdAt = new Date(row.created_at);
  document.updatedAt = new Date(row.updated_at);
  return document;
}

export function attemptFromRow(row: AttemptRow): AuditAttempt {
  const attempt = {
    id: row.id,
    documentId: row.document_id,
    at: new Date(row.at),
    operation: row.operation,
    outcome: row.outcome,
  } as AuditAttempt;
  if (row.http_status !== null) attempt.httpStatus = row.http_status;
  if (row.error_kind !== null) attempt.errorKind = row.error_kind;
  if (row.message !== null) attempt.message = row.message;
  if (row.duration_ms !== null) attempt.durationMs = row.duration_ms;
  return attempt;
}

export function effectFromRow(row: EffectRow): EffectRecord {
  const effect = { key: row.key, state: row.state, operation: row.operation } as EffectRecord;
  if (row.document_id !== null) effect.documentId = row.document_id;
  if (row.natural_key !== null) effect.naturalKey = row.natural_key;
  if (row.owner !== null) effect.owner = row.owner;
  if (row.data !== null) effect.data = JSON.parse(row.data) as JsonValue;
  if (row.result !== null) effect.result = JSON.parse(row.result) as JsonValue;
  if (row.error !== null) effect.error = JSON.parse(row.error) as EffectRecord["error"];
  effect.attempts = row.attempts;
  effect.startedAt = new Date(row.started_at);
  effect.updatedAt = new Date(row.updated_at);
  if (row.completed_at !== null) effect.completedAt = new Date(row.completed_at);
  return effect;
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
