import type { JsonObject, JsonValue } from "./json.js";

/** `in`: from SPS to X3 (850, 860) or about our uploads (997); `out`: from X3 to SPS (855, 856, 810). */
export type DocumentDirection = "in" | "out";

/** The X12 transaction set numbers ml-connector handles (997: a functional acknowledgment of our uploads). */
export type DocumentType = "850" | "855" | "856" | "810" | "860" | "997";

/**
 * Where a document stands.
 * - `received`: recorded, not yet processed; `rejected`: could not be parsed, validated or mapped (see `reasons`);
 * - `created` / `updated` / `cancelled`: the X3 effect of an 850 (00, 05, 01) is done;
 * - `duplicate`: a 07 or a document already processed; `ignored`: deliberately not processed (e.g. not an SPS partner);
 * - `posted`: an outbound document was uploaded to SPS; `failed`: an external call failed (see the attempts);
 * - `accepted_by_sps` / `rejected_by_sps`: SPS's verdict on a posted document, from its transaction history or a 997
 *   (the reasons say why SPS rejected it; a rejected one is replayed as a new revision);
 * - `parked`: left where it is, untouched: a file orders-in will not read (a name that cannot be used in a path, larger
 *   than the size limit) or cannot process yet (not an 850), or a 997 that acknowledges no document we uploaded;
 *   `reasons` say which. Replayable once the flow handles it;
 * - `applied`: a 997 functional acknowledgment read and applied to the documents it acknowledges (linked to each by
 *   `acknowledges`; their verdicts set). Its reasons list the control numbers it names that match no upload.
 */
export type DocumentStatus =
  | "received"
  | "rejected"
  | "created"
  | "updated"
  | "cancelled"
  | "duplicate"
  | "ignored"
  | "posted"
  | "failed"
  | "accepted_by_sps"
  | "rejected_by_sps"
  | "parked"
  | "applied";

export const documentStatuses: readonly DocumentStatus[] = [
  "received",
  "rejected",
  "created",
  "updated",
  "cancelled",
  "duplicate",
  "ignored",
  "posted",
  "failed",
  "accepted_by_sps",
  "rejected_by_sps",
  "parked",
  "applied",
];

/** One reason a document was rejected: a JSON path into the document, a stable code and a readable message. */
export interface Reason {
  path: string;
  code: string;
  message: string;
}

/** A document as the audit trail keeps it. The raw bytes are kept apart (`getPayload`). */
export interface AuditDocument {
  /**
   * Store-wide unique id: given by the caller, or made by the store (a version 7 UUID: its creation time in
   * milliseconds, then random bits, so that documents recorded one after the other have ids that sort together).
   */
  id: string;
  /** Store-assigned, strictly increasing in insertion order: the tie-breaker of "newer". */
  seq: number;
  direction: DocumentDirection;
  type: DocumentType;
  /** SPS TradingPartnerId. */
  partnerId: string;
  /** What identifies the business document across revisions, e.g. `850:ACME:PO123` or `855:SO0001`. */
  naturalKey: string;
  /** The retailer's purchase order number, on every document of the chain, for `poNumber` queries. */
  poNumber?: string | undefined;
  /** Orders revisions of one natural key (higher = newer); defaults to 0. Ties are broken by `seq`. */
  revision: number;
  /** TsetPurposeCode of an 850 (00, 05, 01, 07...) or the outbound equivalent. */
  purposeCode?: string | undefined;
  status: DocumentStatus;
  reasons: Reason[];
  /** Lower-case hex SHA-256 of the raw payload, when one was stored. */
  payloadSha256?: string | undefined;
  payloadSize?: number | undefined;
  /** SPS file name (e.g. `PO1234-v7.7-BulkImport.json`), inbound or outbound. */
  fileName?: string | undefined;
  /** The X3 record this document created or came from (e.g. the SOHNUM). */
  x3Key?: string | undefined;
  /** The flow that recorded it (`orders-in`, `acks-out`...). */
  flow?: string | undefined;
  /** Free-form, JSON-able, never secrets. */
  metadata?: JsonObject | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/** What `recordDocument` takes. `payload`, when given, is stored byte for byte and hashed by the store. */
export interface NewAuditDocument {
  id?: string | undefined;
  direction: DocumentDirection;
  type: DocumentType;
  partnerId: string;
  naturalKey: string;
  poNumber?: string | undefined;
  revision?: number | undefined;
  purposeCode?: string | undefined;
  status: DocumentStatus;
  reasons?: Reason[] | undefined;
  fileName?: string | undefined;
  x3Key?: string | undefined;
  flow?: string | undefined;
  metadata?: JsonObject | undefined;
  payload?: Uint8Array | undefined;
  /** Defaults to now. */
  createdAt?: Date | undefined;
}

/** The fields a flow changes as a document moves on. `reasons` replaces the list. */
export interface AuditDocumentPatch {
  status?: DocumentStatus | undefined;
  reasons?: Reason[] | undefined;
  x3Key?: string | undefined;
  poNumber?: string | undefined;
  revision?: number | undefined;
  purposeCode?: string | undefined;
  fileName?: string | undefined;
  metadata?: JsonObject | undefined;
}

/** Filters combine with AND; list-valued ones match any of the values. */
export interface AuditQuery {
  status?: DocumentStatus | readonly DocumentStatus[] | undefined;
  partnerId?: string | undefined;
  poNumber?: string | undefined;
  naturalKey?: string | undefined;
  type?: DocumentType | readonly DocumentType[] | undefined;
  direction?: DocumentDirection | undefined;
  x3Key?: string | undefined;
  fileName?: string | undefined;
  flow?: string | undefined;
  /** `createdAt >= from`. */
  from?: Date | undefined;
  /** `createdAt < to`. */
  to?: Date | undefined;
  /** Page size, 1-1000 (default 100). */
  limit?: number | undefined;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /** By `seq`: `desc` (newest first, default) or `asc`. */
  order?: "asc" | "desc" | undefined;
}

/** What `countDocuments` can group by. `day`: the UTC calendar day of `createdAt` (`YYYY-MM-DD`). */
export type AuditCountField = "status" | "type" | "direction" | "partnerId" | "flow" | "day";

export const auditCountFields: readonly AuditCountField[] = ["status", "type", "direction", "partnerId", "flow", "day"];

/** The filters of `AuditQuery` (no paging) and the fields to group the counts by (none: one total, possibly 0). */
export interface AuditCountQuery extends Omit<AuditQuery, "limit" | "cursor" | "order"> {
  groupBy?: readonly AuditCountField[] | undefined;
}

/** One group of `countDocuments`: the grouped fields' values (`null` where the document has none) and how many. */
export interface AuditCount {
  key: Partial<Record<AuditCountField, string | null>>;
  count: number;
}

export interface AuditPage {
  items: AuditDocument[];
  /** Present when more documents match; pass it as `cursor`. Stable while documents are added. */
  nextCursor?: string | undefined;
}

/**
 * Every page of documents a query matches, first to last, following `nextCursor`: stop early by leaving the loop
 * (`for await (const page of documentPages(audit, query))`); no further page is read.
 */
export async function* documentPages(
  audit: Pick<AuditStore, "findDocuments">,
  query: Omit<AuditQuery, "cursor"> = {},
): AsyncGenerator<AuditDocument[], void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await audit.findDocuments({ ...query, cursor });
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}

/** What an attempt at an external operation came to. */
export type AttemptOutcome = "success" | "failure" | "skipped";

export interface NewAttempt {
  /** e.g. `sps.download`, `x3.lookup`, `x3.create`, `sps.upload`, `sps.delete`. */
  operation: string;
  outcome: AttemptOutcome;
  httpStatus?: number | undefined;
  /** A `ConnectorError` kind (`rate-limit`, `server`...). */
  errorKind?: string | undefined;
  /** Already redacted: never a token, password or Authorization header. */
  message?: string | undefined;
  durationMs?: number | undefined;
  /** Defaults to now. */
  at?: Date | undefined;
}

export interface AuditAttempt extends NewAttempt {
  id: number;
  documentId: string;
  at: Date;
}

/** One end of a link: an audit document, or a record in X3 (table/class + key, e.g. `SORDER` + `SO0001`). */
export type LinkRef = { kind: "document"; id: string } | { kind: "x3"; entity: string; key: string };

/**
 * How `from` relates to `to`, read "from RELATION to":
 * 850 `created` / `updated` / `cancelled` SORDER|PORDER; 855 `acknowledges` SORDER; 997 `acknowledges` 855/856/810; SDELIVERY `fulfils` SORDER;
 * 856 `ships` SDELIVERY; SINVOICE `invoices` SORDER; 810 `bills` SINVOICE; a newer revision `revises` an older
 * document; a 07 or re-sent file `duplicates` the original; a replay `replays` the document it re-ran.
 */
export type LinkRelation =
  | "created"
  | "updated"
  | "cancelled"
  | "acknowledges"
  | "fulfils"
  | "ships"
  | "invoices"
  | "bills"
  | "revises"
  | "duplicates"
  | "replays";

export interface AuditLink {
  from: LinkRef;
  to: LinkRef;
  relation: LinkRelation;
  createdAt: Date;
}

/** Everything connected to a starting point, following links in both directions. */
export interface AuditChain {
  /** Ordered by `seq`. */
  documents: AuditDocument[];
  /** The X3 records met on the way. */
  records: { entity: string; key: string }[];
  links: AuditLink[];
}

/** Where `chain` starts: one document, or every document carrying a PO number (optionally of one partner). */
export type ChainStart = { documentId: string } | { poNumber: string; partnerId?: string | undefined };

/** State of an external effect in the exactly-once ledger. */
export type EffectState = "in-progress" | "done" | "failed";

/** What the caller knows about the effect it is about to cause. JSON-able, never secrets. */
export interface EffectDetails {
  /** e.g. `x3.create-sales-order`, `sps.upload`, `sps.delete`. */
  operation: string;
  documentId?: string | undefined;
  /** The natural key used to reconcile by lookup after a crash (e.g. BPCORD + CUSORDREF). */
  naturalKey?: string | undefined;
  /** Who began it (instance id), for multi-instance reconciliation. */
  owner?: string | undefined;
  data?: JsonValue | undefined;
}

export interface EffectRecord {
  key: string;
  state: EffectState;
  operation: string;
  documentId?: string | undefined;
  naturalKey?: string | undefined;
  owner?: string | undefined;
  data?: JsonValue | undefined;
  /** Set by `completeEffect`, e.g. `{ x3Key: "SO0001" }`. */
  result?: JsonValue | undefined;
  /** Set by `failEffect`. */
  error?: { kind?: string | undefined; message: string } | undefined;
  /** How many times `beginEffect` started it. */
  attempts: number;
  startedAt: Date;
  updatedAt: Date;
  completedAt?: Date | undefined;
}

/**
 * The answer of `beginEffect`:
 * - `started`: the caller owns the effect now and must cause it, then `completeEffect` (or `failEffect` when it is
 *   certain the effect did not happen);
 * - `done`: it already happened, `effect.result` says what it produced; do not cause it again;
 * - `in-progress`: someone began it and did not finish (another run, or a crash): reconcile by natural-key lookup
 *   before anything else, never blindly retry.
 */
export type BeginEffectResult =
  | { outcome: "started"; effect: EffectRecord }
  | { outcome: "done"; effect: EffectRecord }
  | { outcome: "in-progress"; effect: EffectRecord };

/** The answer of `beginNewEffect`: `beginEffect`'s, or `failed` (the entry as it is, not started again). */
export type BeginNewEffectResult = BeginEffectResult | { outcome: "failed"; effect: EffectRecord };

/**
 * The audit trail and the exactly-once ledger. Every document with its status, reasons,
 * raw bytes, attempts and links; queryable. Nothing in it may be a secret.
 */
export interface AuditStore {
  // Documents
  /** Records a document (and its raw payload). Throws a `conflict` ConnectorError when the id exists. */
  recordDocument(document: NewAuditDocument): Promise<AuditDocument>;
  /** Applies a patch; throws a `not-found` ConnectorError for an unknown id. */
  updateDocument(id: string, patch: AuditDocumentPatch): Promise<AuditDocument>;
  getDocument(id: string): Promise<AuditDocument | undefined>;
  findDocuments(query?: AuditQuery): Promise<AuditPage>;
  /**
   * How many documents match the filters, per group of `groupBy` values (groups with no document are absent),
   * ordered by the grouped values. For dashboards: one query instead of paging through every document.
   */
  countDocuments(query?: AuditCountQuery): Promise<AuditCount[]>;
  /**
   * The newest document of a natural key: highest `revision`, then highest `seq`. With `statuses`, only documents in
   * one of them count (e.g. the processed ones, so replay can refuse when a newer revision went through).
   */
  newestRevision(
    naturalKey: string,
    options?: { type?: DocumentType | undefined; statuses?: readonly DocumentStatus[] | undefined },
  ): Promise<AuditDocument | undefined>;

  // Raw payloads
  /** Stores (or replaces) the raw bytes of a document and updates its hash and size. */
  putPayload(documentId: string, payload: Uint8Array): Promise<AuditDocument>;
  /** The bytes exactly as stored (a copy), or `undefined`. */
  getPayload(documentId: string): Promise<Uint8Array | undefined>;

  // Attempts
  recordAttempt(documentId: string, attempt: NewAttempt): Promise<AuditAttempt>;
  /** Oldest first. */
  listAttempts(documentId: string): Promise<AuditAttempt[]>;

  // Links
  /** Idempotent: the same from/to/relation is stored once. */
  link(from: LinkRef, to: LinkRef, relation: LinkRelation): Promise<AuditLink>;
  /** Links touching a document or X3 record, in either direction. */
  linksOf(ref: LinkRef): Promise<AuditLink[]>;
  /** Everything reachable through links from the start (both directions). Empty when the start is unknown. */
  chain(start: ChainStart): Promise<AuditChain>;

  // The exactly-once ledger
  /**
   * Atomically registers the intent to cause an effect. Of concurrent callers with the same key exactly one gets
   * `started`. A `failed` effect may be started again (`attempts` grows).
   */
  beginEffect(key: string, details: EffectDetails): Promise<BeginEffectResult>;
  /**
   * `beginEffect`, except that a `failed` effect is not started again: it is answered as `failed`, unchanged. For a
   * caller that decides from the failed entry whether to start it again (an in-doubt window): it begins a new effect,
   * the usual case, with no `getEffect` before.
   */
  beginNewEffect(key: string, details: EffectDetails): Promise<BeginNewEffectResult>;
  /** Marks an effect done with its result. Idempotent on a done effect; `not-found` when never begun. */
  completeEffect(key: string, result?: JsonValue): Promise<EffectRecord>;
  /**
   * Marks an in-progress effect failed: only when it is certain the effect did not happen. `conflict` on a done
   * effect (a done effect never goes back), `not-found` when never begun.
   */
  failEffect(key: string, error: { kind?: string | undefined; message: string }): Promise<EffectRecord>;
  getEffect(key: string): Promise<EffectRecord | undefined>;
  /** In-progress effects, oldest first, for reconciliation on start (optionally only those started before a time). */
  listInProgress(options?: { startedBefore?: Date | undefined; limit?: number | undefined }): Promise<EffectRecord[]>;

  // Durability
  /**
   * Makes every write made so far durable, at once. A store may commit writes together and later than they return,
   * in the order they were made (after a crash it holds every write up to some point and none after it);
   * `beginEffect` and `failEffect` are durable when they return, with every write before them.
   */
  flush(): Promise<void>;
  /**
   * Resolves once every write made so far is durable, without forcing a commit of its own: a store that commits
   * writes later resolves it at the commit that holds them (the next `beginEffect`, `failEffect` or `flush`, or its
   * own bound on how long it keeps writes waiting); a store that keeps nothing waiting, at once. Rejects when that
   * commit fails. Await it before an external action that is not an effect of the ledger and cannot be undone
   * (removing a processed file from the mailbox), without holding up other work meanwhile.
   */
  whenDurable(): Promise<void>;
}
