import type { Order, OrderChange, OrderChangeLineItem, OrderLineItem } from "@ml-connector/rsx";
import type { Reason } from "@ml-connector/state";

/**
 * How an 860 (RSX OrderChange) changes a purchase order: the order as the retailer wants it now, from the order as
 * it stood (the 850, with the changes applied before) and the change. Pure, so orders-in (to bring the X3 order to it)
 * and acks-out (to acknowledge the order as changed) read one and the same order.
 */
export type OrderChangeResult = { ok: true; order: Order } | { ok: false; reasons: Reason[] };

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

/** Header fields of the 860 that, when present, replace the order's. */
const headerFields = [
  "ShipCompleteCode",
  "BuyersCurrency",
  "Department",
  "DepartmentDescription",
  "Vendor",
  "Division",
  "CustomerAccountNumber",
  "CustomerOrderNumber",
  "ReleaseNumber",
] as const;

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
 * e.g. the ship-to) and a few header fields replace the order's. Lines are matched by `LineSequenceNumber` and changed
 * by their `LineChangeCode` (see `lineChangeCodes`). Every problem is reported with its path; nothing is half-applied.
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
  };
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

/**
 * Whether change `a` is not newer than change `b` (the last applied) by the retailer's numbering: ChangeOrderSeqNumber when both carry a
 * number, else POChangeDate when both carry one (two changes of one day apply in the order they arrive), else
 * neither is older (arrival order).
 */
export function isStaleChange(
  a: { ChangeOrderSeqNumber?: string | undefined; POChangeDate?: string | undefined },
  b: { ChangeOrderSeqNumber?: string | undefined; POChangeDate?: string | undefined },
): boolean {
  const seqA = Number(a.ChangeOrderSeqNumber);
  const seqB = Number(b.ChangeOrderSeqNumber);
  if (a.ChangeOrderSeqNumber && b.ChangeOrderSeqNumber && Number.isFinite(seqA) && Number.isFinite(seqB)) {
    return seqA <= seqB;
  }
  if (a.POChangeDate && b.POChangeDate) return a.POChangeDate < b.POChangeDate;
  return false;
}
