import type { AuditStore, NewAuditDocument } from "../ports/audit-store.js";

/** A received 850 of ACME's PO1, as orders-in records it first. */
export function receivedOrder(overrides: Partial<NewAuditDocument> = {}): NewAuditDocument {
  return {
    direction: "in",
    type: "850",
    partnerId: "ACME",
    naturalKey: "850:ACME:PO1",
    poNumber: "PO1",
    status: "received",
    ...overrides,
  };
}

/**
 * The writes orders-in makes once X3 created a document's order: the effect done, the attempt, the link to the X3
 * order and the document's status. One group, which a store may commit together (on flush).
 */
export async function settleCreatedOrder(
  audit: AuditStore,
  documentId: string,
  effectKey: string,
  x3Key: string,
): Promise<void> {
  await audit.completeEffect(effectKey, { x3Key });
  await audit.recordAttempt(documentId, { operation: "x3.create", outcome: "success" });
  await audit.link({ kind: "document", id: documentId }, { kind: "x3", entity: "SORDER", key: x3Key }, "created");
  await audit.updateDocument(documentId, { status: "created", x3Key });
}
