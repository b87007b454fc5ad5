import type { RsxDocumentType } from "../schemas/index.js";

type Obj = Readonly<Record<string, unknown>>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined;
}

/**
 * Guesses the document type of a JSON document from its shape: the `*Header` name, then the fields that only an
 * 855 (LineItemAcknowledgement, AcknowledgementNumber...) or an 860 (ChangeOrderSeqNumber, LineChangeCode...) has.
 * Returns undefined when nothing RSX-like is there.
 */
export function detectJsonType(value: Obj): RsxDocumentType | undefined {
  const header = obj(value.Header);
  if (header?.ShipmentHeader !== undefined || value.OrderLevel !== undefined) return "Shipment";
  if (header?.InvoiceHeader !== undefined) return "Invoice";
  const orderHeader = obj(header?.OrderHeader);
  if (!orderHeader) return undefined;
  const lines = Array.isArray(value.LineItem) ? value.LineItem : [];
  const lineHas = (group: string, key?: string): boolean =>
    lines.some((line) => {
      const o = obj(line);
      if (!o) return false;
      if (key === undefined) return o[group] !== undefined;
      return obj(o[group])?.[key] !== undefined;
    });
  if (
    ["AcknowledgementNumber", "AcknowledgementDate", "AcknowledgementTime", "InternalOrderNumber"].some(
      (k) => orderHeader[k] !== undefined,
    ) ||
    lineHas("LineItemAcknowledgement")
  ) {
    return "OrderAck";
  }
  if (
    ["ChangeOrderSeqNumber", "POChangeDate"].some((k) => orderHeader[k] !== undefined) ||
    lineHas("OrderLine", "LineChangeCode") ||
    lineHas("OrderLine", "PreviousOrderQty")
  ) {
    return "OrderChange";
  }
  return "Order";
}
