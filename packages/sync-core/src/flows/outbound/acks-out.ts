import { buildOrderAck, type LineDecision, type LineRef, type Order } from "@ml-connector/rsx";
import type { JsonValue } from "@ml-connector/state";
import type { X3SalesOrder, X3SalesOrderLine } from "../../ports/x3-change-feed.js";
import type { OutboundFlowDefinition } from "./outbound-flow.js";
import type { OutboundDeps, OutboundSettings } from "./publish.js";
import { findSourceOrder, pairLines, withoutSource } from "./source-order.js";

export type AcksOutSettings = OutboundSettings;

const cents = 0.005;

/**
 * What X3 did with each 850 line, as 855 line decisions:
 * - IA accepted as ordered; IQ accepted with a changed quantity (X3 cut it); IP accepted at another price;
 * - IB the part not yet allocated (backordered); IR a closed line with nothing shipped, or the unshipped rest of one;
 * - a line X3 partly allocated is split into several entries (e.g. 15 IA + 9 IB);
 * - 850 lines without an X3 line are rejected (`unlisted: "reject"`).
 */
export function decideLines(
  order: Order,
  lines: readonly X3SalesOrderLine[],
  pairs: ReadonlyMap<number, LineRef>,
): LineDecision[] {
  const items = order.LineItem ?? [];
  const decisions: LineDecision[] = [];
  for (const line of [...lines].sort((a, b) => a.lineNumber - b.lineNumber)) {
    const ref = pairs.get(line.lineNumber);
    if (ref === undefined) continue;
    const orderLine = typeof ref === "number" ? items[ref]?.OrderLine : undefined;
    const ordered = orderLine?.OrderQty ?? line.quantity;
    const orderedPrice = orderLine?.PurchasePrice;
    // X3 may not ship more than was ordered: a raised quantity is acknowledged as ordered.
    const planned = Math.min(line.quantity, ordered);
    if (planned <= 0 || (line.closed && line.allocatedQuantity <= 0)) {
      decisions.push({ line: ref, status: "IR", quantity: ordered });
      continue;
    }
    const accepted = Math.min(line.allocatedQuantity, planned);
    const rest = planned - accepted;
    const quantityChanged = planned < ordered;
    const priceChanged =
      line.unitPrice !== undefined && orderedPrice !== undefined && Math.abs(line.unitPrice - orderedPrice) > cents;
    const price = priceChanged ? { unitPrice: line.unitPrice } : {};
    if (accepted > 0) {
      decisions.push({
        line: ref,
        status: quantityChanged ? "IQ" : priceChanged ? "IP" : "IA",
        quantity: accepted,
        ...price,
      });
    }
    if (rest > 0) {
      decisions.push(
        line.closed
          ? { line: ref, status: "IR", quantity: rest }
          : { line: ref, status: "IB", quantity: rest, ...price, ...(line.shipDate ? { date: line.shipDate } : {}) },
      );
    }
    if (quantityChanged && accepted <= 0) decisions.push({ line: ref, status: "IR", quantity: ordered - planned });
  }
  return decisions;
}

function decisionsJson(decisions: readonly LineDecision[]): JsonValue {
  return decisions.map((d) => ({
    line: d.line,
    status: d.status,
    quantity: d.quantity ?? null,
    unitPrice: d.unitPrice ?? null,
    date: d.date ?? null,
  }));
}

/**
 * The acks-out flow: an 855 for each SPS partner's sales order once X3 allocated or confirmed it, and a new revision
 * (TsetPurposeCode 05) after each 860 applied to it, acknowledging the order as changed.
 */
export function acksOutDefinition(
  deps: OutboundDeps,
  settings: AcksOutSettings,
): OutboundFlowDefinition<"salesOrder", "OrderAck"> {
  const today = () => (settings.now ?? (() => new Date()))().toISOString().slice(0, 10);
  return {
    name: "acks-out",
    kind: "salesOrder",
    rsxType: "OrderAck",
    documentType: "855",
    async prepare(order: X3SalesOrder) {
      if (!order.confirmed && order.allocation === "none") {
        return { kind: "skip", reason: "neither allocated nor confirmed yet" };
      }
      const found = await findSourceOrder(deps.audit, deps.mappings, order);
      if (found.kind !== "found") return withoutSource(found, order.reference);
      const source = found.source;
      const pairs = await pairLines(source, order.lines, deps.mappings);
      const decisions = decideLines(source.order, order.lines, pairs);
      return {
        kind: "draft",
        draft: {
          flow: "acks-out",
          rsxType: "OrderAck",
          x3: { entity: "SORDER", key: order.key, updatedAt: order.updatedAt },
          relation: "acknowledges",
          source,
          // Only what the retailer reads: a re-allocation that changes nothing acknowledged sends nothing.
          // Each 860 applied is acknowledged by a new revision, even one that changes no line decision (a date).
          content: {
            // The retailer's word it answers: its original PO (null, whether read from the 850 or from the order
            // keyed in X3 before it: the same answer), each replace (05), each change (860).
            order: source.orderDocument?.purposeCode === "00" ? null : (source.orderDocument?.id ?? null),
            ...(source.changes && source.changes.length > 0
              ? { changes: source.changes.map((change) => change.id) }
              : {}),
            decisions: decisionsJson(decisions),
          },
          async build({ revision }) {
            const document = buildOrderAck(source.order, decisions, {
              acknowledgementDate: today(),
              acknowledgementNumber: order.key,
              unlisted: "reject",
            });
            if (revision > 1) document.Header.OrderHeader.TsetPurposeCode = "05";
            return {
              document,
              metadata: { acknowledgementType: document.Header.OrderHeader.AcknowledgementType ?? null },
            };
          },
        },
      };
    },
  };
}
