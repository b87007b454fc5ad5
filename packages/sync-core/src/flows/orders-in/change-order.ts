import type { AuditDocument } from "@ml-connector/state";
import { changeOrderEffect, replaceOrderEffect } from "../../ledger/effects.js";
import { type EffectOutcome, runEffect } from "../../ledger/run-effect.js";
import type { OrderDraft, OrderRef } from "../../ports/order-gateway.js";
import { settle } from "./outcomes.js";
import type { ClaimGuard } from "./po-claims.js";
import { type OrderProcessingDeps, orderNaturalKey, type ProcessedOrder } from "./processing.js";

export interface OrderEdit {
  /** A 05 replace (`replace`) or an 860 change (`change`): one ledger effect per content of the document. */
  kind: "replace" | "change";
  partnerId: string;
  po: string;
  contentSha256: string;
  existing: OrderRef;
  /** The whole order as it should stand in X3 after the edit. */
  draft: OrderDraft;
}

/**
 * Brings an existing X3 order to the draft inside the ledger: the gateway reads the order and sends one `$edit` of
 * the differences, so the effect is repeatable (after a crash it is simply done again and plans an empty edit).
 */
export async function editOrder(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  edit: OrderEdit,
  guard: ClaimGuard,
  signal?: AbortSignal,
): Promise<EffectOutcome<{ x3Key: string }>> {
  const { existing, draft } = edit;
  return runEffect({
    audit: deps.audit,
    effect: edit.kind === "replace" ? replaceOrderEffect : changeOrderEffect,
    key: { partnerId: edit.partnerId, po: edit.po, contentSha256: edit.contentSha256 },
    data: { kind: existing.kind, key: existing.key },
    document: { id: document.id, naturalKey: orderNaturalKey(edit.partnerId, edit.po) },
    owner: deps.claims?.owner,
    inDoubt: deps.inDoubt,
    attempt: edit.kind === "replace" ? "x3.replace" : "x3.change",
    guard,
    call: async () => {
      await deps.gateway.replace(existing, draft, signal);
      return { x3Key: existing.key };
    },
  });
}

/** An 850 05 for an order X3 has: the order becomes what the 05 says. */
export async function replaceOrder(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  edit: Omit<OrderEdit, "kind">,
  guard: ClaimGuard,
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  await editOrder(deps, document, { ...edit, kind: "replace" }, guard, signal);
  return settle(deps, document, "updated", edit.existing.kind, edit.existing.key);
}
