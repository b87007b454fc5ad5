// Audit bookkeeping of outbound documents: sent statuses, superseding reasons, records with their links, rejections.
import type { AuditDocument, DocumentStatus, DocumentType, JsonObject, Reason } from "@ml-connector/state";
import type { OutboundDeps, OutboundDraft, OutboundRsxType, PublishResult } from "./publish.js";

/** Statuses of a document SPS received: posted, and SPS's verdicts on it. */
export const sentStatuses: readonly DocumentStatus[] = ["posted", "accepted_by_sps", "rejected_by_sps"];

export const wasSent = (document: AuditDocument | undefined): boolean =>
  document !== undefined && sentStatuses.includes(document.status);

/** Whether a document was built from the same 850 as the draft (none: from the order keyed in X3). */
export const sameSource = (document: AuditDocument, draft: OutboundDraft<OutboundRsxType>): boolean =>
  (document.metadata?.orderDocumentId ?? null) === (draft.source.orderDocument?.id ?? null);

export const supersededReason: Reason = {
  path: "",
  code: "superseded",
  message:
    "The X3 record changed before this document was sent: a newer one replaces it (same revision and file name).",
};

export const revertedReason = (lastPosted: AuditDocument): Reason => ({
  path: "",
  code: "superseded",
  message: `The X3 record changed back to what revision ${lastPosted.revision} (${lastPosted.id}), already posted, says: nothing new to send.`,
});

export interface RecordInput {
  naturalKey: string;
  type: DocumentType;
  revision: number;
  hash: string;
  reuse?: AuditDocument | undefined;
  reasons: Reason[];
  fileName?: string | undefined;
  bytes?: Uint8Array | undefined;
  metadata?: JsonObject | undefined;
  test?: boolean | undefined;
}

export async function record<T extends OutboundRsxType>(
  deps: OutboundDeps,
  draft: OutboundDraft<T>,
  input: RecordInput,
): Promise<AuditDocument> {
  const status = input.reasons.length > 0 ? "rejected" : "received";
  // Set one by one rather than spread from conditional objects (same keys, same order).
  const metadata: JsonObject = { ...(input.metadata ?? {}) };
  metadata.contentHash = input.hash;
  metadata.test = input.test === true;
  if (draft.x3.updatedAt) metadata.x3UpdatedAt = draft.x3.updatedAt;
  if (draft.source.orderDocument) metadata.orderDocumentId = draft.source.orderDocument.id;
  let document: AuditDocument;
  if (input.reuse) {
    document = await deps.audit.updateDocument(input.reuse.id, {
      status,
      reasons: input.reasons,
      revision: input.revision,
      fileName: input.fileName,
      metadata,
    });
    if (input.bytes) document = await deps.audit.putPayload(document.id, input.bytes);
  } else {
    document = await deps.audit.recordDocument({
      direction: "out",
      type: input.type,
      flow: draft.flow,
      partnerId: draft.source.partnerId,
      naturalKey: input.naturalKey,
      poNumber: draft.source.order.Header.OrderHeader.PurchaseOrderNumber,
      revision: input.revision,
      purposeCode: input.revision > 1 ? "05" : "00",
      status,
      reasons: input.reasons,
      fileName: input.fileName,
      x3Key: draft.x3.key,
      metadata,
      payload: input.bytes,
    });
  }
  await deps.audit.link(
    { kind: "document", id: document.id },
    { kind: "x3", entity: draft.x3.entity, key: draft.x3.key },
    draft.relation,
  );
  if (draft.salesOrder) {
    await deps.audit.link(
      { kind: "x3", entity: draft.x3.entity, key: draft.x3.key },
      { kind: "x3", entity: "SORDER", key: draft.salesOrder.key },
      draft.salesOrder.relation,
    );
  }
  return document;
}

export async function rejected<T extends OutboundRsxType>(
  deps: OutboundDeps,
  draft: OutboundDraft<T>,
  document: AuditDocument,
  reasons: Reason[],
): Promise<PublishResult> {
  deps.events.emit({
    type: "document.rejected",
    flow: draft.flow,
    documentId: document.id,
    naturalKey: document.naturalKey,
    reasons,
  });
  return { outcome: "rejected", document, disposition: "durable" };
}
