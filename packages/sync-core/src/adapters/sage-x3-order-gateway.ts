import { isSageX3Error, type SageX3Client, type SageX3Input } from "@ml-connector/sage-x3-client";
import { ConnectorError } from "@ml-connector/transport";
import type { OrderDraft, OrderGateway, OrderLineDraft, OrderRef } from "../ports/order-gateway.js";
import {
  isStaleLineRefusal,
  planLineEdit,
  purchaseLineFields,
  salesLineFields,
  sourceLineFieldProblem,
  type WantedLine,
  type X3LineEdit,
  type X3LineFields,
} from "./x3-order-edit.js";

export interface SageX3OrderGatewayOptions {
  /**
   * The X3 line field where this installation keeps the retailer's line number (LineSequenceNumber), if any: written
   * on create and used to pair lines on changes. Without it, lines pair up by item, in order.
   */
  sourceLineField?: string | undefined;
  /** Times an edit is planned again after X3 says a line it addressed is gone (someone edited meanwhile). Default 3. */
  editAttempts?: number | undefined;
}

// The bodies are built property by property, in the order X3 has always received them: a spread of a conditional
// object literal makes that object and copies it, and an order's lines made four of them each.

/** One sales order line as api1 takes it (SOHSOP), from the mapped draft. */
function salesLineProperties(
  line: OrderLineDraft,
  draft: OrderDraft,
  sourceLineField: string | undefined,
): Record<string, unknown> {
  const properties: Record<string, unknown> = { ITMREF: line.itemRef, QTY: line.quantity, SAU: line.unit };
  if (line.unitPrice !== undefined) properties.GROPRI = line.unitPrice;
  if (line.buyerPartNumber) properties.ITMREFBPC = line.buyerPartNumber;
  if (draft.requestedDeliveryDate) properties.DEMDLVDAT = draft.requestedDeliveryDate;
  if (sourceLineField) properties[sourceLineField] = line.sourceLine;
  return properties;
}

/** One purchase order line as api1 takes it (POHPOP). */
function purchaseLineProperties(
  line: OrderLineDraft,
  draft: OrderDraft,
  sourceLineField: string | undefined,
): Record<string, unknown> {
  const properties: Record<string, unknown> = { ITMREF: line.itemRef, QTYUOM: line.quantity, UOM: line.unit };
  if (line.unitPrice !== undefined) properties.GROPRI = line.unitPrice;
  // The requested date of a purchase order line is its expected receipt date, its ship-to the receiving site.
  if (draft.requestedDeliveryDate) properties.EXTRCPDAT = draft.requestedDeliveryDate;
  if (draft.shipToAddressCode) properties.PRHFCY = draft.shipToAddressCode;
  if (sourceLineField) properties[sourceLineField] = line.sourceLine;
  return properties;
}

type LineProperties = typeof salesLineProperties;

/** The draft's lines as a change plans them: each with its source line number. */
function wantedLines(draft: OrderDraft, sourceLineField: string | undefined, properties: LineProperties): WantedLine[] {
  return draft.lines.map((line) => ({
    sourceLine: line.sourceLine,
    properties: properties(line, draft, sourceLineField),
  }));
}

/** The draft's lines as a create sends them. */
function createLines(
  draft: OrderDraft,
  sourceLineField: string | undefined,
  properties: LineProperties,
): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of draft.lines) lines.push(properties(line, draft, sourceLineField));
  return lines;
}

/** The header properties whose value differs from the order as X3 has it. */
function headerChanges(current: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([field, value]) => JSON.stringify(current[field]) !== JSON.stringify(value)),
  );
}

/** Analytical dimensions as X3 keeps them: parallel DIE/CCE arrays, when the draft has any. */
function addDimensions(header: Record<string, unknown>, draft: OrderDraft): void {
  if (draft.dimensions === undefined) return;
  const types: string[] = [];
  const values: string[] = [];
  for (const type in draft.dimensions) {
    if (!Object.hasOwn(draft.dimensions, type)) continue;
    types.push(type);
    values.push(draft.dimensions[type] as string);
  }
  if (types.length === 0) return;
  header.DIE = types;
  header.CCE = values;
}

function salesOrderHeader(draft: OrderDraft): Record<string, unknown> {
  const header: Record<string, unknown> = {
    BPCORD: draft.counterparty,
    SALFCY: draft.site,
    SOHTYP: draft.orderType,
    CUR: draft.currency,
    CUSORDREF: draft.poNumber,
  };
  if (draft.orderDate) header.ORDDAT = draft.orderDate;
  if (draft.requestedDeliveryDate) header.DEMDLVDAT = draft.requestedDeliveryDate;
  if (draft.shipToAddressCode) header.BPAADD = draft.shipToAddressCode;
  addDimensions(header, draft);
  return header;
}

function purchaseOrderHeader(draft: OrderDraft): Record<string, unknown> {
  const header: Record<string, unknown> = {
    BPSNUM: draft.counterparty,
    POHFCY: draft.site,
    POHTYP: draft.orderType,
    CUR: draft.currency,
    ORDREF: draft.poNumber,
  };
  if (draft.orderDate) header.ORDDAT = draft.orderDate;
  addDimensions(header, draft);
  return header;
}

const purchaseRef = (key: string): OrderRef => ({ kind: "purchase", key });
const salesRef = (key: string): OrderRef => ({ kind: "sales", key });
const foundPurchaseOrder = (found: { POHNUM?: unknown } | undefined): OrderRef | undefined =>
  found ? purchaseRef(String(found.POHNUM)) : undefined;
const foundSalesOrder = (found: { SOHNUM?: unknown } | undefined): OrderRef | undefined =>
  found ? salesRef(String(found.SOHNUM)) : undefined;

/** A change that would take back what X3 delivered: refused before anything is sent, line by line. */
function deliveredLineRefusal(
  className: string,
  key: string,
  fields: X3LineFields,
  refused: X3LineEdit["refused"],
): ConnectorError {
  const entries = refused.map((line) => [
    `${fields.collection}[${fields.lineNumber}=${String(line.lineNumber)}]`,
    [
      `Item ${String(line.itemRef)}: ${line.done} already delivered, the change asks for ${line.wanted === 0 ? "the line to go" : line.wanted}.`,
    ],
  ]);
  return new ConnectorError(
    `${className} ${key}: the change would take back what was already delivered on ${refused.length} line(s); nothing was changed.`,
    {
      kind: "validation",
      retryable: false,
      details: { reasonCode: "line_delivered", fields: Object.fromEntries(entries) },
    },
  );
}

/**
 * A change of currency: X3 takes an order's currency only when the order is created (a sales order's while it is
 * being entered, where the site allows it; a purchase order's before it is saved), so it is refused before anything
 * is sent rather than half-applied with prices in the new currency.
 */
function currencyRefusal(className: string, key: string, current: unknown, wanted: unknown): ConnectorError {
  return new ConnectorError(
    `${className} ${key}: the change moves the order from ${String(current)} to ${String(wanted)}, and Sage X3 sets an order's currency only when it creates the order; nothing was changed.`,
    {
      kind: "validation",
      retryable: false,
      details: {
        reasonCode: "currency_change",
        fields: {
          CUR: [`The order is in ${String(current)}; a ${String(wanted)} order needs a new PO (cancel this one).`],
        },
      },
    },
  );
}

/**
 * orders-in's view of Sage X3 over the api1 client: natural-key lookups (BPCORD + CUSORDREF, BPSNUM + ORDREF),
 * creates, whole-order changes (05 replace, 860) as one line-by-line `$edit`, and closes (01: ORDSTA 2 on a sales
 * order, CLEFLG 2 on a purchase order).
 */
export function createSageX3OrderGateway(client: SageX3Client, options: SageX3OrderGatewayOptions = {}): OrderGateway {
  const { sourceLineField } = options;
  const problem = sourceLineField === undefined ? undefined : sourceLineFieldProblem(sourceLineField);
  if (problem) throw new ConnectorError(`sourceLineField: ${problem}`, { kind: "validation", retryable: false });
  const attempts = Math.max(1, options.editAttempts ?? 3);

  /** Reads the order, plans the edit against it, sends it; plans again if X3 says a line it named is gone. */
  async function edit(order: OrderRef, draft: OrderDraft, signal: AbortSignal | undefined): Promise<void> {
    const purchase = order.kind === "purchase";
    const className = purchase ? "PORDER" : "SORDER";
    const fields = purchase ? purchaseLineFields : salesLineFields;
    const wanted = wantedLines(draft, sourceLineField, purchase ? purchaseLineProperties : salesLineProperties);
    const header = purchase ? purchaseOrderHeader(draft) : salesOrderHeader(draft);
    for (let attempt = 1; ; attempt += 1) {
      const current = (await client.read(className, order.key, { signal })) as Record<string, unknown> | undefined;
      if (!current) {
        throw new ConnectorError(`${className} ${order.key} is no longer in Sage X3.`, {
          kind: "not-found",
          retryable: false,
        });
      }
      const currentLines = Array.isArray(current[fields.collection])
        ? (current[fields.collection] as Record<string, unknown>[])
        : [];
      if (current.CUR !== undefined && header.CUR !== current.CUR) {
        throw currencyRefusal(className, order.key, current.CUR, header.CUR);
      }
      const lines = planLineEdit(currentLines, wanted, fields, { sourceLineField, delivered: draft.deliveredLines });
      if (lines.refused.length > 0) throw deliveredLineRefusal(className, order.key, fields, lines.refused);
      const changes = {
        ...headerChanges(current, header),
        ...(lines.lines.length > 0 ? { [fields.collection]: lines.lines } : {}),
      };
      if (Object.keys(changes).length === 0) return;
      try {
        await client.update(className, order.key, changes, { signal });
        return;
      } catch (error) {
        if (attempt < attempts && isSageX3Error(error) && isStaleLineRefusal(error.diagnoses)) continue;
        throw error;
      }
    }
  }

  return {
    find(kind, counterparty, poNumber, signal) {
      // An empty PO number names no order: never match a hand-keyed order that has no reference.
      if (poNumber.trim() === "" || counterparty.trim() === "") return Promise.resolve(undefined);
      // Not an async function: the lookup's promise continued once, with no layer of its own.
      try {
        if (kind === "purchase") {
          return client
            .findByNaturalKey("PORDER", { BPSNUM: counterparty, ORDREF: poNumber }, { signal })
            .then(foundPurchaseOrder);
        }
        return client
          .findByNaturalKey("SORDER", { BPCORD: counterparty, CUSORDREF: poNumber }, { signal })
          .then(foundSalesOrder);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    create(draft, signal): Promise<OrderRef> {
      // Not an async function: the key's promise continued once, with no layer of its own.
      try {
        if (draft.kind === "purchase") {
          const record = purchaseOrderHeader(draft);
          record.POHPOP = createLines(draft, sourceLineField, purchaseLineProperties);
          return client.createKey("PORDER", record as SageX3Input<"PORDER">, { signal }).then(purchaseRef);
        }
        const record = salesOrderHeader(draft);
        record.SOHSOP = createLines(draft, sourceLineField, salesLineProperties);
        return client.createKey("SORDER", record as SageX3Input<"SORDER">, { signal }).then(salesRef);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    replace: (order, draft, signal) => edit(order, draft, signal),
    async close(order, signal) {
      if (order.kind === "purchase") await client.update("PORDER", order.key, { CLEFLG: 2 }, { signal });
      else await client.update("SORDER", order.key, { ORDSTA: 2 }, { signal });
    },
  };
}
