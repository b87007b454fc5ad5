import { isDeepStrictEqual } from "node:util";
import type { Order, OrderChange, OrderChangeLineItem, OrderLineItem } from "@ml-connector/rsx";
import type { Reason } from "@ml-connector/state";
import { requestedDateOf, requestedDateQualifiers } from "./map-order.js";

/**
 * How an 860 (RSX OrderChange) changes a purchase order: the order as the retailer wants it now, from the order as
 * it stood (the 850, with the changes applied before) and the change. Pure, so orders-in (to bring the X3 order to it)
 * and acks-out (to acknowledge the order as changed) read one and the same order.
 */
export type OrderChangeResult =
  | {
      ok: true;
      order: Order;
      /**
       * What the 860's header changes and the X3 order does not take (code `change_not_applied`), one warning per
       * field or group, with its path: kept on the 860's audit record so that nothing the retailer sent is dropped
       * without a word.
       */
      notApplied: Reason[];
    }
  | { ok: false; reasons: Reason[] };

/** LineChangeCode values orders-in applies, by what they do to the line. */
export const lineChangeCodes = {
  /** A new line. */
  add: ["AI"],
  /** The line removed. */
  delete: ["DI"],
  /** Quantity (OrderQty, else the previous quantity plus or minus VarianceQty), price, dates or all of them. */
  change: ["CA", "CT", "PC", "PQ", "PR", "QD", "QI", "RQ", "RS"],
  /** The line replaced by the one sent (another item, or all values). */
  replace: ["RA", "RB", "RZ"],
  /** Sent for context: nothing changes. */
  none: ["NC"],
} as const;

const allCodes = Object.values(lineChangeCodes).flat() as readonly string[];

/** OrderHeader fields that say which order and which change an 860 is: read, not changes to apply. */
const changeIdentityFields: ReadonlySet<string> = new Set([
  "TradingPartnerId",
  "PurchaseOrderNumber",
  "TsetPurposeCode",
  "ChangeOrderSeqNumber",
  "POChangeDate",
]);

/** OrderHeader fields the 850's mapping sends to X3 (ORDDAT, CUR, the cost-centre dimensions): an 860 changes them. */
const mappedHeaderFields = ["PurchaseOrderDate", "BuyersCurrency", "Department"] as const;

/** OrderHeader fields X3 has no place for but the 855 echoes: an 860 changes them on the order as changed. */
const echoedHeaderFields = [
  "ShipCompleteCode",
  "DepartmentDescription",
  "Vendor",
  "Division",
  "CustomerAccountNumber",
  "CustomerOrderNumber",
  "ReleaseNumber",
] as const;

const headerFields = [...mappedHeaderFields, ...echoedHeaderFields];

/** Fields of an 860 line that describe the change, not the line: never copied onto the order. */
const changeOnlyFields = new Set(["LineChangeCode", "PreviousOrderQty", "VarianceQty"]);

function withoutChangeFields(line: NonNullable<OrderChangeLineItem["OrderLine"]>) {
  return Object.fromEntries(Object.entries(line).filter(([field]) => !changeOnlyFields.has(field)));
}

/** Merges a list of groups by a key: the change's entries replace the order's with the same key, others are added. */
function mergeBy<T>(
  current: readonly T[] | undefined,
  changes: readonly T[] | undefined,
  key: (entry: T) => unknown,
): T[] | undefined {
  if (!changes || changes.length === 0) return current ? [...current] : undefined;
  const merged = [...(current ?? [])];
  for (const change of changes) {
    const index = merged.findIndex((entry) => key(entry) === key(change));
    if (index >= 0) merged[index] = change;
    else merged.push(change);
  }
  return merged;
}

/**
 * Applies one 860 to an order. Header: `Dates` (by qualifier, e.g. the requested delivery date), `Address` (by type,
 * e.g. the ship-to) and the header fields the 850 maps to X3 or the 855 echoes replace the order's; the rest of the
 * header is reported in `notApplied`. Lines are matched by `LineSequenceNumber` and changed by their `LineChangeCode`
 * (see `lineChangeCodes`). Every problem is reported with its path; nothing is half-applied.
 */
export function applyOrderChange(order: Order, change: OrderChange): OrderChangeResult {
  const reasons: Reason[] = [];
  const changeHeader = change.Header.OrderHeader;
  const orderHeader: Record<string, unknown> = { ...order.Header.OrderHeader };
  for (const field of headerFields) {
    if (changeHeader[field] !== undefined) orderHeader[field] = changeHeader[field];
  }
  const header = {
    ...order.Header,
    OrderHeader: orderHeader as Order["Header"]["OrderHeader"],
    Dates: mergeBy(order.Header.Dates, change.Header.Dates, (date) => date.DateTimeQualifier),
    Address: mergeBy(order.Header.Address, change.Header.Address, (address) => address.AddressTypeCode),
  } as Order["Header"];

  const lines: OrderLineItem[] = [...(order.LineItem ?? [])];
  const lineWarnings: Reason[] = [];
  const indexOf = (sequence: string) => lines.findIndex((item) => item.OrderLine?.LineSequenceNumber === sequence);
  for (const [position, item] of (change.LineItem ?? []).entries()) {
    const path = `LineItem[${position}].OrderLine`;
    const line = item.OrderLine;
    if (!line) {
      reasons.push({ path, code: "required", message: "The changed line has no OrderLine." });
      continue;
    }
    const code = line.LineChangeCode;
    const sequence = line.LineSequenceNumber;
    if (code === undefined) {
      reasons.push({
        path: `${path}.LineChangeCode`,
        code: "missing_line_change_code",
        message: `Line ${sequence ?? position + 1} has no LineChangeCode: what to do with it is unknown.`,
      });
      continue;
    }
    if (!allCodes.includes(code)) {
      reasons.push({
        path: `${path}.LineChangeCode`,
        code: "unsupported_line_change",
        message: `LineChangeCode ${code} is not applied by orders-in (it applies ${allCodes.join(", ")}).`,
      });
      continue;
    }
    if (sequence === undefined) {
      reasons.push({
        path: `${path}.LineSequenceNumber`,
        code: "line_not_identified",
        message: `A ${code} line needs a LineSequenceNumber: it is how the line is found in the order.`,
      });
      continue;
    }
    const index = indexOf(sequence);
    const { OrderLine: _line, ...groups } = item;
    if ((lineChangeCodes.add as readonly string[]).includes(code)) {
      if (index >= 0) {
        reasons.push({
          path: `${path}.LineSequenceNumber`,
          code: "line_exists",
          message: `Line ${sequence} is added (AI) but the order has a line ${sequence} already.`,
        });
        continue;
      }
      lines.push({ ...groups, OrderLine: withoutChangeFields(line) } as OrderLineItem);
      continue;
    }
    if (index < 0) {
      reasons.push({
        path: `${path}.LineSequenceNumber`,
        code: "unknown_line",
        message: `Line ${sequence} (${code}) is not a line of the order.`,
      });
      continue;
    }
    if ((lineChangeCodes.none as readonly string[]).includes(code)) continue;
    if ((lineChangeCodes.delete as readonly string[]).includes(code)) {
      lines.splice(index, 1);
      continue;
    }
    const current = lines[index] as OrderLineItem;
    if ((lineChangeCodes.replace as readonly string[]).includes(code)) {
      lineWarnings.push(...lineGroupsNotApplied(current, groups, position, sequence));
      lines[index] = { ...groups, OrderLine: withoutChangeFields(line) } as OrderLineItem;
      continue;
    }
    const quantity = changedQuantity(current.OrderLine?.OrderQty, line);
    if (["PC", "PQ", "PR"].includes(code) && line.PurchasePrice === undefined) {
      reasons.push({
        path: `${path}.PurchasePrice`,
        code: "missing_price",
        message: `Line ${sequence} is a price change (${code}) without a PurchasePrice.`,
      });
      continue;
    }
    if (quantity !== undefined && quantity <= 0) {
      // A quantity cut to nothing leaves nothing to ship: the line goes, as a DI would.
      lines.splice(index, 1);
      continue;
    }
    lineWarnings.push(...lineGroupsNotApplied(current, groups, position, sequence));
    const merged: OrderLineItem = { ...current, ...groups };
    if (item.Dates) merged.Dates = mergeBy(current.Dates, item.Dates, (date) => date.DateTimeQualifier);
    merged.OrderLine = {
      ...current.OrderLine,
      ...withoutChangeFields(line),
      ...(quantity === undefined ? {} : { OrderQty: quantity }),
    } as OrderLineItem["OrderLine"];
    lines[index] = merged;
  }
  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    order: {
      ...order,
      Header: header,
      LineItem: lines,
      Summary: { ...order.Summary, TotalLineItemNumber: lines.length },
    } as Order,
    notApplied: [...headerChangesNotApplied(order, change, header), ...lineWarnings],
  };
}

/**
 * The groups of a changed line (Dates, Notes, References, descriptions...) that differ from the order's line: the
 * 850's mapping sends only OrderLine fields of a line to X3, so these stay on the order as changed and are reported.
 */
function lineGroupsNotApplied(
  current: OrderLineItem,
  groups: Record<string, unknown>,
  position: number,
  sequence: string,
): Reason[] {
  const was = current as Record<string, unknown>;
  return Object.entries(groups)
    .filter(([, value]) => value !== undefined)
    .filter(([group, value]) => {
      // A list restated in part (one date of two, say) changes nothing: only entries the line does not hold count.
      if (Array.isArray(value) && Array.isArray(was[group])) {
        const known = was[group] as unknown[];
        return value.some((entry) => !known.some((other) => isDeepStrictEqual(other, entry)));
      }
      return !isDeepStrictEqual(was[group], value);
    })
    .map(([group]) => ({
      path: `LineItem[${position}].${group}`,
      code: "change_not_applied",
      message: `${group} of line ${sequence} changed: not applied to the Sage X3 order (no X3 field is mapped from a line's ${group}); kept on the order as changed.`,
    }));
}

const show = (value: unknown) => (typeof value === "string" ? `"${value}"` : JSON.stringify(value));

/**
 * The header changes of `change` that do not reach the X3 order: every OrderHeader field, date, address and group
 * that differs from the order before the change (`before`) and that the 850's mapping does not send to X3. `after`
 * is the header as changed (which date X3 takes as the requested one depends on all of them).
 */
function headerChangesNotApplied(before: Order, change: OrderChange, after: Order["Header"]): Reason[] {
  const warnings: Reason[] = [];
  const notApplied = (path: string, message: string) => warnings.push({ path, code: "change_not_applied", message });
  const was = before.Header.OrderHeader as Record<string, unknown>;
  for (const [field, value] of Object.entries(change.Header.OrderHeader)) {
    if (value === undefined || changeIdentityFields.has(field)) continue;
    if ((mappedHeaderFields as readonly string[]).includes(field) || isDeepStrictEqual(was[field], value)) continue;
    notApplied(
      `Header.OrderHeader.${field}`,
      (echoedHeaderFields as readonly string[]).includes(field)
        ? `${field} changed to ${show(value)}: not applied to the Sage X3 order (no X3 field is mapped from it); kept on the order as changed, which the 855 echoes.`
        : `${field} changed to ${show(value)}: not applied (no X3 field is mapped from it, and the 855 does not echo it).`,
    );
  }

  const requested = requestedDateOf(after.Dates);
  for (const [index, date] of (change.Header.Dates ?? []).entries()) {
    const previous = before.Header.Dates?.find((other) => other.DateTimeQualifier === date.DateTimeQualifier);
    if (isDeepStrictEqual(previous, date) || date.DateTimeQualifier === requested?.DateTimeQualifier) continue;
    const what = `Date ${date.DateTimeQualifier} (${date.Date ?? "no date"})`;
    notApplied(
      `Header.Dates[${index}]`,
      requestedDateQualifiers.includes(date.DateTimeQualifier ?? "")
        ? `${what}: not applied to the Sage X3 order, whose requested delivery date comes from date ${requested?.DateTimeQualifier}; kept on the order as changed, which the 855 echoes.`
        : `${what}: not applied to the Sage X3 order (only a requested delivery date, qualifier ${requestedDateQualifiers.join(", ")}, is); kept on the order as changed, which the 855 echoes.`,
    );
  }

  for (const [index, address] of (change.Header.Address ?? []).entries()) {
    const previous = before.Header.Address?.find((other) => other.AddressTypeCode === address.AddressTypeCode);
    if (isDeepStrictEqual(previous, address)) continue;
    const path = `Header.Address[${index}]`;
    if (address.AddressTypeCode !== "ST") {
      notApplied(
        path,
        `Address ${address.AddressTypeCode}: not applied to the Sage X3 order (only the ship-to, ST, is); kept on the order as changed, which the 855 echoes.`,
      );
    } else if (!address.AddressLocationNumber) {
      notApplied(
        path,
        "The ship-to has no AddressLocationNumber: not applied to the Sage X3 order, whose ship-to address is found by location number (ship-to mappings).",
      );
    } else if (address.AddressLocationNumber === previous?.AddressLocationNumber) {
      notApplied(
        path,
        `The ship-to's name or address lines changed, its location ${address.AddressLocationNumber} did not: not applied to the Sage X3 order, which keeps the address its ship-to mapping names; kept on the order as changed, which the 855 echoes.`,
      );
    }
  }

  const beforeGroups = before.Header as Record<string, unknown>;
  for (const [group, entries] of Object.entries(change.Header)) {
    if (group === "OrderHeader" || group === "Dates" || group === "Address" || !Array.isArray(entries)) continue;
    const known = Array.isArray(beforeGroups[group]) ? (beforeGroups[group] as unknown[]) : [];
    const changed = entries.filter((entry) => !known.some((other) => isDeepStrictEqual(other, entry)));
    if (changed.length === 0) continue;
    notApplied(
      `Header.${group}`,
      `${changed.length} ${group} ${changed.length === 1 ? "entry" : "entries"} changed or added: not applied (no X3 field is mapped from ${group}, and the 855 does not echo it).`,
    );
  }
  return warnings;
}

/** The line's quantity after the change: OrderQty when sent, else the current one moved by VarianceQty. */
function changedQuantity(
  current: number | undefined,
  line: NonNullable<OrderChangeLineItem["OrderLine"]>,
): number | undefined {
  if (line.OrderQty !== undefined) return line.OrderQty;
  if (line.VarianceQty === undefined) return undefined;
  const base = current ?? line.PreviousOrderQty ?? 0;
  const variance = Math.abs(line.VarianceQty);
  if (line.LineChangeCode === "QD") return base - variance;
  if (line.LineChangeCode === "QI") return base + variance;
  return base + line.VarianceQty;
}

/** Where a change stands in the retailer's numbering (`ChangeOrderSeqNumber`, `POChangeDate`). */
export interface ChangeStamp {
  ChangeOrderSeqNumber?: string | undefined;
  POChangeDate?: string | undefined;
}

/** The change's ChangeOrderSeqNumber as a number, when it is one. */
export function changeSequenceNumber(stamp: ChangeStamp): number | undefined {
  const text = stamp.ChangeOrderSeqNumber?.trim();
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * How two changes of one PO stand in the retailer's order: negative when `a` comes first, 0 when the retailer's
 * numbering does not tell (they keep the order they arrived in). By ChangeOrderSeqNumber when both carry a number,
 * else (or when the numbers are equal) by POChangeDate when both carry one.
 */
export function compareChangeStamps(a: ChangeStamp, b: ChangeStamp): number {
  const seqA = changeSequenceNumber(a);
  const seqB = changeSequenceNumber(b);
  if (seqA !== undefined && seqB !== undefined && seqA !== seqB) return seqA - seqB;
  if (a.POChangeDate && b.POChangeDate && a.POChangeDate !== b.POChangeDate) {
    return a.POChangeDate < b.POChangeDate ? -1 : 1;
  }
  return 0;
}
