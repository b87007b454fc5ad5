import type { AuditDocument } from "@ml-connector/state";
import { closeOrderEffect } from "../../ledger/effects.js";
import { runEffect } from "../../ledger/run-effect.js";
import type { OrderRef } from "../../ports/order-gateway.js";
import { findExisting } from "./create-order.js";
import { reject, settle } from "./outcomes.js";
import type { ClaimGuard, OrderAction } from "./po-claims.js";
import { type OrderProcessingDeps, orderNaturalKey, type ProcessedOrder } from "./processing.js";

/** Closes the X3 order (an 850 01 or an 860 01), once per PO. */
export async function closeOrder(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  partnerId: string,
  po: string,
  existing: OrderRef,
  guard: ClaimGuard,
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  await runEffect({
    audit: deps.audit,
    effect: closeOrderEffect,
    key: { partnerId, po },
    data: { kind: existing.kind, key: existing.key },
    document: { id: document.id, naturalKey: orderNaturalKey(partnerId, po) },
    owner: deps.claims?.owner,
    inDoubt: deps.inDoubt,
    attempt: "x3.close",
    guard,
    call: async () => {
      await deps.gateway.close(existing, signal);
      return { x3Key: existing.key };
    },
  });
  return settle(deps, document, "cancelled", existing.kind, existing.key);
}

/** An 850 01: closes the PO's order; waits for an 850 of the PO still in hand; rejected when there is none. */
export const cancelOrder: OrderAction = async (deps, document, draft, partnerId, po, guard, signal) => {
  const existing = await findExisting(deps, draft, partnerId, po, signal);
  if (existing) return closeOrder(deps, document, partnerId, po, existing, guard, signal);
  // The order may be on its way: an earlier 850 of this PO not yet through (another file in this run, another
  // instance, or X3 down for it). Then the cancel waits for the next run instead of being rejected.
  const pending = await deps.audit.findDocuments({
    naturalKey: document.naturalKey,
    type: "850",
    status: ["received", "failed"],
    limit: 20,
  });
  if (pending.items.some((other) => other.id !== document.id && other.purposeCode !== "01")) {
    return { document, outcome: "waiting" };
  }
  return reject(deps, document, [
    {
      path: "Header.OrderHeader.PurchaseOrderNumber",
      code: "no_order_to_cancel",
      message: `Cancel (01) for PO ${po}, but X3 has no ${draft.kind} order for it: nothing to close.`,
    },
  ]);
};
