import { type RsxDocumentType, rsxXmlRoots } from "../schemas/index.js";

/** XML element names per document type: the plural root and the singular document element. */
export const xmlNames: Readonly<Record<RsxDocumentType, { readonly root: string; readonly element: string }>> = {
  Order: { root: rsxXmlRoots.Order.plural, element: rsxXmlRoots.Order.singular },
  OrderAck: { root: rsxXmlRoots.OrderAck.plural, element: rsxXmlRoots.OrderAck.singular },
  Shipment: { root: rsxXmlRoots.Shipment.plural, element: rsxXmlRoots.Shipment.singular },
  Invoice: { root: rsxXmlRoots.Invoice.plural, element: rsxXmlRoots.Invoice.singular },
  OrderChange: { root: rsxXmlRoots.OrderChange.plural, element: rsxXmlRoots.OrderChange.singular },
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
