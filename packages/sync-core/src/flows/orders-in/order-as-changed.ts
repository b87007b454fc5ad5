import { type Order, type OrderChange, parseRsx } from "@ml-connector/rsx";
import type { AuditDocument, AuditStore, Reason } from "@ml-connector/state";
import { applyOrderChange, type ChangeStamp, compareChangeStamps } from "./apply-order-change.js";

/** The order as the retailer wants it now, and the 860s that made it so (in the retailer's order). */
export type OrderAsChanged =
  | {
      ok: true;
      order: Order;
      changes: AuditDocument[];
      /** What the incoming change's header changes and the X3 order does not take (see `applyOrderChange`). */
      notApplied: Reason[];
    }
  | {
      ok: false;
      message: string;
      /** The 860 that does not apply to the order as the changes before it left it, and why. */
      failed?: { documentId: string; reasons: Reason[] } | undefined;
    };

/** Where a stored 860 stands in the retailer's numbering (kept in its metadata when it was received). */
export function stampOf(document: AuditDocument): ChangeStamp {
  const stamp = document.metadata?.change;
  if (typeof stamp !== "object" || stamp === null || Array.isArray(stamp)) return {};
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { ChangeOrderSeqNumber: text(stamp.sequence), POChangeDate: text(stamp.date) };
}

export function describeStamp(stamp: ChangeStamp): string {
  const parts = [
    stamp.ChangeOrderSeqNumber ? `ChangeOrderSeqNumber ${stamp.ChangeOrderSeqNumber}` : undefined,
    stamp.POChangeDate ? `POChangeDate ${stamp.POChangeDate}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "no sequence or date";
}

/**
 * 860s in the retailer's order (see `compareChangeStamps`); those the numbering does not order keep the order they
 * arrived in. 860s are deltas: applied in another order, a later change's values would be overwritten by an earlier one.
 */
export function inRetailerOrder(documents: readonly AuditDocument[]): AuditDocument[] {
  return [...documents].sort((a, b) => compareChangeStamps(stampOf(a), stampOf(b)) || a.seq - b.seq);
}

/**
 * Whether a document of the PO counts against the 850 (or 05 replace) `base`: received after it, or received before
 * it and applied to it (it `revises` the base: an 860 that waited for its order).
 */
export async function ofBase(audit: AuditStore, base: AuditDocument): Promise<(document: AuditDocument) => boolean> {
  const revisesBase = new Set(
    (await audit.linksOf({ kind: "document", id: base.id }))
      .filter((link) => link.relation === "revises" && link.to.kind === "document" && link.to.id === base.id)
      .flatMap((link) => (link.from.kind === "document" ? [link.from.id] : [])),
  );
  return (document) => document.seq > base.seq || revisesBase.has(document.id);
}

/** The 860s applied to a PO's order since its 850 (or 05 replace) `base`, in the retailer's order. */
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
  // Most POs never change: no 860, no need for the base's links.
  if (page.items.length === 0) return [];
  const counts = await ofBase(audit, base);
  return inRetailerOrder(page.items.filter(counts));
}

/** Reads a stored 860 back. */
export async function readOrderChange(audit: AuditStore, document: AuditDocument): Promise<OrderChange | undefined> {
  const payload = await audit.getPayload(document.id);
  const parsed = payload
    ? parseRsx(payload, { fileName: document.fileName, type: "OrderChange", lenient: true })
    : undefined;
  return parsed?.ok ? (parsed.document as OrderChange) : undefined;
}

/** An 860 being applied, counted in the order as changed in its place among those applied before. */
export interface IncomingChange {
  document: AuditDocument;
  change: OrderChange;
}

/**
 * The 850 `order` (stored as `base`) with the 860s applied since, each in its place in the retailer's order (with
 * `incoming` among them, when given): what the X3 order is brought to, and what acks-out acknowledges. A change that
 * arrives after a later one was applied is merged in its place, so the order ends as the retailer's last word
 * whatever order the files came in. A 05 replace restates the whole order, so changes applied before it no longer
 * count.
 */
export async function orderAsChanged(
  audit: AuditStore,
  base: AuditDocument,
  order: Order,
  incoming?: IncomingChange,
): Promise<OrderAsChanged> {
  const applied = (await appliedChanges(audit, base)).filter((document) => document.id !== incoming?.document.id);
  const changes = incoming ? inRetailerOrder([...applied, incoming.document]) : applied;
  let current = order;
  let notApplied: Reason[] = [];
  for (const document of changes) {
    const change = document.id === incoming?.document.id ? incoming.change : await readOrderChange(audit, document);
    if (!change) return { ok: false, message: `The applied 860 ${document.id} can no longer be read.` };
    const result = applyOrderChange(current, change);
    if (!result.ok) {
      return {
        ok: false,
        message: `The 860 ${document.id} (${describeStamp(stampOf(document))}) does not apply after the changes before it: ${result.reasons.map((reason) => reason.message).join(" ")}`,
        failed: { documentId: document.id, reasons: result.reasons },
      };
    }
    current = result.order;
    if (document.id === incoming?.document.id) notApplied = result.notApplied;
  }
  return { ok: true, order: current, changes, notApplied };
}

/**
 * Whether a stored 850 was read without any warning when it was received: then its bytes are the document the
 * schema check returned, and reading them back needs no second check. One with warnings (unknown properties left
 * out, unknown codes...) is checked again, so that it reads back as it was read then.
 */
function readCleanly(base: AuditDocument): boolean {
  const warnings = base.metadata?.warnings;
  return acceptedStatuses.has(base.status) && (!Array.isArray(warnings) || warnings.length === 0);
}
/** An 850 X3 took: read and checked at intake. Any other (received, rejected, parked...) is checked again. */
const acceptedStatuses: ReadonlySet<string> = new Set(["created", "updated"]);

/** `orderAsChanged` from the stored 850 `base`. */
export async function readOrderAsChanged(
  audit: AuditStore,
  base: AuditDocument,
  incoming?: IncomingChange,
): Promise<OrderAsChanged> {
  const payload = await audit.getPayload(base.id);
  const parsed = payload
    ? parseRsx(payload, {
        fileName: base.fileName,
        type: "Order",
        lenient: true,
        ...(readCleanly(base) ? { validate: false } : {}),
      })
    : undefined;
  if (!parsed?.ok) return { ok: false, message: `The 850 ${base.id} of this PO can no longer be read.` };
  return orderAsChanged(audit, base, parsed.document as Order, incoming);
}
