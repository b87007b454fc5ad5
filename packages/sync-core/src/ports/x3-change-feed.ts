/**
 * What the outbound flows need from Sage X3: the records that changed in a time window, and one record by key (for
 * replay). `createSageX3ChangeFeed` implements it over the api1 client; tests and other ERPs bring their own.
 * Every record carries its UPDDATTIM (`updatedAt`, ISO 8601 UTC) and its X3 key, the two things the window logic needs.
 */

/** Common to every record the feed returns. */
export interface X3Stamped {
  /** The X3 key: SOHNUM, SDHNUM or the invoice NUM. */
  key: string;
  /** UPDDATTIM, ISO 8601 UTC (e.g. `2026-11-28T10:00:00Z`). */
  updatedAt: string;
}

/** One line of a sales order (SORDER.SOHSOP), with what X3 did about it. */
export interface X3SalesOrderLine {
  /** SOPLIN. */
  lineNumber: number;
  /** The 850's LineSequenceNumber this line came from, when X3 keeps it; otherwise lines pair up by position. */
  sourceLine?: string | undefined;
  /** The customer's item reference (ITMREFBPC), which orders-in fills with the 850's buyer part number. */
  customerItemRef?: string | undefined;
  itemRef: string;
  /** QTY: the quantity X3 now plans to deliver (a user may have cut it). */
  quantity: number;
  /** Allocated, including what is already delivered (ALLQTY + DLVQTY). */
  allocatedQuantity: number;
  deliveredQuantity: number;
  /** NETPRI (net unit price), when known. */
  unitPrice?: number | undefined;
  /** SOQSTA 3: the line is closed (rejected when nothing of it was delivered). */
  closed: boolean;
  /** Planned ship or delivery date of the line, YYYY-MM-DD. */
  shipDate?: string | undefined;
}

/** A sales order (SORDER) as the 855 needs it. */
export interface X3SalesOrder extends X3Stamped {
  /** BPCORD. */
  customer: string;
  /** CUSORDREF: the retailer's PO number. */
  reference?: string | undefined;
  /** ORDDAT, YYYY-MM-DD. */
  orderDate?: string | undefined;
  /** SALFCY. */
  site?: string | undefined;
  /** BPAADD: the customer's ship-to address code (X3 fills in the customer's default when none is keyed). */
  shipToAddressCode?: string | undefined;
  /** CFMFLG 2. */
  confirmed: boolean;
  /** ALLSTA: 1 none, 2 partial, 3 full. */
  allocation: "none" | "partial" | "full";
  /** ORDSTA 2: closed as a whole. */
  closed: boolean;
  lines: X3SalesOrderLine[];
}

/** One line of a delivery (SDELIVERY.SDHSDD). */
export interface X3DeliveryLine {
  /** SDDLIN. */
  lineNumber: number;
  /** The sales order and line it ships (SOHNUM, SOPLIN). */
  orderKey: string;
  orderLineNumber: number;
  itemRef: string;
  quantity: number;
}

/** A shipping unit of a delivery when X3 knows the packing (otherwise the whole delivery is one unit). */
export interface X3DeliveryPack {
  /** What is in it: delivery line numbers (SDDLIN) and quantities. */
  items: { lineNumber: number; quantity: number }[];
  trackingNumber?: string | undefined;
  weightLb?: number | undefined;
}

/** A delivery (SDELIVERY) as the 856 needs it. */
export interface X3Delivery extends X3Stamped {
  /** SOHNUM of the order it ships. */
  orderKey: string;
  customer: string;
  reference?: string | undefined;
  /** CFMFLG 2: validated (only validated deliveries are announced). */
  validated: boolean;
  /** SHIDAT (or DLVDAT), YYYY-MM-DD. */
  shipDate: string;
  /** STOFCY / SALFCY: where it ships from. */
  site?: string | undefined;
  /** BPAADD: the customer's address it ships to (X3 takes it from the order). */
  shipToAddressCode?: string | undefined;
  /** BPTNUM (carrier code), MDL (mode of delivery). */
  carrier?: string | undefined;
  deliveryMode?: string | undefined;
  billOfLading?: string | undefined;
  proNumber?: string | undefined;
  trackingNumber?: string | undefined;
  /** PACNBR: number of packages. */
  packageCount?: number | undefined;
  /** Gross weight in pounds. */
  grossWeightLb?: number | undefined;
  packs?: X3DeliveryPack[] | undefined;
  lines: X3DeliveryLine[];
}

/** One line of a sales invoice (SINVOICE.SIVSID). */
export interface X3InvoiceLine {
  lineNumber: number;
  orderKey?: string | undefined;
  orderLineNumber?: number | undefined;
  itemRef: string;
  quantity: number;
  /** NETPRI. */
  unitPrice: number;
  /** AMTNOTLIN: quantity × price, excluding tax. */
  amount: number;
}

/** An invoicing element on the footer (freight, handling...), positive for a charge, negative for an allowance. */
export interface X3InvoiceCharge {
  code: string;
  amount: number;
  description?: string | undefined;
}

/** A sales invoice (SINVOICE) as the 810 needs it. */
export interface X3Invoice extends X3Stamped {
  /** SOHNUM of the order it bills. */
  orderKey?: string | undefined;
  customer: string;
  reference?: string | undefined;
  /** INVSTA 3 / STA 3: posted (only posted invoices are sent). */
  posted: boolean;
  /** INVTYP: an invoice (1, 3) or a credit memo / credit note (2, 4), sent as an 810 of type CR. */
  credit?: boolean | undefined;
  /** INVDAT, YYYY-MM-DD. */
  invoiceDate: string;
  /** PTE: the X3 payment term code (e.g. `NET30`). */
  paymentTerms?: string | undefined;
  currency?: string | undefined;
  /** AMTNOT: total excluding tax, lines + charges. */
  totalExcludingTax: number;
  /** AMTATI. */
  totalIncludingTax?: number | undefined;
  /** The deliveries it bills (SDHNUM). */
  deliveryKeys?: string[] | undefined;
  charges: X3InvoiceCharge[];
  lines: X3InvoiceLine[];
}

/** The three kinds of X3 records the outbound flows follow. */
export interface X3ChangeRecords {
  salesOrder: X3SalesOrder;
  delivery: X3Delivery;
  invoice: X3Invoice;
}
export type X3ChangeKind = keyof X3ChangeRecords;

/** `UPDDATTIM >= from` and `UPDDATTIM < to`. */
export interface ChangeWindow {
  from: Date;
  to: Date;
}

/** What the caller of `changes` already knows. */
export interface ChangeReadOptions {
  /**
   * Whether the caller already handled this very version (key and UPDDATTIM, as the list row shows them) and needs
   * nothing more of it. A feed may leave such rows out of its pages instead of reading them in detail; one that
   * ignores this returns them, and the caller deduplicates them.
   */
  known?: ((row: X3Stamped) => boolean) | undefined;
}

export interface X3ChangeFeed {
  /** Names the feed in cursors, e.g. `sage-x3:SEED`. */
  readonly name: string;
  /**
   * The records of a kind changed in the window, ordered by UPDDATTIM then key, page by page (streamed). Records
   * that tie on UPDDATTIM may straddle pages: the feed pages by key, never by time alone, so none is skipped.
   */
  changes<K extends X3ChangeKind>(
    kind: K,
    window: ChangeWindow,
    signal?: AbortSignal,
    options?: ChangeReadOptions,
  ): AsyncIterable<X3ChangeRecords[K][]>;
  /** One record by key, or `undefined`: what replay rebuilds from. */
  get<K extends X3ChangeKind>(kind: K, key: string, signal?: AbortSignal): Promise<X3ChangeRecords[K] | undefined>;
}
