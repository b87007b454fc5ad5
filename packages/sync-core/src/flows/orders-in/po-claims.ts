import type { AuditDocument } from "@ml-connector/state";
import type { WorkClaim } from "../../concurrency/work-claims.js";
import type { OrderDraft } from "../../ports/order-gateway.js";
import { failOrReject } from "./outcomes.js";
import type { OrderProcessingDeps, ProcessedOrder } from "./processing.js";

/**
 * What an 850 of one purpose does to its PO's X3 order (create it, close it), under the PO's claim: `guard` is checked
 * right before each X3 call.
 */
export type OrderAction = (
  deps: OrderProcessingDeps,
  document: AuditDocument,
  draft: OrderDraft,
  partnerId: string,
  po: string,
  guard: ClaimGuard,
  signal?: AbortSignal,
) => Promise<ProcessedOrder>;

/** The claim name of one PO (its 850 natural key) across instances. */
export const poClaimName = (naturalKey: string) => `orders-in:po:${naturalKey}`;

/**
 * Thrown right before an X3 call when this instance's claim on the PO has lapsed: the call is not made and the ledger
 * is left as it is (an in-progress entry is reconciled by lookup by whoever holds the claim next).
 */
export class ClaimLostError extends Error {}

/**
 * Checks, right before an X3 effect, that this instance still holds the PO. `undefined` without claims (one instance):
 * nothing to check, and no promise to wait for before each effect.
 */
export type ClaimGuard = (() => Promise<void>) | undefined;

function guardFor(claim: WorkClaim): ClaimGuard {
  return async () => {
    if (!(await claim.stillHeld())) throw new ClaimLostError(`lost the claim ${claim.name}`);
  };
}

/**
 * Runs the work on one PO under the PO's lock in this process and, with claims, the PO's claim across instances
 * (waiting a little for another instance that holds it for another file of the same PO); a PO held elsewhere for
 * longer is left for the next run: the document stays `received`, so its file stays in the mailbox.
 */
export function withPoClaim(
  deps: OrderProcessingDeps,
  poKey: string,
  document: AuditDocument,
  signal: AbortSignal | undefined,
  work: (guard: ClaimGuard) => Promise<ProcessedOrder>,
): Promise<ProcessedOrder> {
  const claims = deps.claims;
  // One instance: the work itself is the lock's task, with no layer of its own around it.
  if (!claims) return deps.keyLock.run(poKey, () => work(undefined));
  return deps.keyLock.run(poKey, async () => {
    const claim = await claims.claim(poClaimName(poKey), Math.min(claims.leaseMs, 10_000), signal);
    if (!claim) return { document, outcome: "claimed_elsewhere" };
    try {
      return await work(guardFor(claim));
    } finally {
      await claim.release();
    }
  });
}

/**
 * What became of a document whose X3 effect threw: `claimed_elsewhere` when this instance lost the PO's claim right
 * before the call (the call was not made), else failed or rejected as `failOrReject` decides.
 */
export async function effectFailed(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  error: unknown,
): Promise<ProcessedOrder> {
  if (error instanceof ClaimLostError) return { document, outcome: "claimed_elsewhere" };
  return failOrReject(deps, document, error);
}
