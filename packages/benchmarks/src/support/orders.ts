import { acmeMappings, make850 as sampleOrder } from "@ml-connector/sandbox";

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
    partners: acmeMappings.partners,
    shipTos: [{ partnerId: "ACME", locationNumber: "0042", x3AddressCode: "DC01" }],
    items: Array.from({ length: items }, (_, i) => ({
      kind: "vendorPartNumber" as const,
      value: vendorPart(i),
      itemRef: seedItems[i % seedItems.length]!,
    })),
    uoms: [{ ediUnit: "EA", x3Unit: "EA" }],
    costCentres: acmeMappings.costCentres,
  };
}

/** A realistic 850 (RSX 7.7 JSON, BulkImport, store 42) with `lines` lines, each its own mapping lookup. */
export function make850(po: string, lines: number): Record<string, unknown> {
  return sampleOrder({
    po,
    department: "D12",
    lines: Array.from({ length: lines }, (_, i) => {
      const qty = 1 + (i % 12);
      const price = 2.5 + (i % 7);
      return {
        buyerPart: `B-${1000 + i}`,
        vendorPart: vendorPart(i),
        qty,
        uom: "EA",
        price,
        extendedTotal: Math.round(qty * price * 100) / 100,
        description: `Widget model ${i + 1}`,
      };
    }),
  });
}

/** The file name SPS gives an 850. */
export const fileNameOf = (po: string) => `PO${po}-v7.7-BulkImport.json`;

/** The 850 as SPS's bytes (pretty JSON, as SPS writes it). */
export { bytesOf } from "@ml-connector/sandbox";
