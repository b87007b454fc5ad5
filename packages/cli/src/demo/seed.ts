import { acmeSandboxMappings, make850 } from "@ml-connector/sandbox";
import type { MappingSetInput } from "@ml-connector/sync-core";

/** The SPS order models the demo sends, as retailers use them. */
export const demoModels = ["BulkImport", "CrossDock", "DropShip", "MultiStore"] as const;
export type DemoModel = (typeof demoModels)[number];

export const DEMO_PARTNER = "ACME";

/** The demo partner's mappings, against the Sage X3 sandbox's standard seed (customer C0001, site US01, DC01). */
export const demoMappings: MappingSetInput = acmeSandboxMappings;

interface DemoLine {
  vendorPart?: string;
  buyerPart: string;
  upc?: string;
  qty: number;
  price: number;
}

/** The catalogue the retailer orders from: two items by vendor part number, two by UPC only. */
const catalogue: DemoLine[] = [
  { vendorPart: "WID-001", buyerPart: "B-1001", upc: "012345678905", qty: 24, price: 4.5 },
  { vendorPart: "WID-002", buyerPart: "B-1002", upc: "012345678912", qty: 12, price: 5.25 },
  { buyerPart: "B-1003", upc: "012345678929", qty: 6, price: 19.9 },
  { buyerPart: "B-1004", upc: "012345678936", qty: 10, price: 8 },
];

export interface DemoOrder {
  po: string;
  model: DemoModel;
  fileName: string;
  content: string;
}

/** An RSX 7.7 850 (JSON) as SPS delivers it: header, dates, the model's addresses, lines, summary. */
export function demo850(po: string, model: DemoModel, lines: readonly DemoLine[]): Record<string, unknown> {
  return make850({ po, model, partnerId: DEMO_PARTNER, department: "D42", lines: lines.map((line) => ({ ...line })) });
}

/** `count` purchase orders spread over the four models, each with two or three catalogue lines. */
export function demoOrders(count: number): DemoOrder[] {
  return Array.from({ length: count }, (_, index) => {
    const po = `45000${String(10_001 + index)}`;
    const model = demoModels[index % demoModels.length] ?? "BulkImport";
    const first = index % catalogue.length;
    const picked = [0, 1, 2]
      .slice(0, 2 + (index % 2))
      .map((offset) => catalogue[(first + offset) % catalogue.length])
      .filter((line): line is DemoLine => line !== undefined);
    return {
      po,
      model,
      fileName: `PO${po}-v7.7-${model}.json`,
      content: JSON.stringify(demo850(po, model, picked), null, 2),
    };
  });
}

/** The bad file: an 850 whose second line names an item nobody mapped (rejected with the exact field). */
export function demoBadOrder(): DemoOrder {
  const po = "4500099999";
  const lines: DemoLine[] = [
    { vendorPart: "WID-001", buyerPart: "B-1001", qty: 5, price: 4.5 },
    { vendorPart: "MYSTERY-9", buyerPart: "B-9999", qty: 1, price: 99 },
  ];
  return {
    po,
    model: "BulkImport",
    fileName: `PO${po}-v7.7-BulkImport.json`,
    content: JSON.stringify(demo850(po, "BulkImport", lines), null, 2),
  };
}
