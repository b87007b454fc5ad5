import type { OrderChange } from "@ml-connector/rsx";
import { type AuditDocument, documentPages, type JsonObject, type Reason } from "@ml-connector/state";
import { changeOrderEffect } from "../../ledger/effects.js";
import { type ChangeStamp, changeSequenceNumber, compareChangeStamps } from "./apply-order-change.js";
import { closeOrder } from "./cancel-order.js";
import { editOrder } from "./change-order.js";
import { findExisting } from "./create-order.js";
import { mapOrder } from "./map-order.js";
import { describeStamp, ofBase, readOrderAsChanged, stampOf } from "./order-as-changed.js";
import {
  markDuplicate,
  markPurposeDuplicate,
  park,
  reject,
  rejectBadIdentifiers,
  settle,
  upsertDocument,
} from "./outcomes.js";
import { guessIdentity } from "./parking.js";
import { type ClaimGuard, effectFailed, withPoClaim } from "./po-claims.js";
import {
  DEFAULT_CHANGE_WAIT_MS,
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
} from "./processing.js";

const PURPOSE = "Header.OrderHeader.TsetPurposeCode";
const PO_NUMBER = "Header.OrderHeader.PurchaseOrderNumber";

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
  source: InboundSource,
  signal?: AbortSignal,
): Promise<ProcessedOrder> {
  const { audit, events } = deps;
  const parsed = parseInbound(deps, payload, source.fileName, "OrderChange");
  // The wait is measured from the first time the 860 waited; a replay of a rejected one starts a new wait.
  const waitingSince = source.existing?.status === "rejected" ? undefined : source.existing?.metadata?.waitingSince;
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

  const badIdentifiers = rejectBadIdentifiers(deps, payload, source, {
    type: "860",
    partnerId,
    po,
    purposeCode: purpose,
    metadata,
  });
  if (badIdentifiers) return await badIdentifiers;

  const poKey = orderNaturalKey(partnerId, po);
  const document = await upsertDocument(audit, payload, source, {
    type: "860",
    partnerId,
    naturalKey: `860:${partnerId}:${po}`,
    poNumber: po,
    purposeCode: purpose,
    metadata,
  });
  events.emit({ type: "document.received", flow: ORDERS_IN, documentId: document.id, naturalKey: document.naturalKey });

  const broken = ruleReasons(deps, "OrderChange", change, partnerId);
  if (broken.length > 0) return reject(deps, document, broken);

  return withPoClaim(deps, poKey, document, signal, applyChange);

  async function applyChange(guard: ClaimGuard): Promise<ProcessedOrder> {
    if (purpose === "07") return markPurposeDuplicate(deps, document);
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
    const counterparty = (partner.orderKind === "purchase" ? partner.x3Supplier : partner.x3Customer) ?? "";
    try {
      const base = await audit.newestRevision(poKey, { type: "850", statuses: ["created", "updated"] });
      const existing = base
        ? await findExisting(deps, { kind: partner.orderKind, counterparty, poNumber: po }, partnerId, po, signal)
        : undefined;
      if (!base || !existing) {
        return wait(deps, document, source, {
          path: PO_NUMBER,
          code: "waiting_for_order",
          message: `This 860 changes PO ${po}, whose ${partner.orderKind} order this connector has not created in X3 yet.`,
        });
      }
      const counts = await ofBase(audit, base);
      const cancelled = await audit.findDocuments({ partnerId, poNumber: po, status: "cancelled", limit: 100 });
      // An 860 01 that waited for the 850 was received before it, yet closed the order that 850 created.
      const cancel = cancelled.items.find((other) => other.id !== document.id && counts(other));
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
      const others = (
        await audit.findDocuments({ type: "860", partnerId, poNumber: po, order: "asc", limit: 1000 })
      ).items.filter((other) => other.id !== document.id);
      const sequence = changeSequenceNumber(stamp);
      const sameNumber = others.find(
        (other) =>
          other.status === "updated" &&
          counts(other) &&
          sequence !== undefined &&
          changeSequenceNumber(stampOf(other)) === sequence,
      );
      if (sameNumber) {
        return reject(deps, document, [
          {
            path: "Header.OrderHeader.ChangeOrderSeqNumber",
            code: "change_number_applied",
            message: `Change ${sequence} of PO ${po} was applied already, with other content (document ${sameNumber.id}): the retailer numbered two different changes alike. Ask which one stands.`,
          },
        ]);
      }
      // An earlier change in hand (waiting, or failed for a passing reason) goes first, for a while; after
      // changeWaitMs this one goes ahead, and the earlier one is merged in its place when it comes.
      const earlier = others.find(
        (other) =>
          (other.status === "received" ||
            other.status === "failed" ||
            (other.status === "parked" && waitingReplayCodes.some((code) => other.reasons[0]?.code === code))) &&
          compareChangeStamps(stampOf(other), stamp) < 0,
      );
      if (earlier && !waitIsOver(deps, document)) {
        return wait(deps, document, source, {
          path: "Header.OrderHeader.ChangeOrderSeqNumber",
          code: "waiting_for_earlier_change",
          message: `An earlier change of PO ${po} (document ${earlier.id}: ${describeStamp(stampOf(earlier))}) is not applied yet: this one waits for it.`,
        });
      }
      const revisesBase = () =>
        audit.link({ kind: "document", id: document.id }, { kind: "document", id: base.id }, "revises");
      if (purpose === "01") {
        await revisesBase();
        return await closeOrder(deps, document, partnerId, po, existing, guard, signal);
      }

      // The order as changed by every change applied, and this one, each in its place in the retailer's numbering.
      const asChanged = await readOrderAsChanged(audit, base, { document, change });
      if (!asChanged.ok) {
        if (asChanged.failed?.documentId !== document.id) {
          const code = asChanged.failed ? "conflicts_with_later_change" : "order_unreadable";
          return reject(deps, document, [{ path: "", code, message: asChanged.message }]);
        }
        const reasons = asChanged.failed.reasons;
        // A line this change names may come from an earlier change that has not arrived (change N-1 of a PO
        // numbered 1, 2, 3...): it waits for it, as for its order, before it is refused.
        const missing =
          sequence !== undefined &&
          sequence > 1 &&
          !others.some((other) => changeSequenceNumber(stampOf(other)) === sequence - 1) &&
          reasons.every((reason) => reason.code === "unknown_line" || reason.code === "line_exists");
        if (missing) {
          return wait(deps, document, source, {
            path: reasons[0]?.path ?? "",
            code: "waiting_for_earlier_change",
            message: `${reasons.map((reason) => reason.message).join(" ")} Change ${sequence - 1} of PO ${po}, which may account for it, has not come: this one waits for it.`,
          });
        }
        return reject(deps, document, reasons);
      }
      const mapped = await mapOrder(asChanged.order, deps.mappings);
      if (!mapped.ok) {
        return reject(
          deps,
          document,
          mapped.reasons.map((reason) => ({ ...reason, message: `In the order as changed: ${reason.message}` })),
        );
      }
      await revisesBase();
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
      return settle(deps, document, "updated", existing.kind, existing.key, asChanged.notApplied);
    } catch (error) {
      return effectFailed(deps, document, error);
    }
  }
}

/** When the 860 first waited (now, if it never did), and whether `changeWaitMs` have passed since by the injected clock. */
function waitClock(deps: OrderProcessingDeps, document: AuditDocument) {
  const now = (deps.options.now ?? (() => new Date()))().getTime();
  const recorded = document.metadata?.waitingSince;
  const since = typeof recorded === "string" && !Number.isNaN(Date.parse(recorded)) ? Date.parse(recorded) : now;
  const waitMs = deps.options.changeWaitMs ?? DEFAULT_CHANGE_WAIT_MS;
  return { since, waitMs, until: new Date(since + waitMs).toISOString(), over: now - since >= waitMs };
}

const waitIsOver = (deps: OrderProcessingDeps, document: AuditDocument) => waitClock(deps, document).over;

/** The 860s that wait for their order or an earlier change, from a replay instead of the mailbox: retried each run. */
export const waitingReplayCodes = ["waiting_for_order", "waiting_for_earlier_change"] as const;

/**
 * Leaves an 860 for the next run, with why, from the first time it waited until `changeWaitMs` have passed by the
 * injected clock; then rejects it with the same reason. From the mailbox it stays `received` and its file stays in
 * `out/`. From a replay there is no file to bring it back: it is `parked` with the reason, and each orders-in run
 * tries it again from its stored bytes (see `retryWaitingReplays`).
 */
async function wait(
  deps: OrderProcessingDeps,
  document: AuditDocument,
  source: InboundSource,
  reason: Reason,
): Promise<ProcessedOrder> {
  const { since, waitMs, until, over } = waitClock(deps, document);
  if (over) {
    return reject(deps, document, [
      {
        ...reason,
        code: reason.code === "waiting_for_order" ? "order_not_found" : "earlier_change_not_applied",
        message: `${reason.message} Waited since ${new Date(since).toISOString()} (changeWaitMs ${waitMs} ms): rejected. Replay it once the order or the earlier change is through.`,
      },
    ]);
  }
  const metadata = { ...document.metadata, waitingSince: new Date(since).toISOString() };
  if (source.replay) {
    const before = source.existing;
    if (before?.status === "parked" && sameCodes(before.reasons, [reason])) {
      // Still waiting for the same thing: said once already.
      const updated = await deps.audit.updateDocument(document.id, {
        status: "parked",
        reasons: before.reasons,
        metadata,
      });
      return { document: updated, outcome: "parked", unchanged: true };
    }
    await deps.audit.updateDocument(document.id, { metadata });
    return park(deps, document, [
      {
        ...reason,
        message: `${reason.message} It was replayed, so no file in the mailbox brings it back: each orders-in run tries it again from its stored bytes until ${until}.`,
      },
    ]);
  }
  const updated = await deps.audit.updateDocument(document.id, {
    status: "received",
    reasons: [
      { ...reason, message: `${reason.message} It stays in the mailbox and is retried each run until ${until}.` },
    ],
    metadata,
  });
  return { document: updated, outcome: "waiting" };
}

/**
 * 860s parked by a replay while they wait for their order or an earlier change: tried again from their stored bytes,
 * as a file in the mailbox would be, until they apply or their wait is over (then rejected with the reason).
 */
export async function retryWaitingReplays(
  deps: OrderProcessingDeps,
  signal: AbortSignal,
  count: (outcome: ProcessedOrder["outcome"]) => void,
): Promise<void> {
  // Every page: a backlog of more than one page must not leave the later 860s waiting forever.
  const pages = documentPages(deps.audit, { type: "860", direction: "in", status: "parked", limit: 100 });
  for await (const parked of pages) {
    for (const document of parked) {
      if (signal.aborted) return;
      if (!waitingReplayCodes.some((code) => document.reasons[0]?.code === code)) continue;
      const payload = await deps.audit.getPayload(document.id);
      if (!payload) continue;
      const source = { fileName: document.fileName ?? `${document.id}.json`, existing: document, replay: true };
      const processed = await processChangePayload(deps, payload, source, signal);
      if (!processed.unchanged) count(processed.outcome);
    }
    if (signal.aborted) return;
  }
}
