import type { RsxDocumentType } from "../schemas/index.js";

type Obj = Readonly<Record<string, unknown>>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined;
}

const ACK_HEADER_KEYS = [
  "AcknowledgementNumber",
  "AcknowledgementDate",
  "AcknowledgementTime",
  "InternalOrderNumber",
] as const;
const CHANGE_HEADER_KEYS = ["ChangeOrderSeqNumber", "POChangeDate"] as const;

function firstPresent(record: Obj, keys: readonly string[]): string | undefined {
  for (const key of keys) if (record[key] !== undefined) return key;
  return undefined;
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
  // The header keys in the order they are named in the evidence, then one pass over the lines for the first line
  // holding each 855 or 860 field (no closure or array per document: this runs for every JSON file read).
  const ackHeaderKey = firstPresent(orderHeader, ACK_HEADER_KEYS);
  let ackLine = -1;
  let changeLine = -1;
  let previousQtyLine = -1;
  const lines = value.LineItem;
  if (Array.isArray(lines)) {
    for (let index = 0; index < lines.length && ackLine < 0; index++) {
      const line = obj(lines[index]);
      if (line === undefined) continue;
      if (line.LineItemAcknowledgement !== undefined) ackLine = index;
      else if (changeLine < 0) {
        const orderLine = obj(line.OrderLine);
        if (orderLine === undefined) continue;
        if (orderLine.LineChangeCode !== undefined) changeLine = index;
        else if (previousQtyLine < 0 && orderLine.PreviousOrderQty !== undefined) previousQtyLine = index;
      }
    }
  }
  if (ackHeaderKey !== undefined || ackLine >= 0) {
    return {
      type: "OrderAck",
      evidence: ackLine >= 0 ? `LineItem[${ackLine}].LineItemAcknowledgement` : `Header.OrderHeader.${ackHeaderKey}`,
    };
  }
  const changeHeaderKey = firstPresent(orderHeader, CHANGE_HEADER_KEYS);
  if (changeHeaderKey !== undefined || changeLine >= 0 || previousQtyLine >= 0) {
    return {
      type: "OrderChange",
      evidence:
        changeLine >= 0
          ? `LineItem[${changeLine}].OrderLine.LineChangeCode`
          : previousQtyLine >= 0
            ? `LineItem[${previousQtyLine}].OrderLine.PreviousOrderQty`
            : `Header.OrderHeader.${changeHeaderKey}`,
    };
  }
  return { type: "Order", evidence: "" };
}

/** The document type of a JSON document from its shape (see `guessJsonType`), or undefined. */
export function detectJsonType(value: Obj): RsxDocumentType | undefined {
  return guessJsonType(value)?.type;
}
