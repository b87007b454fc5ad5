import { type LineRef, type Order, parseRsxFileName, type RsxModel } from "@ml-connector/rsx";
import type { AuditDocument, AuditLink, AuditStore, MappingStore, Reason, TradingPartner } from "@ml-connector/state";
import { ConnectorError } from "@ml-connector/state";
import type { X3ChangeFeed, X3SalesOrder, X3SalesOrderLine } from "../../ports/x3-change-feed.js";
import { readOrderAsChanged } from "../orders-in/order-as-changed.js";

/** The purchase order an outbound document answers: the original 850 (or one rebuilt from X3) and its partner. */
export interface SourceOrder {
  partnerId: string;
  /** The partner's profile, when it is still mapped. */
  partner?: TradingPartner | undefined;
  order: Order;
  /** The 850 in the audit trail, when the order came from one. */
  orderDocument?: AuditDocument | undefined;
  /** The 860s applied to the order since that 850, oldest first: `order` is the 850 as they changed it. */
  changes?: AuditDocument[] | undefined;
  /** The fulfilment model of the 850's file name (BulkImport, DropShip...), echoed in outbound file names. */
  model?: RsxModel | undefined;
}

export type SourceOrderResult =
  | { kind: "found"; source: SourceOrder }
  /** Not an SPS partner's order: nothing to send. */
  | { kind: "not-sps" }
  /** A partner's order that cannot be answered (no PO number, unreadable 850...). */
  | { kind: "invalid"; partnerId: string; reasons: Reason[] };

const processedOrderStatuses = ["created", "updated"] as const;

/**
 * Finds the 850 behind an X3 sales order, as the 860s applied since changed it: the newest processed 850 linked to it
 * (orders-in links 850 → SORDER), else
 * an 850 of the customer's partner with the order's PO number, else, when the customer maps to a trading partner, an
 * 850 rebuilt from the X3 order (PO number = CUSORDREF, vendor part number = ITMREF) so partner orders keyed in X3
 * are answered too. An unlinked order whose PO's 850 created another order (a user's duplicate) is invalid: only the
 * order the connector created is answered. Anything else is not an SPS partner's order.
 */
export async function findSourceOrder(
  audit: AuditStore,
  mappings: MappingStore,
  salesOrder: Pick<X3SalesOrder, "key" | "customer" | "reference" | "orderDate" | "lines">,
  /** The order's links (`orderLinks`), when the caller read them already. */
  knownLinks?: readonly AuditLink[],
): Promise<SourceOrderResult> {
  const links = knownLinks ?? (await orderLinks(audit, salesOrder.key));
  let linked: AuditDocument | undefined;
  for (const link of links) {
    if (!isSourceLink(link) || link.from.kind !== "document") continue;
    const document = await audit.getDocument(link.from.id);
    if (document?.type !== "850") continue;
    if (!(processedOrderStatuses as readonly string[]).includes(document.status)) continue;
    if (!linked || document.seq > linked.seq) linked = document;
  }
  if (!linked) {
    const partners = (await mappings.listPartners()).filter(
      (partner) => partner.orderKind === "sales" && partner.x3Customer === salesOrder.customer,
    );
    const partner = partners[0];
    if (!partner) return { kind: "not-sps" };
    if (!salesOrder.reference) {
      return {
        kind: "invalid",
        partnerId: partner.partnerId,
        reasons: [
          {
            path: "x3.CUSORDREF",
            code: "missing_po",
            message: `Order ${salesOrder.key} of ${partner.partnerId}'s customer ${salesOrder.customer} has no customer order reference (CUSORDREF): the retailer's PO number is needed to answer it.`,
          },
        ],
      };
    }
    const page = await audit.findDocuments({
      type: "850",
      partnerId: partner.partnerId,
      poNumber: salesOrder.reference,
      status: processedOrderStatuses,
      limit: 1,
    });
    linked = page.items[0];
    if (linked?.x3Key !== undefined && linked.x3Key !== salesOrder.key) {
      // The PO's 850 created another order: this one was keyed by a user for the same PO. The retailer gets the
      // answers of the order the connector created, not a second set for the same PO.
      return {
        kind: "invalid",
        partnerId: partner.partnerId,
        reasons: [
          {
            path: "x3.CUSORDREF",
            code: "not_connector_order",
            message: `Order ${salesOrder.key} has PO ${salesOrder.reference} of ${partner.partnerId}, whose 850 created order ${linked.x3Key}: only that order is answered. Resolve the duplicate in X3.`,
          },
        ],
      };
    }
    if (!linked) {
      // orders-in still has the 850 in hand (a crash between X3's create and the ledger, or a retry pending): answer
      // it once it is settled, from the 850, rather than now from X3 and again later (two revisions for one order).
      const pending = await audit.findDocuments({
        type: "850",
        partnerId: partner.partnerId,
        poNumber: salesOrder.reference,
        status: ["received", "failed"],
        limit: 1,
      });
      if (pending.items.length > 0) {
        throw new ConnectorError(
          `The 850 behind order ${salesOrder.key} (PO ${salesOrder.reference}) is not settled by orders-in yet.`,
          { kind: "conflict", retryable: true },
        );
      }
      return {
        kind: "found",
        source: { partnerId: partner.partnerId, partner, order: orderFromX3(partner.partnerId, salesOrder) },
      };
    }
  }
  // The order as the retailer wants it now: the 850 with the 860s applied since.
  const asChanged = await readOrderAsChanged(audit, linked);
  if (!asChanged.ok) {
    return {
      kind: "invalid",
      partnerId: linked.partnerId,
      reasons: [
        {
          path: "",
          code: "source_unreadable",
          message: `${asChanged.message} (behind order ${salesOrder.key})`,
        },
      ],
    };
  }
  return {
    kind: "found",
    source: {
      partnerId: linked.partnerId,
      partner: await mappings.getPartner(linked.partnerId),
      order: asChanged.order,
      orderDocument: linked,
      changes: asChanged.changes,
      model: linked.fileName ? parseRsxFileName(linked.fileName)?.model : undefined,
    },
  };
}

/** An X3 sales order's links in the audit trail. */
export function orderLinks(audit: AuditStore, orderKey: string): Promise<AuditLink[]> {
  return audit.linksOf({ kind: "x3", entity: "SORDER", key: orderKey });
}

/** A link by which orders-in says a document made or changed the X3 order (850 → SORDER, `created` or `updated`). */
export function isSourceLink(link: AuditLink): boolean {
  return (
    link.from.kind === "document" &&
    link.to.kind === "x3" &&
    (link.relation === "created" || link.relation === "updated")
  );
}

/**
 * The X3 sales order a delivery or an invoice belongs to (read from the feed when it names one: its lines pair the
 * record's) and the 850 behind it. When X3 does not return the order, the record's customer and PO number stand for it.
 */
export async function findOrderOf(
  deps: { audit: AuditStore; mappings: MappingStore; feed: X3ChangeFeed },
  record: { customer: string; reference?: string | undefined },
  orderKey: string | undefined,
  signal: AbortSignal | undefined,
  /** The order's links (`orderLinks` of `orderKey`), when the caller read them already. */
  knownLinks?: readonly AuditLink[],
): Promise<{ order: X3SalesOrder | undefined; found: SourceOrderResult }> {
  const order = orderKey === undefined ? undefined : await deps.feed.get("salesOrder", orderKey, signal);
  const found = await findSourceOrder(
    deps.audit,
    deps.mappings,
    order ?? { key: orderKey ?? "", customer: record.customer, reference: record.reference, lines: [] },
    orderKey === undefined ? undefined : knownLinks,
  );
  return { order, found };
}

/** What an outbound flow makes of a record whose 850 was not found: a skip, or an invalid record with the reasons. */
export function withoutSource(found: Exclude<SourceOrderResult, { kind: "found" }>, poNumber: string | undefined) {
  return found.kind === "not-sps"
    ? { kind: "skip" as const, reason: "not an SPS partner's order" }
    : { kind: "invalid" as const, partnerId: found.partnerId, poNumber, reasons: found.reasons };
}

/** A minimal 850 rebuilt from an X3 order keyed in by hand for a trading partner's customer. */
export function orderFromX3(
  partnerId: string,
  salesOrder: Pick<X3SalesOrder, "reference" | "orderDate" | "lines">,
): Order {
  return {
    Header: {
      OrderHeader: {
        TradingPartnerId: partnerId,
        PurchaseOrderNumber: salesOrder.reference ?? "",
        TsetPurposeCode: "00",
        PrimaryPOTypeCode: "SA",
        ...(salesOrder.orderDate ? { PurchaseOrderDate: salesOrder.orderDate } : {}),
      },
    },
    LineItem: [...salesOrder.lines]
      .sort((a, b) => a.lineNumber - b.lineNumber)
      .map((line, index) => ({
        OrderLine: {
          LineSequenceNumber: line.sourceLine ?? String(index + 1),
          VendorPartNumber: line.itemRef,
          OrderQty: line.quantity,
          ...(line.unitPrice !== undefined ? { PurchasePrice: line.unitPrice } : {}),
        },
      })),
    Summary: { TotalLineItemNumber: salesOrder.lines.length },
  } as Order;
}

/**
 * Pairs X3 order lines (SOPLIN) with the 850's lines: by the source line X3 kept, else by the buyer part number kept as
 * the customer's item reference, else by item (the 850 line's identifiers resolved with the partner's mappings, in
 * order of appearance), else by position.
 * Returns SOPLIN → the 850 line's 0-based index.
 */
export async function pairLines(
  source: SourceOrder,
  lines: readonly X3SalesOrderLine[],
  mappings: MappingStore,
): Promise<Map<number, LineRef>> {
  const items = source.order.LineItem ?? [];
  const sorted = [...lines].sort((a, b) => a.lineNumber - b.lineNumber);
  const pairs = new Map<number, LineRef>();
  const taken = new Set<number>();
  const bySequence = new Map<string, number>();
  items.forEach((item, index) => {
    const sequence = item.OrderLine?.LineSequenceNumber;
    if (sequence !== undefined) bySequence.set(sequence, index);
  });
  for (const line of sorted) {
    const index = line.sourceLine === undefined ? undefined : bySequence.get(line.sourceLine);
    if (index !== undefined && !taken.has(index)) {
      pairs.set(line.lineNumber, index);
      taken.add(index);
    }
  }
  for (const line of sorted) {
    if (pairs.has(line.lineNumber) || !line.customerItemRef) continue;
    const index = items.findIndex(
      (item, i) => item.OrderLine?.BuyerPartNumber === line.customerItemRef && !taken.has(i),
    );
    if (index >= 0) {
      pairs.set(line.lineNumber, index);
      taken.add(index);
    }
  }
  // The 850's items are resolved through the mappings only for X3 lines still unpaired: when X3 kept every line's
  // source line or buyer part number (orders-in writes ITMREFBPC), that is one mapping lookup per 850 line saved.
  if (sorted.every((line) => pairs.has(line.lineNumber))) return pairs;
  const itemRefs: (string | undefined)[] = [];
  for (const item of items) {
    const line = item.OrderLine;
    const match = line
      ? await mappings.findItem(
          source.partnerId,
          {
            vendorPartNumber: line.VendorPartNumber,
            buyerPartNumber: line.BuyerPartNumber,
            upc: line.ConsumerPackageCode,
            gtin: line.GTIN,
          },
          source.partner?.itemLookupOrder,
        )
      : undefined;
    itemRefs.push(match?.itemRef ?? line?.VendorPartNumber);
  }
  for (const line of sorted) {
    if (pairs.has(line.lineNumber)) continue;
    const index = itemRefs.findIndex((ref, i) => ref === line.itemRef && !taken.has(i));
    if (index >= 0) {
      pairs.set(line.lineNumber, index);
      taken.add(index);
    }
  }
  sorted.forEach((line, position) => {
    if (pairs.has(line.lineNumber) || position >= items.length || taken.has(position)) return;
    pairs.set(line.lineNumber, position);
    taken.add(position);
  });
  return pairs;
}
