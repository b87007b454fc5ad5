import type { OrderKind } from "@ml-connector/state";

/** One X3 order line, as the mapping produced it from an 850 line. */
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

/** An X3 order to create or replace: a sales order (SORDER) or, where the partner profile says so, a purchase order. */
export interface OrderDraft {
  kind: OrderKind;
  /** BPCORD (sales) or BPSNUM (purchase). */
  partyCode: string;
  /** SALFCY / POHFCY. */
  site: string;
  /** SOHTYP / POHTYP. */
  orderType: string;
  currency: string;
  /** The retailer's PO number: CUSORDREF, half of the natural key. */
  reference: string;
  /** YYYY-MM-DD. */
  orderDate?: string | undefined;
  /** YYYY-MM-DD: DEMDLVDAT of a sales order, EXTRCPDAT (expected receipt) on each purchase order line. */
  requestedDeliveryDate?: string | undefined;
  /** The mapped ship-to: BPAADD of a sales order, the receiving site PRHFCY on each purchase order line. */
  shipToAddressCode?: string | undefined;
  /** Analytical dimensions: type (DIE) → value (CCE). */
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
  /** SOHNUM / POHNUM. */
  key: string;
}

/**
 * What orders-in needs from Sage X3. `createSageX3OrderGateway` implements it over the api1 client;
 * tests and other ERPs can bring their own.
 */
export interface OrderGateway {
  /** The order with this natural key (BPCORD + CUSORDREF, or BPSNUM + reference), if any. */
  find(kind: OrderKind, partyCode: string, reference: string, signal?: AbortSignal): Promise<OrderRef | undefined>;
  create(draft: OrderDraft, signal?: AbortSignal): Promise<OrderRef>;
  /** Brings an existing order to the draft (a 05 replace, an 860 change). */
  replace(order: OrderRef, draft: OrderDraft, signal?: AbortSignal): Promise<void>;
  /** Applies a 01 cancel (850 or 860): closes the order. */
  close(order: OrderRef, signal?: AbortSignal): Promise<void>;
}
