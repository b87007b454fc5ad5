import type { AcknowledgementType, DateTimeQualifier, ItemStatusCode } from "../code-lists/index.js";
import {
  type Order,
  type OrderAck,
  type OrderAckLineItemAcknowledgement,
  orderAckHeaderGroupSchema,
  orderAckLineItemSchema,
} from "../schemas/index.js";
import { echoInto, RsxBuildError, roundMoney } from "./echo.js";
import { type LineRef, resolveLine } from "./lines.js";

/** What the supplier decided for (part of) one 850 line. Several decisions for one line split it (e.g. 3 IQ + 2 IB). */
export interface LineDecision {
  readonly line: LineRef;
  /** IA accepted, IQ quantity changed, IP price changed, IB backordered, IR rejected (any ItemStatusCode). */
  readonly status: ItemStatusCode;
  /** Quantity this entry covers; defaults to the ordered quantity. */
  readonly quantity?: number;
  /** The confirmed unit price (for IP); defaults to the 850's price. */
  readonly unitPrice?: number;
  /** Scheduled date (YYYY-MM-DD) for this quantity. */
  readonly date?: string;
  /** What the date means; "068" (scheduled ship) by default. */
  readonly dateQualifier?: DateTimeQualifier;
}

export interface OrderAckOptions {
  /** The acknowledgement date, YYYY-MM-DD (builders are pure: no clock). */
  readonly acknowledgementDate: string;
  readonly acknowledgementTime?: string;
  /** Your reference for the acknowledgement, e.g. the X3 sales order number. */
  readonly acknowledgementNumber?: string;
  /** Lines without a decision: accepted as ordered ("accept", the default), rejected ("reject"), or an error. */
  readonly unlisted?: "accept" | "reject" | "error";
}

const REJECTED = new Set<string>(["IR", "R2", "R3", "ROS", "ID", "CC"]);
const UNCHANGED = new Set<string>(["IA"]);

/**
 * AD (with detail, no change) when every line is accepted as ordered, RD (reject with detail) when every line is
 * rejected, AC (with detail and change) otherwise.
 */
export function acknowledgementTypeFor(statuses: readonly ItemStatusCode[]): AcknowledgementType {
  if (statuses.length > 0 && statuses.every((s) => UNCHANGED.has(s))) return "AD";
  if (statuses.length > 0 && statuses.every((s) => REJECTED.has(s))) return "RD";
  return "AC";
}

/**
 * Builds the 855 for an 850: echoes its header (PO number and date, vendor, department...), parties (addresses) and
 * lines (with buyer/vendor part numbers and UPC/GTIN), adds one LineItemAcknowledgement per decision, derives the
 * AcknowledgementType, and sets a consistent Summary. Pure; throws RsxBuildError when a decision contradicts the 850.
 */
export function buildOrderAck(
  order: Order,
  lineDecisions: readonly LineDecision[],
  options: OrderAckOptions,
): OrderAck {
  const items = order.LineItem ?? [];
  const byLine = new Map<number, LineDecision[]>();
  for (const decision of lineDecisions) {
    const { index } = resolveLine(order, decision.line);
    const list = byLine.get(index) ?? [];
    list.push(decision);
    byLine.set(index, list);
  }
  const statuses: ItemStatusCode[] = [];
  const lineItems = items.map((item, index) => {
    const line = item.OrderLine ?? {};
    let decisions = byLine.get(index);
    if (!decisions) {
      const unlisted = options.unlisted ?? "accept";
      if (unlisted === "error") {
        throw new RsxBuildError(`No decision for 850 line ${line.LineSequenceNumber ?? index}`);
      }
      decisions = [{ line: index, status: unlisted === "accept" ? "IA" : "IR" }];
    }
    const ordered = line.OrderQty;
    const hasQuantityChange = decisions.some((d) => d.status === "IQ");
    let covered = 0;
    const acknowledgements = decisions.map((d): OrderAckLineItemAcknowledgement => {
      const quantity = d.quantity ?? ordered;
      if (quantity === undefined || !(quantity > 0)) {
        throw new RsxBuildError(
          `Line ${line.LineSequenceNumber ?? index}: a ${d.status} entry needs a quantity greater than 0 (the 850 line has no OrderQty to default to)`,
        );
      }
      covered += quantity;
      statuses.push(d.status);
      const price = d.unitPrice ?? line.PurchasePrice;
      const entry: OrderAckLineItemAcknowledgement = {
        ...(line.LineSequenceNumber !== undefined ? { LineSequenceNumber: line.LineSequenceNumber } : {}),
        ItemStatusCode: d.status,
        ItemScheduleQty: quantity,
        ...(line.OrderQtyUOM !== undefined ? { ItemScheduleUOM: line.OrderQtyUOM } : {}),
        ...(d.date !== undefined ? { ItemScheduleQualifier: d.dateQualifier ?? "068", ItemScheduleDate: d.date } : {}),
        ...(line.BuyerPartNumber !== undefined ? { BuyerPartNumber: line.BuyerPartNumber } : {}),
        ...(line.VendorPartNumber !== undefined ? { VendorPartNumber: line.VendorPartNumber } : {}),
        ...(line.ConsumerPackageCode !== undefined ? { ConsumerPackageCode: line.ConsumerPackageCode } : {}),
        ...(line.GTIN !== undefined ? { GTIN: line.GTIN } : {}),
        ...(price !== undefined ? { PurchasePrice: price } : {}),
      };
      return entry;
    });
    if (!hasQuantityChange && ordered !== undefined && Math.abs(covered - ordered) > 1e-9) {
      throw new RsxBuildError(
        `Line ${line.LineSequenceNumber ?? index}: the entries cover ${covered} but ${ordered} were ordered; use IQ for a quantity change`,
      );
    }
    const echoed = echoInto(orderAckLineItemSchema, item) ?? {};
    return { ...echoed, LineItemAcknowledgement: acknowledgements };
  });

  const header = echoInto(orderAckHeaderGroupSchema, {
    OrderHeader: order.Header.OrderHeader,
    Dates: order.Header.Dates,
    Address: order.Header.Address,
  });
  if (!header) throw new RsxBuildError("The 850 has no OrderHeader to acknowledge");
  const orderHeader = {
    ...header.OrderHeader,
    TsetPurposeCode: "00" as const,
    ...(options.acknowledgementNumber !== undefined ? { AcknowledgementNumber: options.acknowledgementNumber } : {}),
    AcknowledgementType: acknowledgementTypeFor(statuses),
    AcknowledgementDate: options.acknowledgementDate,
    ...(options.acknowledgementTime !== undefined ? { AcknowledgementTime: options.acknowledgementTime } : {}),
  };
  let total = 0;
  let totalKnown = true;
  for (const item of lineItems) {
    const line = item.OrderLine;
    const amount =
      line?.ExtendedItemTotal ??
      (line?.OrderQty !== undefined && line.PurchasePrice !== undefined
        ? line.OrderQty * line.PurchasePrice
        : undefined);
    if (amount === undefined) totalKnown = false;
    else total += amount;
  }
  return {
    Header: { ...header, OrderHeader: orderHeader },
    LineItem: lineItems,
    Summary: {
      ...(totalKnown ? { TotalAmount: roundMoney(total) } : {}),
      TotalLineItemNumber: lineItems.length,
    },
  };
}
