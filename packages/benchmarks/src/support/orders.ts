/**
 * 850s and mappings for the benchmarks: the test partner ACME against the Sage X3 sandbox's standard seed
 * (customer C0001, site US01, address DC01, items WID-001, WID-002, GAD-100, GIZ-200).
 */

/** Items that exist in the X3 sandbox seed; 850 lines cycle through them. */
const seedItems = ["WID-001", "WID-002", "GAD-100", "GIZ-200"] as const;

/** Vendor part number of line `index`: distinct per line, so each line is its own mapping lookup. */
export const vendorPart = (index: number) => `VP-${String(index).padStart(5, "0")}`;

/** ACME's mappings; `items` vendor part numbers, each mapped to a seed item. */
export function benchMappings(items: number) {
  return {
    partners: [
      {
        partnerId: "ACME",
        name: "Acme Retail Stores",
        x3Customer: "C0001",
        site: "US01",
        orderType: "SON",
        currency: "USD",
        itemLookupOrder: ["vendorPartNumber", "upc"] as ("vendorPartNumber" | "upc")[],
      },
    ],
    shipTos: [{ partnerId: "ACME", locationNumber: "0042", x3AddressCode: "DC01" }],
    items: Array.from({ length: items }, (_, i) => ({
      kind: "vendorPartNumber" as const,
      value: vendorPart(i),
      itemRef: seedItems[i % seedItems.length]!,
    })),
    uoms: [{ ediUnit: "EA", x3Unit: "EA" }],
    costCentres: [{ partnerId: "ACME", dimensions: { CCT: "RETAIL" } }],
  };
}

/** A realistic 850 (RSX 7.7 JSON, BulkImport, one store) with `lines` lines. */
export function make850(po: string, lines: number): Record<string, unknown> {
  const lineItems = Array.from({ length: lines }, (_, i) => {
    const qty = 1 + (i % 12);
    const price = 2.5 + (i % 7);
    return {
      OrderLine: {
        LineSequenceNumber: String(i + 1),
        BuyerPartNumber: `B-${1000 + i}`,
        VendorPartNumber: vendorPart(i),
        OrderQty: qty,
        OrderQtyUOM: "EA",
        PurchasePrice: price,
        ExtendedItemTotal: Math.round(qty * price * 100) / 100,
      },
      ProductOrItemDescription: [{ ProductCharacteristicCode: "08", ProductDescription: `Widget model ${i + 1}` }],
    };
  });
  return {
    Header: {
      OrderHeader: {
        TradingPartnerId: "ACME",
        PurchaseOrderNumber: po,
        TsetPurposeCode: "00",
        PrimaryPOTypeCode: "SA",
        PurchaseOrderDate: "2026-11-20",
        BuyersCurrency: "USD",
        Vendor: "0004521",
        Department: "D12",
      },
      Dates: [{ DateTimeQualifier: "002", Date: "2026-12-01" }],
      Address: [
        {
          AddressTypeCode: "ST",
          LocationCodeQualifier: "92",
          AddressLocationNumber: "0042",
          AddressName: "Acme store 42",
          Address1: "42 Main St",
          City: "Chicago",
          State: "IL",
          PostalCode: "60601",
          Country: "US",
        },
      ],
    },
    LineItem: lineItems,
    Summary: { TotalLineItemNumber: lines },
  };
}

/** The file name SPS gives an 850. */
export const fileNameOf = (po: string) => `PO${po}-v7.7-BulkImport.json`;

/** The 850 as SPS's bytes (pretty JSON, as SPS writes it). */
export const bytesOf = (document: unknown) => new TextEncoder().encode(JSON.stringify(document, null, 2));
