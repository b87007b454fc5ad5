import { isSageX3Error, type SageX3Client, type SageX3Input } from "@ml-connector/sage-x3-client";
import { ConnectorError } from "@ml-connector/transport";
import type { OrderDraft, OrderGateway, OrderRef } from "../ports/order-gateway.js";
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

/** Sales order lines as api1 takes them (SOHSOP), from the mapped draft. */
function salesOrderLines(draft: OrderDraft, sourceLineField: string | undefined): WantedLine[] {
  return draft.lines.map((line) => ({
    sourceLine: line.sourceLine,
    properties: {
      ITMREF: line.itemRef,
      QTY: line.quantity,
      SAU: line.unit,
      ...(line.unitPrice === undefined ? {} : { GROPRI: line.unitPrice }),
      ...(line.buyerPartNumber ? { ITMREFBPC: line.buyerPartNumber } : {}),
      ...(draft.requestedDeliveryDate ? { DEMDLVDAT: draft.requestedDeliveryDate } : {}),
      ...(sourceLineField ? { [sourceLineField]: line.sourceLine } : {}),
    },
  }));
}

function purchaseOrderLines(draft: OrderDraft, sourceLineField: string | undefined): WantedLine[] {
  return draft.lines.map((line) => ({
    sourceLine: line.sourceLine,
    properties: {
      ITMREF: line.itemRef,
      QTYUOM: line.quantity,
      UOM: line.unit,
      ...(line.unitPrice === undefined ? {} : { GROPRI: line.unitPrice }),
      // The requested date of a purchase order line is its expected receipt date, its ship-to the receiving site.
      ...(draft.requestedDeliveryDate ? { EXTRCPDAT: draft.requestedDeliveryDate } : {}),
      ...(draft.shipToAddressCode ? { PRHFCY: draft.shipToAddressCode } : {}),
      ...(sourceLineField ? { [sourceLineField]: line.sourceLine } : {}),
    },
  }));
}

const payloads = (lines: readonly WantedLine[]) => lines.map((line) => line.properties);

/** The header properties whose value differs from the order as X3 has it. */
function headerChanges(current: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([field, value]) => JSON.stringify(current[field]) !== JSON.stringify(value)),
  );
}

/** Analytical dimensions as X3 keeps them: parallel DIE/CCE arrays. */
function dimensionFields(draft: OrderDraft) {
  const entries = Object.entries(draft.dimensions ?? {});
  return entries.length === 0 ? {} : { DIE: entries.map(([type]) => type), CCE: entries.map(([, value]) => value) };
}

function salesOrderHeader(draft: OrderDraft) {
  return {
    BPCORD: draft.counterparty,
    SALFCY: draft.site,
    SOHTYP: draft.orderType,
    CUR: draft.currency,
    CUSORDREF: draft.poNumber,
    ...(draft.orderDate ? { ORDDAT: draft.orderDate } : {}),
    ...(draft.requestedDeliveryDate ? { DEMDLVDAT: draft.requestedDeliveryDate } : {}),
    ...(draft.shipToAddressCode ? { BPAADD: draft.shipToAddressCode } : {}),
    ...dimensionFields(draft),
  };
}

function purchaseOrderHeader(draft: OrderDraft) {
  return {
    BPSNUM: draft.counterparty,
    POHFCY: draft.site,
    POHTYP: draft.orderType,
    CUR: draft.currency,
    ORDREF: draft.poNumber,
    ...(draft.orderDate ? { ORDDAT: draft.orderDate } : {}),
    ...dimensionFields(draft),
  };
}

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
    const wanted = purchase ? purchaseOrderLines(draft, sourceLineField) : salesOrderLines(draft, sourceLineField);
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
    async find(kind, counterparty, poNumber, signal) {
      // An empty PO number names no order: never match a hand-keyed order that has no reference.
      if (poNumber.trim() === "" || counterparty.trim() === "") return undefined;
      if (kind === "purchase") {
        const found = await client.findByNaturalKey("PORDER", { BPSNUM: counterparty, ORDREF: poNumber }, { signal });
        return found ? { kind, key: String(found.POHNUM) } : undefined;
      }
      const found = await client.findByNaturalKey("SORDER", { BPCORD: counterparty, CUSORDREF: poNumber }, { signal });
      return found ? { kind, key: String(found.SOHNUM) } : undefined;
    },
    async create(draft, signal): Promise<OrderRef> {
      if (draft.kind === "purchase") {
        const key = await client.createKey(
          "PORDER",
          {
            ...purchaseOrderHeader(draft),
            POHPOP: payloads(purchaseOrderLines(draft, sourceLineField)),
          } as Record<string, unknown> as SageX3Input<"PORDER">,
          { signal },
        );
        return { kind: "purchase", key };
      }
      const key = await client.createKey(
        "SORDER",
        {
          ...salesOrderHeader(draft),
          SOHSOP: payloads(salesOrderLines(draft, sourceLineField)),
        } as Record<string, unknown> as SageX3Input<"SORDER">,
        { signal },
      );
      return { kind: "sales", key };
    },
    replace: (order, draft, signal) => edit(order, draft, signal),
    async close(order, signal) {
      if (order.kind === "purchase") await client.update("PORDER", order.key, { CLEFLG: 2 }, { signal });
      else await client.update("SORDER", order.key, { ORDSTA: 2 }, { signal });
    },
  };
}
