import type { Order } from "@ml-connector/rsx";
import type { Reason } from "@ml-connector/state";
import { cancelOrder } from "./cancel-order.js";
import { replaceOrder } from "./change-order.js";
import { createOrder, findExisting } from "./create-order.js";
import { mapOrder } from "./map-order.js";
import { processChangePayload } from "./order-change.js";
import { markPurposeDuplicate, park, reject, rejectBadIdentifiers, upsertDocument } from "./outcomes.js";
import { guessIdentity, parkingReason } from "./parking.js";
import { type ClaimGuard, effectFailed, withPoClaim } from "./po-claims.js";
import {
  type InboundSource,
  ORDERS_IN,
  type OrderProcessingDeps,
  orderNaturalKey,
  type ProcessedOrder,
  parseInbound,
  rsxMetadata,
  ruleReasons,
  sameCodes,
  sha256Hex,
  toReason,
  x12TypeOf,
} from "./processing.js";

export { park } from "./outcomes.js";
export { poClaimName } from "./po-claims.js";
export type { OrderProcessingDeps, OrderProcessingOptions, ProcessedOrder } from "./processing.js";
export {
  documentTypeOfFileName,
  isSettled,
  ORDERS_IN,
  sameCodes,
  settledInboundStatuses,
  sha256Hex,
} from "./processing.js";

/**
 * Takes one inbound payload from bytes to its X3 effect. An 850: parse, validate (schema, common and partner rules),
 * dedupe by purpose code and natural key, map, then create/replace/close the X3 order inside the exactly-once ledger.
 * An 860 goes to `processChangePayload`. The audit document is created (or, for a retried file or a replay, reused)
 * and left in its final status.
 */
export async function processOrderPayload(
  deps: OrderProcessingDeps,
  payload: Uint8Array,
  source: InboundSource,
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  const { audit, events } = deps;
  const parsed = parseInbound(deps, payload, source.fileName, "Order");

  if (!parsed.ok) {
    if (parsed.type === "OrderChange" && parsed.issues[0]?.code === "type_mismatch") {
      return processChangePayload(deps, payload, source, signal);
    }
    const hint = guessIdentity(payload);
    // Another RSX document in the mailbox (an 855, an 856...) is recorded as what it is; only an 850 shares its PO's
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
          ? orderNaturalKey(hint.partnerId, hint.po)
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
  const naturalKey = orderNaturalKey(partnerId, po);
  const metadata = rsxMetadata(parsed);

  const badIdentifiers = rejectBadIdentifiers(deps, payload, source, {
    type: "850",
    partnerId,
    po,
    purposeCode: purpose,
    metadata,
  });
  if (badIdentifiers) return await badIdentifiers;

  const document = await upsertDocument(audit, payload, source, {
    partnerId,
    naturalKey,
    poNumber: po,
    purposeCode: purpose,
    metadata,
  });
  events.emit({ type: "document.received", flow: ORDERS_IN, documentId: document.id, naturalKey });

  const broken = ruleReasons(deps, "Order", order, partnerId);
  if (broken.length > 0) return reject(deps, document, broken);

  return await withPoClaim(deps, naturalKey, document, signal, applyPurpose);

  async function applyPurpose(guard: ClaimGuard): Promise<ProcessedOrder> {
    if (purpose === "07") {
      const original = await audit.newestRevision(naturalKey, { type: "850", statuses: ["created", "updated"] });
      return markPurposeDuplicate(deps, document, original, naturalKey);
    }
    if (!handledPurposes.has(purpose)) {
      return reject(deps, document, [unsupportedPurpose(purpose)]);
    }

    const mapped = await mapOrder(order, deps.mappings);
    if (!mapped.ok) return reject(deps, document, mapped.reasons);
    const draft = mapped.draft;

    try {
      if (purpose === "01") return await cancelOrder(deps, document, draft, partnerId, po, guard, signal);
      if (purpose === "05") {
        const existing = await findExisting(deps, draft, partnerId, po, signal);
        if (existing) {
          const edit = { partnerId, po, contentSha256: sha256Hex(payload), existing, draft };
          return await replaceOrder(deps, document, edit, guard, signal);
        }
      }
      return await createOrder(deps, document, draft, partnerId, po, guard, signal);
    } catch (error) {
      return effectFailed(deps, document, error);
    }
  }
}

/** The purpose codes orders-in applies to X3 (07, a duplicate, is recorded apart). */
const handledPurposes: ReadonlySet<string> = new Set(["00", "01", "05", "06"]);

function unsupportedPurpose(purpose: string): Reason {
  return {
    path: "Header.OrderHeader.TsetPurposeCode",
    code: "unsupported_purpose",
    message: `TsetPurposeCode ${purpose} is not handled by orders-in (00 original, 05 replace, 01 cancel, 07 duplicate are).`,
  };
}
