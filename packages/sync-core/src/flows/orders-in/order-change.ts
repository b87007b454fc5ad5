import { type OrderChange, validateRsx } from "@ml-connector/rsx";
import type { AuditDocument, JsonObject, Reason } from "@ml-connector/state";
import { changeOrderEffect } from "../../ledger/effects.js";
import { applyOrderChange, isStaleChange } from "./apply-order-change.js";
import { closeOrder } from "./cancel-order.js";
import { editOrder } from "./change-order.js";
import { findExisting } from "./create-order.js";
import { mapOrder } from "./map-order.js";
import { readOrderAsChanged } from "./order-as-changed.js";
import { failOrReject, markDuplicate, reject, rejectBadIdentifiers, settle, upsertDocument } from "./outcomes.js";
import { guessIdentity } from "./parking.js";
import { type ClaimGuard, ClaimLostError, withPoClaim } from "./po-claims.js";
import {
  DEFAULT_CHANGE_WAIT_MS,
  ORDERS_IN,
  type OrderProcessingDeps,
  orderNaturalKey,
  type ProcessedOrder,
  parseInbound,
  rsxMetadata,
  ruleSetsFor,
  sha256Hex,
  toReason,
} from "./processing.js";

const PURPOSE = "Header.OrderHeader.TsetPurposeCode";
const PO_NUMBER = "Header.OrderHeader.PurchaseOrderNumber";

/** Where a change stands in the retailer's numbering, kept on its audit document to order later changes by. */
interface ChangeStamp {
  ChangeOrderSeqNumber?: string | undefined;
  POChangeDate?: string | undefined;
}

function stampOf(document: AuditDocument): ChangeStamp {
  const stamp = document.metadata?.change;
  if (typeof stamp !== "object" || stamp === null || Array.isArray(stamp)) return {};
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { ChangeOrderSeqNumber: text(stamp.sequence), POChangeDate: text(stamp.date) };
}

function describeStamp(stamp: ChangeStamp): string {
  const parts = [
    stamp.ChangeOrderSeqNumber ? `ChangeOrderSeqNumber ${stamp.ChangeOrderSeqNumber}` : undefined,
    stamp.POChangeDate ? `POChangeDate ${stamp.POChangeDate}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "no sequence or date";
}

/**
 * Takes one 860 (RSX OrderChange) to its X3 effect on the order created for its PO: parse, validate, then, under the
 * PO's lock and claim, find the order, check that the change is newer than the last one applied, and either close
 * the order (TsetPurposeCode 01) or bring it to the order as changed (the 850, the changes applied before, this one)
 * with one `$edit`, inside the ledger. An 860 whose order is not there yet waits (stays `received`, its file in the
 * mailbox) for `changeWaitMs`, then is rejected.
 */
export async function processChangePayload(
  deps: OrderProcessingDeps,
  payload: Uint8Array,
  source: { fileName: string; existing?: AuditDocument | undefined },
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  const { audit, events } = deps;
  const parsed = parseInbound(deps, payload, source.fileName, "OrderChange");
  const waitingSince = source.existing?.metadata?.waitingSince;
  const keep: JsonObject = typeof waitingSince === "string" ? { waitingSince } : {};
  if (!parsed.ok) {
    const hint = guessIdentity(payload);
    const document = await upsertDocument(audit, payload, source, {
      type: "860",
      partnerId: hint.partnerId ?? "unknown",
      naturalKey: `file:${source.fileName}`,
      poNumber: hint.po,
      metadata: rsxMetadata(parsed),
    });
    return reject(deps, document, parsed.issues.map(toReason));
  }

  const change = parsed.document as OrderChange;
  const header = change.Header.OrderHeader;
  const partnerId = header.TradingPartnerId;
  const po = header.PurchaseOrderNumber;
  const purpose = header.TsetPurposeCode ?? "04";
  const stamp: ChangeStamp = { ChangeOrderSeqNumber: header.ChangeOrderSeqNumber, POChangeDate: header.POChangeDate };
  const metadata: JsonObject = {
    ...rsxMetadata(parsed),
    change: {
      ...(stamp.ChangeOrderSeqNumber ? { sequence: stamp.ChangeOrderSeqNumber } : {}),
      ...(stamp.POChangeDate ? { date: stamp.POChangeDate } : {}),
    },
    ...keep,
  };

  const badIdentifiers = await rejectBadIdentifiers(deps, payload, source, {
    type: "860",
    partnerId,
    po,
    purposeCode: purpose,
    metadata,
  });
  if (badIdentifiers) return badIdentifiers;

  const poKey = orderNaturalKey(partnerId, po);
  let document = await upsertDocument(audit, payload, source, {
    type: "860",
    partnerId,
    naturalKey: `860:${partnerId}:${po}`,
    poNumber: po,
    purposeCode: purpose,
    metadata,
  });
  events.emit({ type: "document.received", flow: ORDERS_IN, documentId: document.id, naturalKey: document.naturalKey });

  const ruleSets = ruleSetsFor(deps, partnerId);
  if (ruleSets.length > 0) {
    const validated = validateRsx("OrderChange", change, { rules: ruleSets, lenient: deps.options.lenient ?? false });
    if (!validated.ok) return reject(deps, document, validated.issues.map(toReason));
  }

  return deps.keyLock.run(poKey, () => withPoClaim(deps, poKey, document, signal, (guard) => applyChange(guard)));

  async function applyChange(guard: ClaimGuard): Promise<ProcessedOrder> {
    if (purpose === "07") {
      document = await audit.updateDocument(document.id, {
        status: "duplicate",
        reasons: [
          {
            path: PURPOSE,
            code: "purpose_duplicate",
            message: "TsetPurposeCode 07 (duplicate): recorded and ignored.",
          },
        ],
      });
      events.emit({
        type: "document.duplicate",
        flow: ORDERS_IN,
        documentId: document.id,
        naturalKey: document.naturalKey,
      });
      return { document, outcome: "duplicate" };
    }
    // 00 (the change document's original, as some retailers send it), 04 and 05 all carry line changes.
    if (!["00", "01", "04", "05"].includes(purpose)) {
      return reject(deps, document, [
        {
          path: PURPOSE,
          code: "unsupported_purpose",
          message: `TsetPurposeCode ${purpose} is not handled for an 860 (00 or 04 change, 05 replace, 01 cancel, 07 duplicate are).`,
        },
      ]);
    }
    const partner = await deps.mappings.getPartner(partnerId);
    if (!partner) {
      return reject(deps, document, [
        {
          path: "Header.OrderHeader.TradingPartnerId",
          code: "unknown_partner",
          message: `Trading partner "${partnerId}" is not mapped: add it to the partner mappings (partners.csv).`,
        },
      ]);
    }
    const partyCode = (partner.orderKind === "purchase" ? partner.x3Supplier : partner.x3Customer) ?? "";
    try {
      const base = await audit.newestRevision(poKey, { type: "850", statuses: ["created", "updated"] });
      const existing = base
        ? await findExisting(deps, { kind: partner.orderKind, partyCode, reference: po }, partnerId, po, signal)
        : undefined;
      if (!base || !existing) {
        return wait(deps, document, {
          path: PO_NUMBER,
          code: "waiting_for_order",
          message: `This 860 changes PO ${po}, whose ${partner.orderKind} order this connector has not created in X3 yet.`,
        });
      }
      const cancelled = await audit.findDocuments({ partnerId, poNumber: po, status: "cancelled", limit: 1 });
      const cancel = cancelled.items.find((other) => other.seq > base.seq && other.id !== document.id);
      if (cancel) {
        return reject(deps, document, [
          {
            path: PO_NUMBER,
            code: "order_cancelled",
            message: `PO ${po} was cancelled (document ${cancel.id}): its X3 order ${existing.key} is closed and takes no change.`,
          },
        ]);
      }
      const contentSha256 = sha256Hex(payload);
      const sameContent = await audit.getEffect(changeOrderEffect.key({ partnerId, po, contentSha256 }));
      if (sameContent?.state === "done" && sameContent.documentId && sameContent.documentId !== document.id) {
        return markDuplicate(deps, document, existing.key, sameContent.documentId, {
          path: "",
          code: "already_applied",
          message: `The same change was applied from document ${sameContent.documentId}.`,
        });
      }
      const applied = await audit.findDocuments({
        type: "860",
        partnerId,
        poNumber: po,
        status: ["updated", "cancelled"],
        limit: 1,
      });
      const last = applied.items.find((other) => other.id !== document.id);
      if (last && isStaleChange(stamp, stampOf(last))) {
        return reject(deps, document, [
          {
            path: "Header.OrderHeader.ChangeOrderSeqNumber",
            code: "change_out_of_order",
            message: `This change (${describeStamp(stamp)}) is not newer than the last one applied to PO ${po} (document ${last.id}: ${describeStamp(stampOf(last))}): applying it would undo a later change.`,
          },
        ]);
      }
      const inHand = await audit.findDocuments({
        type: "860",
        partnerId,
        poNumber: po,
        status: ["received", "failed"],
        limit: 100,
      });
      const earlier = inHand.items.find(
        (other) =>
          other.id !== document.id && isStaleChange(stampOf(other), stamp) && !isStaleChange(stamp, stampOf(other)),
      );
      if (earlier) {
        return wait(deps, document, {
          path: "Header.OrderHeader.ChangeOrderSeqNumber",
          code: "waiting_for_earlier_change",
          message: `An earlier change of PO ${po} (document ${earlier.id}: ${describeStamp(stampOf(earlier))}) is not applied yet: this one waits for it.`,
        });
      }
      await audit.link({ kind: "document", id: document.id }, { kind: "document", id: base.id }, "revises");

      if (purpose === "01") return await closeOrder(deps, document, partnerId, po, existing, guard, signal);

      const asChanged = await readOrderAsChanged(audit, base);
      if (!asChanged.ok)
        return reject(deps, document, [{ path: "", code: "order_unreadable", message: asChanged.message }]);
      const changed = applyOrderChange(asChanged.order, change);
      if (!changed.ok) return reject(deps, document, changed.reasons);
      const mapped = await mapOrder(changed.order, deps.mappings);
      if (!mapped.ok) {
        return reject(
          deps,
          document,
          mapped.reasons.map((reason) => ({ ...reason, message: `In the order as changed: ${reason.message}` })),
        );
      }
      const done = await editOrder(
        deps,
        document,
        {
          kind: "change",
          partnerId,
          po,
          contentSha256,
          existing,
          // A change never takes back what X3 delivered: such a change is refused, not turned into a closed line.
          draft: { ...mapped.draft, deliveredLines: "refuse" },
        },
        guard,
        signal,
      );
      if ((done.via === "earlier" || done.via === "reconciled") && done.documentId && done.documentId !== document.id) {
        return markDuplicate(deps, document, existing.key, done.documentId, {
          path: "",
          code: "already_applied",
          message: `The same change was applied from document ${done.documentId}.`,
        });
      }
      return settle(deps, document, "updated", existing.kind, existing.key, changed.notApplied);
    } catch (error) {
      if (error instanceof ClaimLostError) return { document, outcome: "skipped" };
      return failOrReject(deps, document, error);
    }
  }
}

/**
 * Leaves an 860 in the mailbox for the next run (status `received`, with why), from the first time it waited until
 * `changeWaitMs` have passed by the injected clock; then rejects it with the same reason.
 */
async function wait(deps: OrderProcessingDeps, document: AuditDocument, reason: Reason): Promise<ProcessedOrder> {
  const now = (deps.options.now ?? (() => new Date()))().getTime();
  const recorded = document.metadata?.waitingSince;
  const since = typeof recorded === "string" && !Number.isNaN(Date.parse(recorded)) ? Date.parse(recorded) : now;
  const waitMs = deps.options.changeWaitMs ?? DEFAULT_CHANGE_WAIT_MS;
  const until = new Date(since + waitMs).toISOString();
  if (now - since >= waitMs) {
    return reject(deps, document, [
      {
        ...reason,
        code: reason.code === "waiting_for_order" ? "order_not_found" : "earlier_change_not_applied",
        message: `${reason.message} Waited since ${new Date(since).toISOString()} (changeWaitMs ${waitMs} ms): rejected. Replay it once the order or the earlier change is through.`,
      },
    ]);
  }
  const updated = await deps.audit.updateDocument(document.id, {
    status: "received",
    reasons: [
      { ...reason, message: `${reason.message} It stays in the mailbox and is retried each run until ${until}.` },
    ],
    metadata: { ...document.metadata, waitingSince: new Date(since).toISOString() },
  });
  return { document: updated, outcome: "skipped" };
}
