import { type Order, type OrderChange, parseRsx } from "@ml-connector/rsx";
import type { AuditDocument, AuditStore } from "@ml-connector/state";
import { applyOrderChange } from "./apply-order-change.js";

/** The order as the retailer wants it now, and the 860s that made it so (oldest first). */
export type OrderAsChanged = { ok: true; order: Order; changes: AuditDocument[] } | { ok: false; message: string };

/**
 * The 860s applied to a PO's order since its 850 (or 05 replace) `base` was processed, oldest first: those received
 * after it, and those received before it that waited for it (each applied 860 `revises` the base it was applied to).
 */
export async function appliedChanges(audit: AuditStore, base: AuditDocument): Promise<AuditDocument[]> {
  if (!base.poNumber) return [];
  const page = await audit.findDocuments({
    type: "860",
    partnerId: base.partnerId,
    poNumber: base.poNumber,
    status: "updated",
    order: "asc",
    limit: 1000,
  });
  const revisesBase = new Set(
    (await audit.linksOf({ kind: "document", id: base.id }))
      .filter((link) => link.relation === "revises" && link.to.kind === "document" && link.to.id === base.id)
      .flatMap((link) => (link.from.kind === "document" ? [link.from.id] : [])),
  );
  return page.items.filter((document) => document.seq > base.seq || revisesBase.has(document.id));
}

/** Reads a stored 860 back. */
export async function readOrderChange(audit: AuditStore, document: AuditDocument): Promise<OrderChange | undefined> {
  const payload = await audit.getPayload(document.id);
  const parsed = payload
    ? parseRsx(payload, { fileName: document.fileName, type: "OrderChange", lenient: true })
    : undefined;
  return parsed?.ok ? (parsed.document as OrderChange) : undefined;
}

/**
 * The 850 `order` (stored as `base`) with the 860s applied since, in the order they were applied: what the X3 order
 * was last brought to, and what acks-out acknowledges. A 05 replace restates the whole order, so changes applied
 * before it no longer count.
 */
export async function orderAsChanged(audit: AuditStore, base: AuditDocument, order: Order): Promise<OrderAsChanged> {
  const changes = await appliedChanges(audit, base);
  let current = order;
  for (const document of changes) {
    const change = await readOrderChange(audit, document);
    if (!change) return { ok: false, message: `The applied 860 ${document.id} can no longer be read.` };
    const applied = applyOrderChange(current, change);
    if (!applied.ok) {
      return {
        ok: false,
        message: `The applied 860 ${document.id} no longer applies: ${applied.reasons.map((reason) => reason.message).join(" ")}`,
      };
    }
    current = applied.order;
  }
  return { ok: true, order: current, changes };
}

/** `orderAsChanged` from the stored 850 `base`. */
export async function readOrderAsChanged(audit: AuditStore, base: AuditDocument): Promise<OrderAsChanged> {
  const payload = await audit.getPayload(base.id);
  const parsed = payload ? parseRsx(payload, { fileName: base.fileName, type: "Order", lenient: true }) : undefined;
  if (!parsed?.ok) return { ok: false, message: `The 850 ${base.id} of this PO can no longer be read.` };
  return orderAsChanged(audit, base, parsed.document as Order);
}
