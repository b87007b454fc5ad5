import type { RsxDocumentType } from "../schemas/index.js";

type Obj = Readonly<Record<string, unknown>>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** A document type guessed from a JSON document's shape, with the path that gave it away. */
export interface JsonTypeGuess {
  readonly type: RsxDocumentType;
  /** e.g. `Header.ShipmentHeader`, `LineItem[0].LineItemAcknowledgement`; "" when nothing but an OrderHeader is there. */
  readonly evidence: string;
}

/**
 * Guesses the document type of a JSON document from its shape: the `*Header` name, then the fields that only an
 * 855 (LineItemAcknowledgement, AcknowledgementNumber...) or an 860 (ChangeOrderSeqNumber, LineChangeCode...) has.
 * Returns undefined when nothing RSX-like is there.
 */
export function guessJsonType(value: Obj): JsonTypeGuess | undefined {
  const header = obj(value.Header);
  if (header?.ShipmentHeader !== undefined) return { type: "Shipment", evidence: "Header.ShipmentHeader" };
  if (value.OrderLevel !== undefined) return { type: "Shipment", evidence: "OrderLevel" };
  if (header?.InvoiceHeader !== undefined) return { type: "Invoice", evidence: "Header.InvoiceHeader" };
  const orderHeader = obj(header?.OrderHeader);
  if (!orderHeader) return undefined;
  const lines = Array.isArray(value.LineItem) ? value.LineItem : [];
  const lineWith = (group: string, key?: string): string | undefined => {
    const index = lines.findIndex((line) => {
      const o = obj(line);
      if (!o) return false;
      if (key === undefined) return o[group] !== undefined;
      return obj(o[group])?.[key] !== undefined;
    });
    return index < 0 ? undefined : `LineItem[${index}].${group}${key === undefined ? "" : `.${key}`}`;
  };
  const ackHeaderKey = [
    "AcknowledgementNumber",
    "AcknowledgementDate",
    "AcknowledgementTime",
    "InternalOrderNumber",
  ].find((k) => orderHeader[k] !== undefined);
  const ackLine = lineWith("LineItemAcknowledgement");
  if (ackHeaderKey !== undefined || ackLine !== undefined) {
    return { type: "OrderAck", evidence: ackLine ?? `Header.OrderHeader.${ackHeaderKey}` };
  }
  const changeHeaderKey = ["ChangeOrderSeqNumber", "POChangeDate"].find((k) => orderHeader[k] !== undefined);
  const changeLine = lineWith("OrderLine", "LineChangeCode") ?? lineWith("OrderLine", "PreviousOrderQty");
  if (changeHeaderKey !== undefined || changeLine !== undefined) {
    return { type: "OrderChange", evidence: changeLine ?? `Header.OrderHeader.${changeHeaderKey}` };
  }
  return { type: "Order", evidence: "" };
}

/** The document type of a JSON document from its shape (see `guessJsonType`), or undefined. */
export function detectJsonType(value: Obj): RsxDocumentType | undefined {
  return guessJsonType(value)?.type;
}
