// Sample 850s (RSX 7.7 JSON) of the partner ACME for tests, benchmarks and demos against the sandboxes.
export interface OrderLineSpec {
  vendorPart?: string;
  buyerPart?: string;
  upc?: string;
  qty?: number;
  uom?: string;
  price?: number;
  /** ExtendedItemTotal (quantity × price), when the retailer sends it. */
  extendedTotal?: number;
  /** A ProductOrItemDescription (characteristic 08, the item's description). */
  description?: string;
}

export interface OrderSpec {
  partnerId?: string;
  po: string;
  purpose?: "00" | "01" | "05" | "06" | "07";
  shipTo?: string;
  department?: string;
  lines?: OrderLineSpec[];
  /** Adds an unknown property to the header (a schema error). */
  unknownField?: boolean;
  /** The SPS order model: changes the parties and line locations as retailers send them. Default BulkImport. */
  model?: OrderModel;
}

export type OrderModel = "BulkImport" | "CrossDock" | "DropShip" | "MultiStore";

const storeAddress = {
  AddressTypeCode: "ST",
  LocationCodeQualifier: "92",
  AddressName: "Acme store 42",
  Address1: "42 Main St",
  City: "Chicago",
  State: "IL",
  PostalCode: "60601",
  Country: "US",
};

const dcAddress = {
  AddressTypeCode: "ST",
  LocationCodeQualifier: "92",
  AddressLocationNumber: "0001",
  AddressName: "Acme DC East",
  Address1: "100 Logistics Way",
  City: "Avenel",
  State: "NJ",
  PostalCode: "07001",
  Country: "US",
};

/** The ship-to parties of each model: a store; a DC with the store as mark-for; a consumer; a DC serving stores. */
function addressesFor(model: OrderModel, shipTo: string): Record<string, unknown>[] {
  switch (model) {
    case "CrossDock":
      return [dcAddress, { ...storeAddress, AddressTypeCode: "Z7", AddressLocationNumber: shipTo }];
    case "DropShip":
      return [
        {
          AddressTypeCode: "ST",
          AddressName: "Jane Consumer",
          Address1: "7 Elm Court",
          City: "Springfield",
          State: "IL",
          PostalCode: "62701",
          Country: "US",
        },
      ];
    case "MultiStore":
      return [dcAddress];
    default:
      return [{ ...storeAddress, AddressLocationNumber: shipTo }];
  }
}

/** A file name as SPS gives it. */
export function fileNameOf(spec: OrderSpec, suffix = "1"): string {
  return `PO${spec.po}-${suffix}-v7.7-${spec.model ?? "BulkImport"}.json`;
}

/** A realistic 850 (RSX 7.7 JSON) for the test partner ACME, whose mappings the tests load. */
export function make850(spec: OrderSpec): Record<string, unknown> {
  const lines = spec.lines ?? [
    { vendorPart: "WID-001", buyerPart: "B-1001", upc: "012345678905", qty: 24, uom: "EA", price: 4.5 },
    { vendorPart: "WID-002", buyerPart: "B-1002", upc: "012345678912", qty: 12, uom: "EA", price: 5.25 },
  ];
  return {
    Header: {
      OrderHeader: {
        TradingPartnerId: spec.partnerId ?? "ACME",
        PurchaseOrderNumber: spec.po,
        TsetPurposeCode: spec.purpose ?? "00",
        PrimaryPOTypeCode: "SA",
        PurchaseOrderDate: "2026-11-20",
        BuyersCurrency: "USD",
        Vendor: "0004521",
        ...(spec.department ? { Department: spec.department } : {}),
        ...(spec.unknownField ? { Surprise: "x" } : {}),
      },
      Dates: [{ DateTimeQualifier: "002", Date: "2026-12-01" }],
      Address: addressesFor(spec.model ?? "BulkImport", spec.shipTo ?? "0042"),
    },
    LineItem: lines.map((line, index) => ({
      OrderLine: {
        LineSequenceNumber: String(index + 1),
        ...(line.buyerPart ? { BuyerPartNumber: line.buyerPart } : {}),
        ...(line.vendorPart ? { VendorPartNumber: line.vendorPart } : {}),
        ...(line.upc ? { ConsumerPackageCode: line.upc } : {}),
        OrderQty: line.qty ?? 1,
        OrderQtyUOM: line.uom ?? "EA",
        PurchasePrice: line.price ?? 1,
        ...(line.extendedTotal !== undefined ? { ExtendedItemTotal: line.extendedTotal } : {}),
      },
      ...(line.description
        ? { ProductOrItemDescription: [{ ProductCharacteristicCode: "08", ProductDescription: line.description }] }
        : {}),
      ...(spec.model === "MultiStore"
        ? {
            QuantitiesSchedulesLocations: [
              {
                LocationCodeQualifier: "92",
                LocationQuantity: [
                  { Location: "0042", Qty: Math.ceil((line.qty ?? 1) / 2) },
                  { Location: "0043", Qty: Math.floor((line.qty ?? 1) / 2) },
                ],
              },
            ],
          }
        : {}),
    })),
    Summary: { TotalLineItemNumber: lines.length },
  };
}

export function bytesOf(document: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(document, null, 2));
}

/** The mappings of the sample partner ACME against the Sage X3 sandbox's standard seed. */
export const acmeMappings = {
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
  shipTos: [
    { partnerId: "ACME", locationNumber: "0042", x3AddressCode: "ST042" },
    { partnerId: "ACME", locationNumber: "0001", x3AddressCode: "DC01" },
  ],
  items: [
    { kind: "vendorPartNumber" as const, value: "WID-001", itemRef: "WID-001" },
    { kind: "vendorPartNumber" as const, value: "WID-002", itemRef: "WID-002" },
    { kind: "upc" as const, value: "012345678929", itemRef: "GAD-100" },
    { kind: "upc" as const, value: "012345678936", itemRef: "GIZ-200" },
  ],
  uoms: [
    { ediUnit: "EA", x3Unit: "EA" },
    { ediUnit: "CA", x3Unit: "CS" },
  ],
  costCentres: [{ partnerId: "ACME", dimensions: { CCT: "RETAIL" } }],
};

/**
 * ACME against the Sage X3 sandbox's standard seed as it starts: both ship-to locations (store 42 and DC East) go to
 * customer C0001's address DC01. What the demo, the CLI's `sandbox` command and the end-to-end tests load.
 */
export const acmeSandboxMappings = {
  ...acmeMappings,
  shipTos: [
    { partnerId: "ACME", locationNumber: "0042", x3AddressCode: "DC01" },
    { partnerId: "ACME", locationNumber: "0001", x3AddressCode: "DC01" },
  ],
};

/**
 * What asns-out needs to ship from the Sage X3 sandbox's seed: a GS1 company prefix for the SSCCs, the address of site
 * US01 (the Chicago distribution center), and the SPS transport mode of X3's delivery mode ROAD.
 */
export const sandboxShipmentSettings = {
  gs1CompanyPrefix: "0614141",
  shipFrom: {
    US01: {
      AddressName: "Chicago distribution center",
      Address1: "1 Dock Rd",
      City: "Chicago",
      State: "IL",
      PostalCode: "60607",
      Country: "US",
    },
  },
  transportModes: { ROAD: "M" as const },
};

/**
 * A buy-side trading partner, SUPPLY (`orderKind: "purchase"`): its 850s become X3 purchase orders with supplier S0001
 * of the standard seed, received at site US02 (location 0042) or US01 (location 0001); items and units as ACME's.
 */
export const supplyPartnerMappings = {
  partners: [
    {
      partnerId: "SUPPLY",
      name: "Acme as supplier",
      orderKind: "purchase" as const,
      x3Supplier: "S0001",
      site: "US01",
      orderType: "PON",
      currency: "USD",
      itemLookupOrder: ["vendorPartNumber", "upc"] as ("vendorPartNumber" | "upc")[],
    },
  ],
  shipTos: [
    { partnerId: "SUPPLY", locationNumber: "0042", x3AddressCode: "US02" },
    { partnerId: "SUPPLY", locationNumber: "0001", x3AddressCode: "US01" },
  ],
};

/** `mappings` (ACME's, as a rule) with the buy-side partner SUPPLY and its ship-tos added. */
export function withSupplyPartner<P, S, M extends { partners: readonly P[]; shipTos: readonly S[] }>(mappings: M) {
  return {
    ...mappings,
    partners: [...mappings.partners, ...supplyPartnerMappings.partners],
    shipTos: [...mappings.shipTos, ...supplyPartnerMappings.shipTos],
  };
}

/** One line of a sample 860: the 850 line it changes (`line`, its LineSequenceNumber) and how (`change`). */
export interface OrderChangeLineSpec extends OrderLineSpec {
  line: string;
  /** LineChangeCode: AI add, DI delete, QI/QD quantity, PC price, PQ both, CA any field, RZ replace the line... */
  change: string;
  previousQty?: number;
  variance?: number;
}

export interface OrderChangeSpec {
  partnerId?: string;
  po: string;
  /** 04 change (default), 05 replace, 01 cancel, 07 duplicate. */
  purpose?: "01" | "04" | "05" | "07";
  /** ChangeOrderSeqNumber. */
  sequence?: string;
  /** POChangeDate (YYYY-MM-DD). */
  changeDate?: string;
  /** A new requested delivery date (qualifier 002). */
  requestedDate?: string;
  /** A new ship-to location number. */
  shipTo?: string;
  lines?: OrderChangeLineSpec[];
}

/** The file name of a sample 860 (SPS names order changes `PC…`). */
export function changeFileNameOf(spec: OrderChangeSpec, suffix = "1"): string {
  return `PC${spec.po}-${suffix}-v7.7-BulkImport.json`;
}

/** A realistic 860 (RSX 7.7 JSON OrderChange) of the partner ACME: only what changes, line by line. */
export function make860(spec: OrderChangeSpec): Record<string, unknown> {
  return {
    Header: {
      OrderHeader: {
        TradingPartnerId: spec.partnerId ?? "ACME",
        PurchaseOrderNumber: spec.po,
        TsetPurposeCode: spec.purpose ?? "04",
        PrimaryPOTypeCode: "SA",
        ...(spec.sequence ? { ChangeOrderSeqNumber: spec.sequence } : {}),
        POChangeDate: spec.changeDate ?? "2026-11-25",
        PurchaseOrderDate: "2026-11-20",
      },
      ...(spec.requestedDate ? { Dates: [{ DateTimeQualifier: "002", Date: spec.requestedDate }] } : {}),
      ...(spec.shipTo ? { Address: [{ ...storeAddress, AddressLocationNumber: spec.shipTo }] } : {}),
    },
    LineItem: (spec.lines ?? []).map((line) => ({
      OrderLine: {
        LineSequenceNumber: line.line,
        ...(line.buyerPart ? { BuyerPartNumber: line.buyerPart } : {}),
        ...(line.vendorPart ? { VendorPartNumber: line.vendorPart } : {}),
        ...(line.upc ? { ConsumerPackageCode: line.upc } : {}),
        LineChangeCode: line.change,
        ...(line.qty !== undefined ? { OrderQty: line.qty } : {}),
        ...(line.uom ? { OrderQtyUOM: line.uom } : {}),
        ...(line.previousQty !== undefined ? { PreviousOrderQty: line.previousQty } : {}),
        ...(line.variance !== undefined ? { VarianceQty: line.variance } : {}),
        ...(line.price !== undefined ? { PurchasePrice: line.price } : {}),
      },
    })),
    ...(spec.lines && spec.lines.length > 0 ? { Summary: { TotalLineItemNumber: spec.lines.length } } : {}),
  };
}
