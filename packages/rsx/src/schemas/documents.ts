import type { z } from "zod";
import type { Invoice, Order, OrderAck, OrderChange, Shipment } from "../generated/document-types.js";
import { invoiceSchema } from "./invoice.js";
import { orderSchema } from "./order.js";
import { orderAckSchema } from "./order-ack.js";
import { orderChangeSchema } from "./order-change.js";
import { shipmentSchema } from "./shipment.js";

/** The five RSX 7.7 documents this package handles. */
export type RsxDocumentType = "Order" | "OrderAck" | "Shipment" | "Invoice" | "OrderChange";

/** The TypeScript type of each document type. */
export interface RsxDocumentMap {
  Order: Order;
  OrderAck: OrderAck;
  Shipment: Shipment;
  Invoice: Invoice;
  OrderChange: OrderChange;
}

/** The zod schema of each document type (declared by its named type, so declarations stay small). */
export const rsxDocumentSchemas: { readonly [K in RsxDocumentType]: z.ZodType<RsxDocumentMap[K], RsxDocumentMap[K]> } =
  {
    Order: orderSchema,
    OrderAck: orderAckSchema,
    Shipment: shipmentSchema,
    Invoice: invoiceSchema,
    OrderChange: orderChangeSchema,
  };

/** Every document type, in the order of the table above (850, 855, 856, 810, 860). */
export const rsxDocumentTypes = [
  "Order",
  "OrderAck",
  "Shipment",
  "Invoice",
  "OrderChange",
] as const satisfies readonly RsxDocumentType[];

/** XML root elements: `<Orders><Order>...</Order></Orders>`. */
export const rsxXmlRoots: Record<RsxDocumentType, { plural: string; singular: string }> = {
  Order: { plural: "Orders", singular: "Order" },
  OrderAck: { plural: "OrderAcks", singular: "OrderAck" },
  Shipment: { plural: "Shipments", singular: "Shipment" },
  Invoice: { plural: "Invoices", singular: "Invoice" },
  OrderChange: { plural: "OrderChanges", singular: "OrderChange" },
};

/** The X12 transaction set of each document type: an Order is an 850, an OrderAck an 855. */
export const x12TransactionSets = {
  Order: "850",
  OrderAck: "855",
  Shipment: "856",
  Invoice: "810",
  OrderChange: "860",
} as const satisfies Record<RsxDocumentType, string>;

/** The transaction sets of the documents this package handles: `850`, `855`, `856`, `810`, `860`. */
export type X12TransactionSet = (typeof x12TransactionSets)[RsxDocumentType];

/** The document type of each transaction set: the inverse of `x12TransactionSets`. */
export const rsxDocumentTypesByTransactionSet = Object.fromEntries(
  rsxDocumentTypes.map((type) => [x12TransactionSets[type], type]),
) as Readonly<Record<X12TransactionSet, RsxDocumentType>>;

/**
 * The X12 functional group (GS01) of each transaction set this package names: the documents and the 846 inventory
 * advice. SPS's file-name prefixes (PO, PR, SH, IN, IB) are these codes; the 997 is group FA.
 */
export const x12FunctionalGroups = {
  "850": "PO",
  "855": "PR",
  "856": "SH",
  "810": "IN",
  "860": "PC",
  "846": "IB",
  "997": "FA",
} as const;

/** The transaction set of each X12 functional group code (or SPS file-name prefix): `PR` → `855`. */
export const x12TransactionSetsByGroup = Object.fromEntries(
  Object.entries(x12FunctionalGroups).map(([set, group]) => [group, set]),
) as Readonly<Record<string, keyof typeof x12FunctionalGroups | undefined>>;
