import type { z } from "zod";
import { ConnectorError } from "../ports/errors.js";
import {
  type CostCentreInput,
  type CostCentreMapping,
  costCentreSchema,
  type ItemMapping,
  type ItemMappingInput,
  itemMappingSchema,
  type MappingKind,
  type MappingSet,
  type MappingSetInput,
  mappingSetSchema,
  type ShipToInput,
  type ShipToMapping,
  shipToSchema,
  type TradingPartner,
  type TradingPartnerInput,
  tradingPartnerSchema,
  type UomMapping,
  type UomMappingInput,
  uomMappingSchema,
} from "../ports/mapping-records.js";

/** One problem found while loading mappings. `row` is the 1-based line of a CSV file (the header is line 1). */
export interface MappingIssue {
  file?: string | undefined;
  row?: number | undefined;
  column?: string | undefined;
  /** Path inside the record or config object, e.g. `partners[2].currency`. */
  path?: string | undefined;
  message: string;
}

/** The `details` of a `mapping` ConnectorError raised while loading or writing mappings. */
export interface MappingErrorDetails {
  file?: string | undefined;
  issues: MappingIssue[];
}

/** Renders issues as `file:row column: message` lines for the error message. */
export function formatMappingIssues(issues: readonly MappingIssue[]): string {
  return issues
    .map((issue) => {
      const where = [
        issue.file,
        issue.row === undefined ? undefined : `row ${issue.row}`,
        issue.column === undefined ? undefined : `column ${issue.column}`,
        issue.path === undefined || issue.column !== undefined ? undefined : issue.path,
      ]
        .filter((part) => part !== undefined && part !== "")
        .join(", ");
      return where === "" ? issue.message : `${where}: ${issue.message}`;
    })
    .join("\n");
}

/** Builds the `mapping` ConnectorError for a list of issues. */
export function mappingError(summary: string, issues: MappingIssue[], file?: string): ConnectorError {
  const details: MappingErrorDetails = { file, issues };
  const shown = issues.slice(0, 20);
  const more = issues.length > shown.length ? `\n... and ${issues.length - shown.length} more` : "";
  return new ConnectorError(`${summary}\n${formatMappingIssues(shown)}${more}`, { kind: "mapping", details });
}

/** Dotted/bracketed path of a zod issue, e.g. `partners[2].currency`. */
export function issuePath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
  throw mappingError(`Invalid ${what}`, issues);
}

export const parseTradingPartner = (input: TradingPartnerInput): TradingPartner =>
  parseWith(tradingPartnerSchema, input, "trading partner mapping");
export const parseShipTo = (input: ShipToInput): ShipToMapping => parseWith(shipToSchema, input, "ship-to mapping");
export const parseItemMapping = (input: ItemMappingInput): ItemMapping =>
  parseWith(itemMappingSchema, input, "item mapping");
export const parseUomMapping = (input: UomMappingInput): UomMapping =>
  parseWith(uomMappingSchema, input, "UOM mapping");
export const parseCostCentre = (input: CostCentreInput): CostCentreMapping =>
  parseWith(costCentreSchema, input, "cost-centre mapping");
export const parseMappingSet = (input: MappingSetInput): MappingSet => parseWith(mappingSetSchema, input, "mappings");

/** Counts of a mapping set, per kind. */
export function countMappings(set: MappingSet): Record<MappingKind, number> {
  return {
    partners: set.partners.length,
    shipTos: set.shipTos.length,
    items: set.items.length,
    uoms: set.uoms.length,
    costCentres: set.costCentres.length,
  };
}

/**
 * Two SPS partners mapped to one X3 customer (or supplier): their orders would share one X3 key (customer + PO
 * number), so the second partner's PO 1001 would be taken for the first one's and dropped as a duplicate. Refused:
 * give each partner its own X3 customer (a sub-account), or use one partner id. `existing` are the partners already
 * in the store; an incoming partner replaces the stored one of the same id.
 */
export function sharedPartyIssues(
  incoming: readonly TradingPartner[],
  existing: readonly TradingPartner[] = [],
  file?: string,
): MappingIssue[] {
  const incomingIds = new Set(incoming.map((partner) => partner.partnerId));
  const partners = [...existing.filter((partner) => !incomingIds.has(partner.partnerId)), ...incoming];
  const byParty = new Map<string, string[]>();
  for (const partner of partners) {
    const party = partner.orderKind === "purchase" ? partner.x3Supplier : partner.x3Customer;
    if (party === undefined) continue;
    const key = `${partner.orderKind === "purchase" ? "X3 supplier" : "X3 customer"} ${party}`;
    byParty.set(key, [...(byParty.get(key) ?? []), partner.partnerId]);
  }
  return [...byParty.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([party, ids]) => ({
      file,
      path: "partners",
      message: `partners ${ids.join(", ")} are all mapped to ${party}: X3 finds an order by customer + PO number, so one partner's PO would be taken for another's. Give each partner its own X3 customer (or supplier).`,
    }));
}
