import { z } from "zod";

/**
 * zod schemas of the mapping records: the boundary where mappings enter (config, CSV, `upsert*`). Every
 * `MappingStore.upsert*` validates with these; the types below are their outputs.
 */

const code = (max: number) => z.string().trim().min(1).max(max);

/** SPS TradingPartnerId: 1-15 characters. */
export const partnerIdSchema = code(15);

/** The identifiers an 850 line may carry, in the names `itemLookupOrder` uses. */
export const itemIdentifierKindSchema = z.enum(["vendorPartNumber", "buyerPartNumber", "upc", "gtin"]);
export type ItemIdentifierKind = z.infer<typeof itemIdentifierKindSchema>;

/** The lookup order used when a partner does not set one. */
export const defaultItemLookupOrder: readonly ItemIdentifierKind[] = [
  "vendorPartNumber",
  "buyerPartNumber",
  "upc",
  "gtin",
];

/** The RSX layouts the connector writes. */
export const rsxVersionSchema = z.enum(["7.7", "7.6"]);

export const orderKindSchema = z.enum(["sales", "purchase"]);
/** `sales` creates an X3 sales order (SORDER, default); `purchase` a purchase order (PORDER). */
export type OrderKind = z.infer<typeof orderKindSchema>;

/** A trading partner profile: who an SPS partner is in X3 and how its orders are created. */
export const tradingPartnerSchema = z
  .object({
    partnerId: partnerIdSchema,
    name: z.string().trim().max(120).optional(),
    orderKind: orderKindSchema.default("sales"),
    /** BPCUSTOMER.BPCNUM, required for `sales`. */
    x3Customer: code(15).optional(),
    /** BPSUPPLIER.BPSNUM, required for `purchase`. */
    x3Supplier: code(15).optional(),
    /** SALFCY (sales) or POHFCY (purchase). */
    site: code(5),
    /** SOHTYP / POHTYP. */
    orderType: code(5),
    /** ISO 4217. */
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, "expected a 3-letter ISO 4217 code such as USD"),
    /** Which line identifiers to try, first match wins. Each kind at most once. */
    itemLookupOrder: z
      .array(itemIdentifierKindSchema)
      .min(1)
      .refine((kinds) => new Set(kinds).size === kinds.length, "each identifier kind may appear once")
      .default([...defaultItemLookupOrder]),
    /** Use SPS's test mailboxes (`testout/`, `testin/`) for this partner. */
    testMode: z.boolean().default(false),
    /**
     * The RSX version of this partner's SPS connection: what we write to it (855, 856, 810) and how their files are
     * named. Its 850s are read in either version. Default 7.7.
     */
    rsxVersion: rsxVersionSchema.default("7.7"),
  })
  .superRefine((partner, ctx) => {
    if (partner.orderKind === "sales" && partner.x3Customer === undefined) {
      ctx.addIssue({ code: "custom", path: ["x3Customer"], message: "required when orderKind is sales" });
    }
    if (partner.orderKind === "purchase" && partner.x3Supplier === undefined) {
      ctx.addIssue({ code: "custom", path: ["x3Supplier"], message: "required when orderKind is purchase" });
    }
  });
export type TradingPartner = z.output<typeof tradingPartnerSchema>;
export type TradingPartnerInput = z.input<typeof tradingPartnerSchema>;

/** Ship-to location number (N1 ST / AddressLocationNumber) of a partner → X3 delivery address code (BPAADD). */
export const shipToSchema = z.object({
  partnerId: partnerIdSchema,
  locationNumber: code(80),
  x3AddressCode: code(5),
  /** The business partner owning the address, when it is not the partner's customer (e.g. a store). */
  x3Customer: code(15).optional(),
});
export type ShipToMapping = z.output<typeof shipToSchema>;
export type ShipToInput = z.input<typeof shipToSchema>;

/** One identifier → ITMREF. Without `partnerId` the mapping is global; a partner's own mapping wins over a global one. */
export const itemMappingSchema = z.object({
  partnerId: partnerIdSchema.optional(),
  kind: itemIdentifierKindSchema,
  value: code(80),
  itemRef: code(20),
});
export type ItemMapping = z.output<typeof itemMappingSchema>;
export type ItemMappingInput = z.input<typeof itemMappingSchema>;

/**
 * One X3 item with all its identifiers, as config files may write it: `{ partnerId?, itemRef, vendorPartNumber?,
 * buyerPartNumber?, upc?, gtin? }`. Loading turns it into one `ItemMapping` per identifier set (blank ones ignored),
 * each checked by `itemMappingSchema`.
 */
export const itemCrossReferenceSchema = z.strictObject({
  partnerId: partnerIdSchema.optional(),
  itemRef: z.string(),
  vendorPartNumber: z.string().optional(),
  buyerPartNumber: z.string().optional(),
  upc: z.string().optional(),
  gtin: z.string().optional(),
});
export type ItemCrossReference = z.output<typeof itemCrossReferenceSchema>;

/** An item as configuration writes it: one mapping (`{ kind, value, itemRef }`) or a cross-reference. */
export const configItemSchema = z.union([itemMappingSchema.strict(), itemCrossReferenceSchema]);

/** EDI unit of measure (e.g. `EA`, `CA`) → X3 sales unit. Without `partnerId` the mapping is global. */
export const uomMappingSchema = z.object({
  partnerId: partnerIdSchema.optional(),
  ediUnit: code(10),
  x3Unit: code(3),
});
export type UomMapping = z.output<typeof uomMappingSchema>;
export type UomMappingInput = z.input<typeof uomMappingSchema>;

/**
 * Partner (and optionally department) → analytical dimension codes: dimension type (CACCE.DIE, e.g. `CCT`) →
 * dimension value (CACCE.CCE). Without `department` the mapping is the partner's default.
 */
export const costCentreSchema = z.object({
  partnerId: partnerIdSchema,
  department: code(30).optional(),
  dimensions: z.record(code(10), code(15)).refine((d) => Object.keys(d).length > 0, "at least one dimension"),
});
export type CostCentreMapping = z.output<typeof costCentreSchema>;
export type CostCentreInput = z.input<typeof costCentreSchema>;

/** Every mapping kind, as the loaders and `MappingStore.upsertMany` take them. */
export const mappingSetSchema = z.object({
  partners: z.array(tradingPartnerSchema).default([]),
  shipTos: z.array(shipToSchema).default([]),
  items: z.array(itemMappingSchema).default([]),
  uoms: z.array(uomMappingSchema).default([]),
  costCentres: z.array(costCentreSchema).default([]),
});
export type MappingSet = z.output<typeof mappingSetSchema>;
export type MappingSetInput = z.input<typeof mappingSetSchema>;
export type MappingKind = keyof MappingSet;
export const mappingKinds: readonly MappingKind[] = ["partners", "shipTos", "items", "uoms", "costCentres"];
