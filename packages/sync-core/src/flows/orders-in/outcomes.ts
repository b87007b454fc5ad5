import {
  type AuditDocument,
  type AuditStore,
  type DocumentType,
  type JsonObject,
  type JsonValue,
  type OrderKind,
  type Reason,
  storeSupport,
} from "@ml-connector/state";
import { type ConnectorError, callOutcome, isConnectorError } from "@ml-connector/transport";
import { EffectInDoubtError, IN_DOUBT } from "../../ledger/run-effect.js";
import { identifierReasons, printable } from "./identifiers.js";
import { ORDERS_IN, type OrderProcessingDeps, type ProcessedOrder } from "./processing.js";

const { boundReasons } = storeSupport;

// How orders-in records what became of a document: the audit status, its reasons and links, and the event.

/** The X3 class of an order of this kind. */
export const orderEntity = (kind: OrderKind) => (kind === "purchase" ? "PORDER" : "SORDER");

/** The inbound document, recorded (or, for a retried file or a replay, its earlier record reused), as `received`. */
export function upsertDocument(
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

/**
 * The X3 effect is done: the document links to the X3 order and takes its final status. `warnings` (what the
 * document said that X3 did not take) join its read warnings in `metadata.warnings`.
 */
export async function settle(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  document: AuditDocument,
  status: "created" | "updated" | "cancelled",
  kind: OrderKind,
  x3Key: string | undefined,
  warnings: readonly Reason[] = [],
): Promise<ProcessedOrder> {
  if (x3Key) {
    await deps.audit.link(
      { kind: "document", id: document.id },
      { kind: "x3", entity: orderEntity(kind), key: x3Key },
      status,
    );
  }
  const updated = await deps.audit.updateDocument(
    document.id,
    warnings.length > 0
      ? { status, reasons: [], x3Key, metadata: withWarnings(document.metadata, warnings) }
      : { status, reasons: [], x3Key },
  );
  const type =
    status === "created" ? "document.created" : status === "updated" ? "document.updated" : "document.cancelled";
  deps.events.emit({ type, flow: ORDERS_IN, documentId: document.id, naturalKey: document.naturalKey, x3Key });
  return { document: updated, outcome: status };
}

export async function markDuplicate(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  document: AuditDocument,
  x3Key: string | undefined,
  originalId: string | undefined,
  reason: Reason,
): Promise<ProcessedOrder> {
  if (originalId && originalId !== document.id) {
    await deps.audit.link({ kind: "document", id: document.id }, { kind: "document", id: originalId }, "duplicates");
  }
  const updated = await deps.audit.updateDocument(document.id, { status: "duplicate", x3Key, reasons: [reason] });
  deps.events.emit({
    type: "document.duplicate",
    flow: ORDERS_IN,
    documentId: document.id,
    naturalKey: document.naturalKey,
  });
  return { document: updated, outcome: "duplicate" };
}

/**
 * A document whose TsetPurposeCode is 07 (duplicate): recorded and ignored, linked to the `original` it repeats (an
 * 850's: the PO's newest processed revision, whose X3 key it takes) when there is one. `naturalKey` names it in the
 * event (an 850 names its PO's key).
 */
export async function markPurposeDuplicate(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  document: AuditDocument,
  original?: AuditDocument | undefined,
  naturalKey = document.naturalKey,
): Promise<ProcessedOrder> {
  if (original) {
    await deps.audit.link({ kind: "document", id: document.id }, { kind: "document", id: original.id }, "duplicates");
  }
  const updated = await deps.audit.updateDocument(document.id, {
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
  deps.events.emit({ type: "document.duplicate", flow: ORDERS_IN, documentId: document.id, naturalKey });
  return { document: updated, outcome: "duplicate" };
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

export async function reject(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  document: AuditDocument,
  reasons: Reason[],
): Promise<ProcessedOrder> {
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

/** X3 refused the data: rejected with X3's reasons (replayable). Anything else: failed, retried on the next run. */
export async function failOrReject(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  document: AuditDocument,
  error: unknown,
): Promise<ProcessedOrder> {
  const connectorError = isConnectorError(error) ? error : undefined;
  if (connectorError && callOutcome(connectorError) === "refused") {
    return reject(deps, document, reasonsFromError(connectorError));
  }
  const reasons: Reason[] = [
    {
      path: "",
      code: error instanceof EffectInDoubtError ? IN_DOUBT : (connectorError?.kind ?? "error"),
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
  // Per-field refusals: the connector's own (`details.fields`), or a client's reading of the system's answer (the X3
  // client's `fieldErrors`, from X3's diagnoses at the top, under the save action and in each line).
  const fieldsOf = (value: unknown) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const fields =
    fieldsOf(typeof details === "object" && details !== null && "fields" in details ? details.fields : undefined) ??
    fieldsOf((error as { fieldErrors?: unknown }).fieldErrors);
  // A refusal the connector raised itself (e.g. a change to a delivered line) names its own reason code.
  const own =
    typeof details === "object" && details !== null && "reasonCode" in details ? details.reasonCode : undefined;
  const code = typeof own === "string" ? own : `x3_${error.kind}`;
  const reasons: Reason[] = [{ path: "", code, message: error.message }];
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

/** What an inbound document says it is: its type, partner, PO number and purpose, and how it was read. */
interface InboundIdentity {
  type: DocumentType;
  partnerId: string;
  po: string;
  purposeCode: string;
  metadata?: JsonObject | undefined;
}

/**
 * Rejects a document whose partner or PO number cannot key anything (see `identifierReasons`) before the ledger, the
 * X3 lookup or the claims see them: recorded under the file's name, the identifiers shown escaped. Undefined when
 * they are fine.
 */
export function rejectBadIdentifiers(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  payload: Uint8Array,
  source: { fileName: string; existing?: AuditDocument | undefined },
  identity: InboundIdentity,
): Promise<ProcessedOrder> | undefined {
  const invalid = identifierReasons({ partnerId: identity.partnerId, po: identity.po });
  // Checked here, not in an async function: the usual document (nothing wrong) waits for no promise.
  if (invalid.length === 0) return undefined;
  return rejectIdentifiers(deps, payload, source, identity, invalid);
}

async function rejectIdentifiers(
  deps: Pick<OrderProcessingDeps, "audit" | "events">,
  payload: Uint8Array,
  source: { fileName: string; existing?: AuditDocument | undefined },
  identity: InboundIdentity,
  invalid: readonly Reason[],
): Promise<ProcessedOrder> {
  const badPartner = invalid.some((reason) => reason.path.endsWith("TradingPartnerId"));
  const document = await upsertDocument(deps.audit, payload, source, {
    type: identity.type,
    partnerId: badPartner ? "unknown" : identity.partnerId,
    naturalKey: `file:${source.fileName}`,
    poNumber: printable(identity.po) || undefined,
    purposeCode: identity.purposeCode,
    metadata: identity.metadata,
  });
  return reject(deps, document, [...invalid]);
}

/** The document's metadata with `warnings` added to those it has (bounded as reasons are). */
function withWarnings(metadata: JsonObject | undefined, warnings: readonly Reason[]): JsonObject {
  const kept = Array.isArray(metadata?.warnings) ? (metadata.warnings as unknown as Reason[]) : [];
  return { ...metadata, warnings: boundReasons([...kept, ...warnings]) as unknown as JsonValue[] };
}
