import { readFile } from "node:fs/promises";
import type { MappingCounts, MappingStore } from "@ml-connector/state";
import {
  configItemSchema,
  issuePath,
  itemIdentifierKindSchema,
  itemMappingSchema,
  type MappingIssue,
  type MappingKind,
  type MappingSet,
  type MappingSetInput,
  mappingError,
  mappingKinds,
  mappingSetSchema,
  sharedPartyIssues,
  type TradingPartner,
  tradingPartnerSchema,
} from "@ml-connector/state";
import { z } from "zod";
import { loadMappingsCsv } from "./csv.js";

export type { LoadMappingsCsvOptions } from "./csv.js";
export { loadMappingsCsv };

const configSchema = mappingSetSchema.extend({
  items: z.array(configItemSchema).default([]),
});

/**
 * Validates a mappings object from configuration (JSON, YAML, code) and returns the records ready for
 * `MappingStore.upsertMany`. The shape is `{ partners, shipTos, items, uoms, costCentres }` (all optional) with the
 * records of `mapping-records`; an item may also be written as `{ partnerId?, itemRef, vendorPartNumber?,
 * buyerPartNumber?, upc?, gtin? }`. Throws a `ConnectorError` of kind `mapping` listing every problem by path
 * (e.g. `partners[1].currency`), prefixed by `source` (a file name) when given.
 */
export function loadMappingsFromConfig(config: unknown, options: { source?: string | undefined } = {}): MappingSet {
  const file = options.source;
  if (typeof config === "object" && config !== null && !Array.isArray(config)) {
    const unknownKeys = Object.keys(config).filter((key) => !(mappingKinds as readonly string[]).includes(key));
    if (unknownKeys.length > 0) {
      throw mappingError(
        "Invalid mappings",
        unknownKeys.map((key) => ({
          file,
          path: key,
          message: `unknown mapping kind "${key}" (expected ${mappingKinds.join(", ")})`,
        })),
        file,
      );
    }
  }
  const result = configSchema.safeParse(config);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ file, path: issuePath(issue.path), message: issue.message }));
    throw mappingError("Invalid mappings", issues, file);
  }
  const items: MappingSet["items"] = [];
  const issues: MappingIssue[] = [];
  result.data.items.forEach((item, index) => {
    if ("kind" in item) {
      items.push(item);
      return;
    }
    const kinds = itemIdentifierKindSchema.options.filter(
      (kind) => item[kind] !== undefined && item[kind].trim() !== "",
    );
    if (kinds.length === 0) {
      issues.push({
        file,
        path: `items[${index}]`,
        message: "no identifier: set vendorPartNumber, buyerPartNumber, upc or gtin",
      });
    }
    for (const kind of kinds) {
      const parsed = itemMappingSchema.safeParse({
        partnerId: item.partnerId,
        kind,
        value: item[kind],
        itemRef: item.itemRef,
      });
      if (parsed.success) items.push(parsed.data);
      else {
        for (const issue of parsed.error.issues) {
          const field = issue.path[0] === "value" ? kind : String(issue.path[0] ?? "");
          issues.push({ file, path: `items[${index}].${field}`, message: issue.message });
        }
      }
    }
  });
  issues.push(...sharedPartyIssues(result.data.partners, [], file));
  if (issues.length > 0) throw mappingError("Invalid mappings", issues, file);
  return { ...result.data, items };
}

/** Writes a mapping set to a store in one transaction. */
export async function applyMappings(store: MappingStore, set: MappingSetInput): Promise<MappingCounts> {
  const partners = (set.partners ?? []).flatMap((input) => {
    const parsed = tradingPartnerSchema.safeParse(input);
    return parsed.success ? [parsed.data] : [];
  });
  await refuseSharedParties(store, partners);
  return store.upsertMany(set);
}

/** Refuses partners that would share an X3 customer with each other or with the stored ones (`sharedPartyIssues`). */
async function refuseSharedParties(store: MappingStore, incoming: TradingPartner[], file?: string): Promise<void> {
  if (incoming.length === 0) return;
  const issues = sharedPartyIssues(incoming, await store.listPartners(), file);
  if (issues.length > 0) throw mappingError("Partners share an X3 customer", issues, file);
}

/**
 * Reads a CSV file of one mapping kind (see `csvColumns` for the headers), validates every row and writes all of them
 * to the store in one transaction. Returns the number of records written. A file with any invalid row writes nothing.
 */
export async function importMappingCsvFile(store: MappingStore, kind: MappingKind, path: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw mappingError(
      "Cannot read mappings file",
      [{ file: path, message: error instanceof Error ? error.message : String(error) }],
      path,
    );
  }
  const records = loadMappingsCsv(kind, text, { fileName: path });
  if (kind === "partners") {
    const partners = records.flatMap((record) => {
      const parsed = tradingPartnerSchema.safeParse(record);
      return parsed.success ? [parsed.data] : [];
    });
    await refuseSharedParties(store, partners, path);
  }
  const counts = await store.upsertMany({ [kind]: records } as Partial<MappingSet>);
  return counts[kind];
}
