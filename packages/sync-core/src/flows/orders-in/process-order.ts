import { createHash } from "node:crypto";
import {
  commonRules,
  type Order,
  type ParseFailure,
  parseRsx,
  parseRsxFileName,
  type RsxDocumentType,
  type RuleSet,
  validateRsx,
} from "@ml-connector/rsx";
import { type ConnectorError, callOutcome, isConnectorError } from "@ml-connector/transport";
import type { KeyedMutex } from "../../concurrency/keyed-mutex.js";
import type { WorkClaim, WorkClaims } from "../../concurrency/work-claims.js";
import type { DocumentOutcome, FlowName } from "../../engine/flow.js";
import type { ConnectorEvents } from "../../events/connector-events.js";
import { closeOrderEffect, createOrderEffect, readEffect, replaceOrderEffect } from "../../ledger/effects.js";
import { runEffect } from "../../ledger/run-effect.js";
import type { AuditDocument, AuditStore, DocumentStatus, DocumentType, Reason } from "../../ports/audit-store.js";
import type { JsonObject, JsonValue } from "../../ports/json.js";
import type { MappingStore } from "../../ports/mapping-store.js";
import { boundReasons, MAX_REASONS } from "../../stores/support/audit.js";
import { identifierReasons, printable } from "./identifiers.js";
import { mapOrder } from "./map-order.js";
import type { X3OrderDraft, X3OrderGateway, X3OrderRef } from "./x3-order-gateway.js";

export const ORDERS_IN: FlowName = "orders-in";

/** The X12 transaction set of each RSX document type. */
const x12TypeOf: Record<RsxDocumentType, DocumentType> = {
  Order: "850",
  OrderAck: "855",
  Shipment: "856",
  Invoice: "810",
  OrderChange: "860",
};

/** The document type a file name announces (`PR…-v7.7-….json` is an 855), for files that were never read. */
export function documentTypeOfFileName(fileName: string): DocumentType {
  const type = parseRsxFileName(fileName.trim())?.type;
  return type ? x12TypeOf[type] : "850";
}

/** Statuses after which an inbound file may leave the mailbox: its effect or its rejection is durable. */
export const settledInboundStatuses: readonly DocumentStatus[] = [
  "created",
  "updated",
  "cancelled",
  "duplicate",
  "ignored",
  "rejected",
];

export function isSettled(status: DocumentStatus): boolean {
  return settledInboundStatuses.includes(status);
}

export interface OrderProcessingOptions {
  /** Apply the shipped `commonRules` on top of the schema. Default true. */
  commonRules?: boolean | undefined;
  /** Retailer rule sets by TradingPartnerId. */
  partnerRules?: Record<string, RuleSet | readonly RuleSet[]> | undefined;
  /** Unknown properties become warnings instead of a rejection. Default false. */
  lenient?: boolean | undefined;
  /** Larger files are rejected unread. Default 10 MB. */
  maxBytes?: number | undefined;
}

export interface OrderProcessingDeps {
  audit: AuditStore;
  mappings: MappingStore;
  gateway: X3OrderGateway;
  events: ConnectorEvents;
  keyLock: KeyedMutex;
  /** With several instances on one store: each PO is claimed (a lease) by one instance while it is processed. */
  claims?: WorkClaims | undefined;
  options: OrderProcessingOptions;
}

export interface ProcessedOrder {
  document: AuditDocument;
  outcome: DocumentOutcome;
  /** The document was parked already, for the same reasons: nothing was written and nothing needs saying again. */
  unchanged?: boolean | undefined;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The claim name of one PO (its 850 natural key) across instances. */
export const poClaimName = (naturalKey: string) => `orders-in:po:${naturalKey}`;

/**
 * Thrown right before an X3 call when this instance's claim on the PO has lapsed: the call is not made and the ledger
 * is left as it is (an in-progress entry is reconciled by lookup by whoever holds the claim next).
 */
class ClaimLostError extends Error {}

/** Checks, right before an X3 effect, that this instance still holds the PO (always true without claims). */
type ClaimGuard = () => Promise<void>;

function guardFor(claim: WorkClaim | undefined): ClaimGuard {
  return async () => {
    if (claim && !(await claim.stillHeld())) throw new ClaimLostError(`lost the claim ${claim.name}`);
  };
}

/**
 * Takes one 850 payload from bytes to its X3 effect: parse, validate (schema, common and partner rules), dedupe by
 * purpose code and natural key, map, then create/replace/close the X3 order inside the exactly-once ledger.
 * The audit document is created (or, for a retried file or a replay, reused) and left in its final status.
 */
export async function processOrderPayload(
  deps: OrderProcessingDeps,
  payload: Uint8Array,
  source: { fileName: string; existing?: AuditDocument | undefined },
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  const { audit, events } = deps;
  const parsed = parseRsx(payload, {
    fileName: source.fileName,
    type: "Order",
    lenient: deps.options.lenient ?? false,
    maxBytes: deps.options.maxBytes ?? 10 * 1024 * 1024,
  });

  if (!parsed.ok) {
    const hint = guessIdentity(payload);
    // Another RSX document in the mailbox (an 855, an 860...) is recorded as what it is; only an 850 shares its PO's
    // natural key. What is not an 850 is parked (left in the mailbox), a broken 850 rejected.
    const type = parsed.type ? x12TypeOf[parsed.type] : "850";
    const parking = parkingReason(parsed, payload, source.fileName);
    const existing = source.existing;
    if (parking && existing?.status === "parked" && sameCodes(existing.reasons, [parking])) {
      return { document: existing, outcome: "parked", unchanged: true };
    }
    const document = await upsertDocument(audit, payload, source, {
      type,
      partnerId: hint.partnerId ?? "unknown",
      naturalKey:
        type === "850" && !parking && hint.partnerId && hint.po
          ? `850:${hint.partnerId}:${hint.po}`
          : `file:${source.fileName}`,
      poNumber: hint.po,
      metadata: rsxMetadata(parsed),
    });
    if (parking) return park(deps, document, [parking]);
    return reject(deps, document, parsed.issues.map(toReason));
  }

  const order = parsed.document as Order;
  const header = order.Header.OrderHeader;
  const partnerId = header.TradingPartnerId;
  const po = header.PurchaseOrderNumber;
  const purpose = header.TsetPurposeCode ?? "00";
  const naturalKey = `850:${partnerId}:${po}`;

  const invalid = identifierReasons({ partnerId, po });
  if (invalid.length > 0) {
    // Rejected before anything is keyed by them (the ledger, the X3 lookup, the claims): recorded under the file's
    // name, the identifiers shown escaped.
    const badPartner = invalid.some((reason) => reason.path.endsWith("TradingPartnerId"));
    const document = await upsertDocument(audit, payload, source, {
      partnerId: badPartner ? "unknown" : partnerId,
      naturalKey: `file:${source.fileName}`,
      poNumber: printable(po) || undefined,
      purposeCode: purpose,
      metadata: rsxMetadata(parsed),
    });
    return reject(deps, document, invalid);
  }

  let document = await upsertDocument(audit, payload, source, {
    partnerId,
    naturalKey,
    poNumber: po,
    purposeCode: purpose,
    metadata: rsxMetadata(parsed),
  });
  events.emit({ type: "document.received", flow: ORDERS_IN, documentId: document.id, naturalKey });

  const ruleSets: RuleSet[] = [];
  if (deps.options.commonRules !== false) ruleSets.push(commonRules);
  const partnerRules = deps.options.partnerRules?.[partnerId];
  if (partnerRules) ruleSets.push(...(Array.isArray(partnerRules) ? partnerRules : [partnerRules as RuleSet]));
  if (ruleSets.length > 0) {
    const validated = validateRsx("Order", order, { rules: ruleSets, lenient: deps.options.lenient ?? false });
    if (!validated.ok) return reject(deps, document, validated.issues.map(toReason));
  }

  return deps.keyLock.run(naturalKey, () => withPoClaim(deps, document, signal, (guard) => applyPurpose(guard)));

  async function applyPurpose(guard: ClaimGuard): Promise<ProcessedOrder> {
    if (purpose === "07") {
      const original = await audit.newestRevision(naturalKey, { type: "850", statuses: ["created", "updated"] });
      if (original)
        await audit.link({ kind: "document", id: document.id }, { kind: "document", id: original.id }, "duplicates");
      document = await audit.updateDocument(document.id, {
        status: "duplicate",
        reasons: [
          {
            path: "Header.OrderHeader.TsetPurposeCode",
            code: "purpose_duplicate",
            message: "TsetPurposeCode 07 (duplicate): recorded and ignored.",
          },
        ],
        x3Key: original?.x3Key,
      });
      events.emit({ type: "document.duplicate", flow: ORDERS_IN, documentId: document.id, naturalKey });
      return { document, outcome: "duplicate" };
    }
    if (!["00", "01", "05", "06"].includes(purpose)) {
      return reject(deps, document, [
        {
          path: "Header.OrderHeader.TsetPurposeCode",
          code: "unsupported_purpose",
          message: `TsetPurposeCode ${purpose} is not handled by orders-in (00 original, 05 replace, 01 cancel, 07 duplicate are).`,
        },
      ]);
    }

    const mapped = await mapOrder(order, deps.mappings);
    if (!mapped.ok) return reject(deps, document, mapped.reasons);
    const draft = mapped.draft;

    try {
      if (purpose === "01") return await cancelOrder(deps, document, draft, partnerId, po, guard, signal);
      if (purpose === "05") {
        const existing = await findExisting(deps, draft, partnerId, po, signal);
        if (existing) return await replaceOrder(deps, document, draft, po, existing, payload, guard, signal);
      }
      return await createOrder(deps, document, draft, partnerId, po, guard, signal);
    } catch (error) {
      if (error instanceof ClaimLostError) return { document, outcome: "skipped" };
      return failOrReject(deps, document, error);
    }
  }
}

/**
 * Without claims, runs the work as is. With claims, first takes the PO's claim (waiting a little for another
 * instance that holds it for another file of the same PO); a PO held elsewhere for longer is left for the next run:
 * the document stays `received`, so its file stays in the mailbox.
 */
async function withPoClaim(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  signal: AbortSignal | undefined,
  work: (guard: ClaimGuard) => Promise<ProcessedOrder>,
): Promise<ProcessedOrder> {
  if (!deps.claims) return work(guardFor(undefined));
  const claim = await deps.claims.claim(
    poClaimName(document.naturalKey),
    Math.min(deps.claims.leaseMs, 10_000),
    signal,
  );
  if (!claim) return { document, outcome: "skipped" };
  try {
    return await work(guardFor(claim));
  } finally {
    await claim.release();
  }
}

async function findExisting(
  deps: OrderProcessingDeps,
  draft: X3OrderDraft,
  partnerId: string,
  po: string,
  signal?: AbortSignal,
): Promise<X3OrderRef | undefined> {
  const record = await deps.audit.getEffect(createOrderEffect.key({ partnerId, po }));
  const x3Key = record?.state === "done" ? readEffect(createOrderEffect, record)?.result?.x3Key : undefined;
  if (x3Key) return { kind: draft.kind, key: x3Key };
  return deps.gateway.find(draft.kind, draft.partyCode, draft.reference, signal);
}

async function createOrder(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  draft: X3OrderDraft,
  partnerId: string,
  po: string,
  guard: ClaimGuard,
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  const { gateway } = deps;
  const done = await runEffect({
    audit: deps.audit,
    effect: createOrderEffect,
    key: { partnerId, po },
    data: { kind: draft.kind, partyCode: draft.partyCode, reference: draft.reference },
    document,
    owner: deps.claims?.owner,
    attempt: "x3.create",
    lookup: async () => {
      const found = await gateway.find(draft.kind, draft.partyCode, draft.reference, signal);
      return found ? { x3Key: found.key } : undefined;
    },
    // X3 has no idempotency keys, and a user may key the order in by hand: a lookup precedes every create.
    lookBeforeEveryCall: true,
    guard,
    call: async () => ({ x3Key: (await gateway.create(draft, signal)).key }),
  });
  switch (done.via) {
    case "called":
      return settle(deps, document, "created", draft, done.result.x3Key);
    case "found":
      return markDuplicate(
        deps,
        document,
        done.result.x3Key,
        undefined,
        `X3 already has ${draft.kind} order ${done.result.x3Key} for this PO.`,
      );
    case "earlier":
    case "reconciled":
      if (done.documentId === document.id) return settle(deps, document, "created", draft, done.result?.x3Key);
      return markDuplicate(
        deps,
        document,
        done.result?.x3Key,
        done.documentId,
        "This PO was already created in X3 from an earlier 850.",
      );
  }
}

async function replaceOrder(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  draft: X3OrderDraft,
  po: string,
  existing: X3OrderRef,
  payload: Uint8Array,
  guard: ClaimGuard,
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  await runEffect({
    audit: deps.audit,
    effect: replaceOrderEffect,
    key: { partnerId: document.partnerId, po, contentSha256: sha256Hex(payload) },
    data: { kind: existing.kind, key: existing.key },
    document,
    owner: deps.claims?.owner,
    attempt: "x3.replace",
    guard,
    call: async () => {
      await deps.gateway.replace(existing, draft, signal);
      return { x3Key: existing.key };
    },
  });
  return settle(deps, document, "updated", draft, existing.key);
}

async function cancelOrder(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  draft: X3OrderDraft,
  partnerId: string,
  po: string,
  guard: ClaimGuard,
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  const existing = await findExisting(deps, draft, partnerId, po, signal);
  if (!existing) {
    // The order may be on its way: an earlier 850 of this PO not yet through (another file in this run, another
    // instance, or X3 down for it). Then the cancel waits for the next run instead of being rejected.
    const pending = await deps.audit.findDocuments({
      naturalKey: document.naturalKey,
      type: "850",
      status: ["received", "failed"],
      limit: 20,
    });
    if (pending.items.some((other) => other.id !== document.id && other.purposeCode !== "01")) {
      return { document, outcome: "skipped" };
    }
    return reject(deps, document, [
      {
        path: "Header.OrderHeader.PurchaseOrderNumber",
        code: "no_order_to_cancel",
        message: `Cancel (01) for PO ${po}, but X3 has no ${draft.kind} order for it: nothing to close.`,
      },
    ]);
  }
  await runEffect({
    audit: deps.audit,
    effect: closeOrderEffect,
    key: { partnerId, po },
    data: { kind: existing.kind, key: existing.key },
    document,
    owner: deps.claims?.owner,
    attempt: "x3.close",
    guard,
    call: async () => {
      await deps.gateway.close(existing, signal);
      return { x3Key: existing.key };
    },
  });
  return settle(deps, document, "cancelled", draft, existing.key);
}

async function settle(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  status: "created" | "updated" | "cancelled",
  draft: X3OrderDraft,
  x3Key: string | undefined,
): Promise<ProcessedOrder> {
  const entity = draft.kind === "purchase" ? "PORDER" : "SORDER";
  if (x3Key) await deps.audit.link({ kind: "document", id: document.id }, { kind: "x3", entity, key: x3Key }, status);
  const updated = await deps.audit.updateDocument(document.id, { status, reasons: [], x3Key });
  const type =
    status === "created" ? "document.created" : status === "updated" ? "document.updated" : "document.cancelled";
  deps.events.emit({ type, flow: ORDERS_IN, documentId: document.id, naturalKey: document.naturalKey, x3Key });
  return { document: updated, outcome: status };
}

async function markDuplicate(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  x3Key: string | undefined,
  originalId: string | undefined,
  message: string,
): Promise<ProcessedOrder> {
  if (originalId && originalId !== document.id) {
    await deps.audit.link({ kind: "document", id: document.id }, { kind: "document", id: originalId }, "duplicates");
  }
  const updated = await deps.audit.updateDocument(document.id, {
    status: "duplicate",
    x3Key,
    reasons: [{ path: "Header.OrderHeader.PurchaseOrderNumber", code: "already_created", message }],
  });
  deps.events.emit({
    type: "document.duplicate",
    flow: ORDERS_IN,
    documentId: document.id,
    naturalKey: document.naturalKey,
  });
  return { document: updated, outcome: "duplicate" };
}

/**
 * Why orders-in leaves a document in the mailbox for now instead of rejecting it (undefined: it does not). Only what is
 * recognisably not a purchase order is parked: another RSX document (an 855, 856, 810 or 860), XML of another kind, a
 * JSON object without an order header under a name that is not an 850's, or a file that is neither JSON nor XML (an
 * X12 997, a report). Deleting those
 * would lose what another version or another program may need; a broken 850 is rejected (its bytes are kept, and it
 * is replayable once fixed).
 */
function parkingReason(parsed: ParseFailure, payload: Uint8Array, fileName: string): Reason | undefined {
  const first = parsed.issues[0];
  if (!first) return undefined;
  const keep = "orders-in processes purchase orders (850) only, so it stays in the mailbox untouched (parked).";
  if (first.code === "type_mismatch" && parsed.type !== undefined && parsed.type !== "Order") {
    return { path: "", code: "not_an_order", message: `${first.message} ${keep}` };
  }
  if (first.code === "unknown_type" || first.code === "unknown_format") {
    return { path: "", code: "unknown_document", message: `${first.message} ${keep}` };
  }
  // Schema issues on a JSON object (it parsed) that has no order header at all, under a name that does not say 850:
  // some other document.
  const readAsObject = !unreadableInputCodes.has(first.code) && !(first.code === "invalid_type" && first.path === "");
  const namedAsOrder = documentTypeOfFileName(fileName) === "850" && parseRsxFileName(fileName.trim()) !== undefined;
  if (parsed.format === "json" && readAsObject && !namedAsOrder && !hasOrderHeader(payload)) {
    return {
      path: "Header.OrderHeader",
      code: "unknown_document",
      message: `This JSON has no Header.OrderHeader: it is not a purchase order (850). ${keep}`,
    };
  }
  return undefined;
}

/** Issues about the input itself (it could not be read as an object): a broken file, not another kind of document. */
const unreadableInputCodes = new Set([
  "too_large",
  "empty",
  "encoding",
  "syntax",
  "dtd_forbidden",
  "too_deep",
  "too_complex",
  "multiple_documents",
]);

function hasOrderHeader(payload: Uint8Array): boolean {
  return /"OrderHeader"\s*:/.test(Buffer.from(payload.subarray(0, 256 * 1024)).toString("utf8"));
}

export function sameCodes(a: readonly Reason[], b: readonly Reason[]): boolean {
  return a.length === b.length && a.every((reason, index) => reason.code === b[index]?.code);
}

/** Leaves the document where it is, recorded with why; never settled, so the flow does not remove its file. */
export async function park(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  document: AuditDocument,
  reasons: Reason[],
): Promise<ProcessedOrder> {
  const updated = await deps.audit.updateDocument(document.id, { status: "parked", reasons });
  deps.events.emit({
    type: "document.parked",
    flow: ORDERS_IN,
    documentId: document.id,
    naturalKey: document.naturalKey,
    reasons,
  });
  return { document: updated, outcome: "parked" };
}

async function reject(deps: OrderProcessingDeps, document: AuditDocument, reasons: Reason[]): Promise<ProcessedOrder> {
  const updated = await deps.audit.updateDocument(document.id, { status: "rejected", reasons });
  deps.events.emit({
    type: "document.rejected",
    flow: ORDERS_IN,
    documentId: document.id,
    naturalKey: document.naturalKey,
    reasons,
  });
  return { document: updated, outcome: "rejected" };
}

async function failOrReject(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  error: unknown,
): Promise<ProcessedOrder> {
  const connectorError = isConnectorError(error) ? error : undefined;
  if (connectorError && callOutcome(connectorError) === "refused") {
    // X3 refused the data: a rejection with X3's reasons, replayable once the data or mapping is fixed.
    return reject(deps, document, reasonsFromError(connectorError));
  }
  const reasons: Reason[] = [
    {
      path: "",
      code: connectorError?.kind ?? "error",
      message: `${error instanceof Error ? error.message : String(error)} The file stays in the mailbox and is retried on the next run.`,
    },
  ];
  const updated = await deps.audit.updateDocument(document.id, { status: "failed", reasons });
  deps.events.emit({
    type: "document.failed",
    flow: ORDERS_IN,
    documentId: document.id,
    naturalKey: document.naturalKey,
    reasons,
  });
  return { document: updated, outcome: "failed" };
}

function reasonsFromError(error: ConnectorError): Reason[] {
  const details = error.details;
  const fields =
    typeof details === "object" && details !== null && "fields" in details && typeof details.fields === "object"
      ? (details.fields as Record<string, unknown>)
      : undefined;
  const reasons: Reason[] = [{ path: "", code: `x3_${error.kind}`, message: error.message }];
  if (fields) {
    for (const [field, messages] of Object.entries(fields)) {
      reasons.push({
        path: `x3.${field}`,
        code: "x3_field",
        message: Array.isArray(messages) ? messages.map(String).join("; ") : String(messages),
      });
    }
  }
  return reasons;
}

async function upsertDocument(
  audit: AuditStore,
  payload: Uint8Array,
  source: { fileName: string; existing?: AuditDocument | undefined },
  identity: {
    type?: DocumentType | undefined;
    partnerId: string;
    naturalKey: string;
    poNumber?: string | undefined;
    purposeCode?: string | undefined;
    metadata?: JsonObject | undefined;
  },
): Promise<AuditDocument> {
  if (source.existing) {
    return audit.updateDocument(source.existing.id, {
      status: "received",
      poNumber: identity.poNumber,
      purposeCode: identity.purposeCode,
      metadata: identity.metadata,
    });
  }
  return audit.recordDocument({
    direction: "in",
    type: identity.type ?? "850",
    flow: ORDERS_IN,
    partnerId: identity.partnerId,
    naturalKey: identity.naturalKey,
    poNumber: identity.poNumber,
    purposeCode: identity.purposeCode,
    status: "received",
    fileName: source.fileName,
    metadata: identity.metadata,
    payload,
  });
}

/** Characters of one kept legacy value (as JSON), at most; a longer one is kept cut, as text. */
const MAX_LEGACY_TEXT = 2000;

/**
 * What the audit record keeps of how the 850 was read: its RSX version, every parse warning (unknown codes kept,
 * 7.6 fields with no 7.7 home...) and the values of those 7.6 fields, bounded like reasons are, so a hostile file
 * cannot grow the record without limit.
 */
function rsxMetadata(parsed: {
  version?: string | undefined;
  warnings: readonly { path: string; code: string; message: string }[];
  legacy?: Readonly<Record<string, unknown>> | undefined;
}): JsonObject | undefined {
  const metadata: JsonObject = {};
  if (parsed.version) metadata.rsxVersion = parsed.version;
  if (parsed.warnings.length > 0) {
    metadata.warnings = boundReasons(parsed.warnings.map(toReason)) as unknown as JsonValue[];
  }
  const legacy = Object.entries(parsed.legacy ?? {});
  if (legacy.length > 0) {
    const kept: JsonObject = {};
    for (const [path, value] of legacy.slice(0, MAX_REASONS)) {
      const json = JSON.stringify(value) ?? "null";
      kept[path] =
        json.length <= MAX_LEGACY_TEXT
          ? (JSON.parse(json) as JsonValue)
          : `${json.slice(0, MAX_LEGACY_TEXT)}… (${(json.length - MAX_LEGACY_TEXT).toLocaleString("en-US")} characters cut)`;
    }
    metadata.legacy = kept;
    if (legacy.length > MAX_REASONS) metadata.legacyNotStored = legacy.length - MAX_REASONS;
  }
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

function toReason(issue: { path: string; code: string; message: string }): Reason {
  return { path: issue.path, code: issue.code, message: issue.message };
}

/** Best effort for files that do not parse: who sent it and which PO, so the rejection can be found by both. */
function guessIdentity(payload: Uint8Array): { partnerId?: string | undefined; po?: string | undefined } {
  const text = Buffer.from(payload.subarray(0, 64 * 1024)).toString("utf8");
  const partner = /"?TradingPartnerId"?\s*[:>]\s*"?([A-Za-z0-9_-]{1,15})/.exec(text)?.[1];
  const po = /"?PurchaseOrderNumber"?\s*[:>]\s*"?([A-Za-z0-9_.-]{1,40})/.exec(text)?.[1];
  return { partnerId: partner, po };
}
