import type {
  CostCentreInput,
  CostCentreMapping,
  ItemIdentifierKind,
  ItemMapping,
  ItemMappingInput,
  MappingKind,
  MappingSetInput,
  ShipToInput,
  ShipToMapping,
  TradingPartner,
  TradingPartnerInput,
  UomMapping,
  UomMappingInput,
} from "./mapping-records.js";

/** The identifiers one order line carries; missing or blank ones are skipped. */
export type ItemIdentifiers = Partial<Record<ItemIdentifierKind, string | undefined>>;

/** The result of `findItem`: which identifier matched, and whether by the partner's own mapping or a global one. */
export interface ItemMatch {
  itemRef: string;
  matchedBy: ItemIdentifierKind;
  value: string;
  scope: "partner" | "global";
}

/** Identifies an item mapping (`partnerId` absent = global). */
export interface ItemMappingKey {
  partnerId?: string | undefined;
  kind: ItemIdentifierKind;
  value: string;
}

/** Identifies a UOM mapping (`partnerId` absent = global). */
export interface UomMappingKey {
  partnerId?: string | undefined;
  ediUnit: string;
}

/** Identifies a cost-centre mapping (`department` absent = the partner's default). */
export interface CostCentreKey {
  partnerId: string;
  department?: string | undefined;
}

/** The keys of every mapping read one 850 needs (see `MappingStore.readOrder`). */
export interface OrderMappingQuery {
  partnerId: string;
  /** The ship-to location number, when the order names one. */
  shipTo?: string | undefined;
  /** Each line's identifiers, in order: each resolved as `findItem` with the partner's `itemLookupOrder`. */
  lines: readonly ItemIdentifiers[];
  /** The EDI units of the lines, each once: each resolved as `findUom`. */
  units: readonly string[];
  /** The order's department: resolved as `findCostCentre`. */
  department?: string | undefined;
}

/**
 * What `readOrder` answers: each read as its own method answers it (`items` and `uoms` in the order of the query's
 * `lines` and `units`). For an unknown partner nothing else is read: the rest is empty.
 */
export interface OrderMappingReads {
  partner: TradingPartner | undefined;
  shipTo: ShipToMapping | undefined;
  items: (ItemMatch | undefined)[];
  uoms: (UomMapping | undefined)[];
  costCentre: CostCentreMapping | undefined;
}

/** How many records `upsertMany` wrote, per kind. */
export type MappingCounts = Record<MappingKind, number>;

/**
 * The reference data that turns an 850 into an X3 order. Set up once (config, CSV, or code), read on every document.
 * Lookups return `undefined` when nothing is mapped: the flow then rejects the document naming the field, never
 * creating half an order. Writes validate with the zod schemas of `mapping-records` and throw a `ConnectorError` of
 * kind `mapping` on bad input. Keys are compared exactly (after trimming), case-sensitively.
 */
export interface MappingStore {
  // Trading partners
  getPartner(partnerId: string): Promise<TradingPartner | undefined>;
  listPartners(): Promise<TradingPartner[]>;
  upsertPartner(partner: TradingPartnerInput): Promise<TradingPartner>;
  /** `true` when something was deleted. Does not cascade to the partner's other mappings. */
  deletePartner(partnerId: string): Promise<boolean>;

  // Ship-to addresses
  getShipTo(partnerId: string, locationNumber: string): Promise<ShipToMapping | undefined>;
  listShipTos(partnerId?: string): Promise<ShipToMapping[]>;
  upsertShipTo(shipTo: ShipToInput): Promise<ShipToMapping>;
  deleteShipTo(partnerId: string, locationNumber: string): Promise<boolean>;

  // Items
  /**
   * Resolves a line's ITMREF: tries the identifier kinds in `order` (default: the partner's `itemLookupOrder`, or
   * vendor part, buyer part, UPC, GTIN for an unknown partner); for each kind the partner's mapping first, then a
   * global one. The first hit wins.
   */
  findItem(
    partnerId: string,
    identifiers: ItemIdentifiers,
    order?: readonly ItemIdentifierKind[],
  ): Promise<ItemMatch | undefined>;
  /** The exact mapping for one key (no fallback to global). */
  getItem(key: ItemMappingKey): Promise<ItemMapping | undefined>;
  /** Items of one partner, `null` for the global ones, all when omitted. */
  listItems(partnerId?: string | null): Promise<ItemMapping[]>;
  upsertItem(item: ItemMappingInput): Promise<ItemMapping>;
  deleteItem(key: ItemMappingKey): Promise<boolean>;

  // Units of measure
  /** The partner's mapping of the EDI unit, else the global one. */
  findUom(partnerId: string | undefined, ediUnit: string): Promise<UomMapping | undefined>;
  listUoms(partnerId?: string | null): Promise<UomMapping[]>;
  upsertUom(uom: UomMappingInput): Promise<UomMapping>;
  deleteUom(key: UomMappingKey): Promise<boolean>;

  // Cost centres
  /** The department's dimensions, else the partner's default ones. */
  findCostCentre(partnerId: string, department?: string): Promise<CostCentreMapping | undefined>;
  listCostCentres(partnerId?: string): Promise<CostCentreMapping[]>;
  upsertCostCentre(costCentre: CostCentreInput): Promise<CostCentreMapping>;
  deleteCostCentre(key: CostCentreKey): Promise<boolean>;

  /** Validates everything first, then writes all records in one transaction (all or nothing). */
  upsertMany(set: MappingSetInput): Promise<MappingCounts>;

  /**
   * Optional: every read of one order at once (`getPartner`, `getShipTo`, `findItem` per line, `findUom` per unit,
   * `findCostCentre`), for a store that can answer them together, e.g. from memory without a promise per read (an
   * 850 makes one per line). Without it, orders-in makes the reads one by one (see `storeSupport.readOrderOneByOne`);
   * with it, the answers must be the same.
   */
  readOrder?(query: OrderMappingQuery): Promise<OrderMappingReads>;
}
