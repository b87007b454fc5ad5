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
