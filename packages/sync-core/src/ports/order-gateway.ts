import type { OrderKind } from "@ml-connector/state";

/** One order line, as the mapping produced it from an 850 line. */
export interface OrderLineDraft {
  /** The 850's LineSequenceNumber (or its 1-based position), echoed back on the 855/856/810. */
  sourceLine: string;
  itemRef: string;
  quantity: number;
  unit: string;
  /** Gross price per unit, when the 850 carries one (X3 prices otherwise). */
  unitPrice?: number | undefined;
  buyerPartNumber?: string | undefined;
}

/**
 * An order to create or replace in the ERP: a sales order or, where the partner profile says so, a purchase order.
 * Named in the connector's terms; the ERP's adapter maps them to its fields.
 */
export interface OrderDraft {
  kind: OrderKind;
  /** Who the order is with: the customer of a sales order, the supplier of a purchase order. */
  counterparty: string;
  /** The site (facility) that sells or buys. */
  site: string;
  /** The ERP's order type, from the partner profile. */
  orderType: string;
  currency: string;
  /** The 850's PO number: with the counterparty, the order's natural key. */
  poNumber: string;
  /** YYYY-MM-DD. */
  orderDate?: string | undefined;
  /** YYYY-MM-DD: the requested delivery date of a sales order, the expected receipt date of a purchase order. */
  requestedDeliveryDate?: string | undefined;
  /** The mapped ship-to: the delivery address of a sales order, the receiving site of a purchase order. */
  shipToAddressCode?: string | undefined;
  /** Analytical dimensions: dimension type → value. */
  dimensions?: Record<string, string> | undefined;
  lines: OrderLineDraft[];
  /**
   * A line X3 already delivered (received) part of, that the draft removes or cuts below what left: `close` it, keeping
   * what was delivered (a 05 replace, the default), or `refuse` the whole change (an 860: a ConnectorError of kind
   * `validation` with `details.reasonCode` `line_delivered`).
   */
  deliveredLines?: "close" | "refuse" | undefined;
}

export interface OrderRef {
  kind: OrderKind;
  /** The ERP's order number. */
  key: string;
}

/**
 * What orders-in needs from the ERP. `createSageX3OrderGateway` implements it for Sage X3 over the api1 client;
 * tests and other ERPs can bring their own.
 */
export interface OrderGateway {
  /** The order with this natural key (counterparty + PO number), if any. */
  find(kind: OrderKind, counterparty: string, poNumber: string, signal?: AbortSignal): Promise<OrderRef | undefined>;
  create(draft: OrderDraft, signal?: AbortSignal): Promise<OrderRef>;
  /** Brings an existing order to the draft (a 05 replace, an 860 change). */
  replace(order: OrderRef, draft: OrderDraft, signal?: AbortSignal): Promise<void>;
  /** Applies a 01 cancel (850 or 860): closes the order. */
  close(order: OrderRef, signal?: AbortSignal): Promise<void>;
}
