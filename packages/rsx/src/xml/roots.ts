import type { RsxDocumentType } from "../schemas/index.js";

/** XML element names per document type: the plural root and the singular document element. */
export const xmlNames: Readonly<Record<RsxDocumentType, { readonly root: string; readonly element: string }>> = {
  Order: { root: "Orders", element: "Order" },
  OrderAck: { root: "OrderAcks", element: "OrderAck" },
  Shipment: { root: "Shipments", element: "Shipment" },
  Invoice: { root: "Invoices", element: "Invoice" },
  OrderChange: { root: "OrderChanges", element: "OrderChange" },
};

/** The document type for a root element name, plural (`Orders`) or singular (`Order`). */
export function typeForXmlRoot(name: string): { type: RsxDocumentType; plural: boolean } | undefined {
  for (const [type, names] of Object.entries(xmlNames) as Array<
    [RsxDocumentType, (typeof xmlNames)[RsxDocumentType]]
  >) {
    if (names.root === name) return { type, plural: true };
    if (names.element === name) return { type, plural: false };
  }
  return undefined;
}
