import { createOrderEffect, readEffect } from "../../ledger/effects.js";
import { runEffect } from "../../ledger/run-effect.js";
import type { OrderDraft, OrderRef } from "../../ports/order-gateway.js";
import { markDuplicate, settle } from "./outcomes.js";
import type { OrderAction } from "./po-claims.js";
import type { OrderProcessingDeps } from "./processing.js";

/** The X3 order of a PO: the one orders-in created (the ledger says which), else a lookup by natural key. */
export async function findExisting(
  deps: OrderProcessingDeps,
  order: Pick<OrderDraft, "kind" | "counterparty" | "poNumber">,
  partnerId: string,
  po: string,
  signal?: AbortSignal,
): Promise<OrderRef | undefined> {
  const record = await deps.audit.getEffect(createOrderEffect.key({ partnerId, po }));
  const x3Key = record?.state === "done" ? readEffect(createOrderEffect, record)?.result?.x3Key : undefined;
  if (x3Key) return { kind: order.kind, key: x3Key };
  return deps.gateway.find(order.kind, order.counterparty, order.poNumber, signal);
}

// The ledger's result of an order found or created: continuations of the gateway's promise, not async layers.
const foundKey = (found: OrderRef | undefined) => (found ? { x3Key: found.key } : undefined);
const createdKey = (created: OrderRef) => ({ x3Key: created.key });

/** Why an 850 whose PO X3 already has an order for is a duplicate. */
const duplicate = (message: string) => ({
  path: "Header.OrderHeader.PurchaseOrderNumber",
  code: "already_created",
  message,
});

/** An 850 00 (or a 05 for an order X3 does not have): one X3 order per partner + PO, looked for before every create. */
export const createOrder: OrderAction = async (deps, document, draft, partnerId, po, guard, signal) => {
  const { gateway } = deps;
  const done = await runEffect({
    audit: deps.audit,
    effect: createOrderEffect,
    key: { partnerId, po },
    data: { kind: draft.kind, partyCode: draft.counterparty, reference: draft.poNumber },
    document,
    owner: deps.claims?.owner,
    inDoubt: deps.inDoubt,
    attempt: "x3.create",
    lookup: () => gateway.find(draft.kind, draft.counterparty, draft.poNumber, signal).then(foundKey),
    // X3 has no idempotency keys, and a user may key the order in by hand: a lookup precedes every create.
    lookBeforeEveryCall: true,
    guard,
    call: () => gateway.create(draft, signal).then(createdKey),
  });
  switch (done.via) {
    case "called":
      return await settle(deps, document, "created", draft.kind, done.result.x3Key);
    case "found":
      return markDuplicate(
        deps,
        document,
        done.result.x3Key,
        undefined,
        duplicate(`X3 already has ${draft.kind} order ${done.result.x3Key} for this PO.`),
      );
    case "earlier":
    case "reconciled":
      if (done.documentId === document.id) return settle(deps, document, "created", draft.kind, done.result?.x3Key);
      return markDuplicate(
        deps,
        document,
        done.result?.x3Key,
        done.documentId,
        duplicate("This PO was already created in X3 from an earlier 850."),
      );
  }
};
