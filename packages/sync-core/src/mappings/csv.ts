import {
  costCentreSchema,
  type ItemIdentifierKind,
  itemIdentifierKindSchema,
  itemMappingSchema,
  type MappingIssue,
  type MappingKind,
  type MappingSet,
  mappingError,
  shipToSchema,
  tradingPartnerSchema,
  uomMappingSchema,
} from "@ml-connector/state";
import { parse } from "csv-parse/sync";
import { z } from "zod";

/**
 * The CSV formats, one file per mapping kind. The first line names the columns (in any order); column names are the
 * field names of the records. Empty cells mean "not set". A UTF-8 BOM is accepted, fields may be quoted.
 *
 * - `partners`: `partnerId, name, orderKind, x3Customer, x3Supplier, site, orderType, currency, itemLookupOrder, testMode, rsxVersion`.
 *   `orderKind` is `sales` (default) or `purchase`; `itemLookupOrder` lists identifier kinds separated by `|`, `;` or
 *   spaces (e.g. `buyerPartNumber|upc`); `testMode` is `true/false`, `yes/no` or `1/0`; `rsxVersion` is `7.7` (default) or `7.6`.
 * - `shipTos`: `partnerId, locationNumber, x3AddressCode, x3Customer`.
 * - `items`, one row per X3 item: `partnerId, itemRef, vendorPartNumber, buyerPartNumber, upc, gtin` (a blank `partnerId`
 *   makes the row global; every non-blank identifier becomes one mapping) - or one row per identifier:
 *   `partnerId, kind, value, itemRef`.
 * - `uoms`: `partnerId, ediUnit, x3Unit` (blank `partnerId` = global).
 * - `costCentres`: `partnerId, department, dimensions`, with `dimensions` as `TYPE=CODE` pairs separated by `;`
 *   (e.g. `CCT=RETAIL;DEP=D42`); a blank `department` is the partner's default.
 */
export const csvColumns: Readonly<Record<MappingKind, { required: readonly string[]; optional: readonly string[] }>> = {
  partners: {
    required: ["partnerId", "site", "orderType", "currency"],
    optional: ["name", "orderKind", "x3Customer", "x3Supplier", "itemLookupOrder", "testMode", "rsxVersion"],
  },
  shipTos: { required: ["partnerId", "locationNumber", "x3AddressCode"], optional: ["x3Customer"] },
  items: {
    required: ["itemRef"],
    optional: ["partnerId", "vendorPartNumber", "buyerPartNumber", "upc", "gtin", "kind", "value"],
  },
  uoms: { required: ["ediUnit", "x3Unit"], optional: ["partnerId"] },
  costCentres: { required: ["partnerId", "dimensions"], optional: ["department"] },
};

type Row = Record<string, string>;
type Cells = Record<string, string | undefined>;

/** Non-blank cells only. */
function cellsOf(row: Row): Cells {
  const cells: Cells = {};
  for (const [column, value] of Object.entries(row)) {
    const trimmed = value.trim();
    if (trimmed !== "") cells[column] = trimmed;
  }
  return cells;
}

const booleanCell = z
  .string()
  .transform((value, ctx) => {
    const v = value.toLowerCase();
    if (["true", "yes", "y", "1"].includes(v)) return true;
    if (["false", "no", "n", "0"].includes(v)) return false;
    ctx.addIssue({ code: "custom", message: `expected true or false, got "${value}"` });
    return z.NEVER;
  })
  .optional();

const listCell = z
  .string()
  .transform((value) => value.split(/[|;,\s]+/).filter((part) => part !== ""))
  .optional();

const dimensionsCell = z.string().transform((value, ctx) => {
  const dimensions: Record<string, string> = {};
  for (const pair of value.split(";")) {
    if (pair.trim() === "") continue;
    const [type, code, ...rest] = pair.split("=");
    if (type === undefined || code === undefined || rest.length > 0 || type.trim() === "" || code.trim() === "") {
      ctx.addIssue({ code: "custom", message: `expected TYPE=CODE pairs separated by ";", got "${pair.trim()}"` });
      return z.NEVER;
    }
    dimensions[type.trim()] = code.trim();
  }
  return dimensions;
});

/** A row turns into records, or into issues located by column. */
type RowResult<T> = { records: T[]; issues: { column?: string; message: string }[] };

function fromSchema<T>(
  schema: z.ZodType<T>,
  input: unknown,
  columnOf: (path: readonly PropertyKey[]) => string | undefined,
): RowResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { records: [result.data], issues: [] };
  return {
    records: [],
    issues: result.error.issues.map((issue) => ({ column: columnOf(issue.path), message: issue.message })),
  };
}

const firstSegment = (path: readonly PropertyKey[]) => (path.length > 0 ? String(path[0]) : undefined);

const rowParsers: { [K in MappingKind]: (cells: Cells) => RowResult<MappingSet[K][number]> } = {
  partners(cells) {
    const cellSchema = z.object({ testMode: booleanCell, itemLookupOrder: listCell });
    const pre = cellSchema.safeParse({ testMode: cells.testMode, itemLookupOrder: cells.itemLookupOrder });
    if (pre.success) return fromSchema(tradingPartnerSchema, { ...cells, ...pre.data }, firstSegment);
    // Report the other cells' problems too, not only the first bad one.
    const rest = fromSchema(
      tradingPartnerSchema,
      { ...cells, testMode: undefined, itemLookupOrder: undefined },
      firstSegment,
    );
    const cellIssues = pre.error.issues.map((i) => ({ column: firstSegment(i.path), message: i.message }));
    return { records: [], issues: [...cellIssues, ...rest.issues] };
  },
  shipTos: (cells) => fromSchema(shipToSchema, cells, firstSegment),
  uoms: (cells) => fromSchema(uomMappingSchema, cells, firstSegment),
  costCentres(cells) {
    const dims = dimensionsCell.safeParse(cells.dimensions ?? "");
    if (dims.success) return fromSchema(costCentreSchema, { ...cells, dimensions: dims.data }, firstSegment);
    const rest = fromSchema(costCentreSchema, { ...cells, dimensions: { X: "X" } }, firstSegment);
    const cellIssues = dims.error.issues.map((i) => ({ column: "dimensions", message: i.message }));
    return { records: [], issues: [...cellIssues, ...rest.issues] };
  },
  items(cells) {
    if (cells.kind !== undefined || cells.value !== undefined) {
      return fromSchema(itemMappingSchema, cells, firstSegment);
    }
    const kinds = itemIdentifierKindSchema.options.filter((kind) => cells[kind] !== undefined);
    if (kinds.length === 0) {
      return {
        records: [],
        issues: [{ message: "no identifier: fill vendorPartNumber, buyerPartNumber, upc or gtin" }],
      };
    }
    const out: RowResult<MappingSet["items"][number]> = { records: [], issues: [] };
    for (const kind of kinds) {
      const one = fromSchema(
        itemMappingSchema,
        { partnerId: cells.partnerId, itemRef: cells.itemRef, kind, value: cells[kind] },
        (path) => (firstSegment(path) === "value" ? (kind satisfies ItemIdentifierKind) : firstSegment(path)),
      );
      out.records.push(...one.records);
      for (const issue of one.issues) {
        if (!out.issues.some((seen) => seen.column === issue.column && seen.message === issue.message))
          out.issues.push(issue);
      }
    }
    return out;
  },
};

/** Options of `loadMappingsCsv`. */
export interface LoadMappingsCsvOptions {
  /** Named in error messages and details. */
  fileName?: string | undefined;
}

/**
 * Parses and validates one CSV file of mappings. All problems are collected and thrown together as one
 * `ConnectorError` of kind `mapping` whose `details.issues` name the file, the row (line number, header = 1) and the
 * column of each. Nothing is returned unless every row is valid.
 */
export function loadMappingsCsv<K extends MappingKind>(
  kind: K,
  csvText: string,
  options: LoadMappingsCsvOptions = {},
): MappingSet[K] {
  const file = options.fileName;
  const columns = csvColumns[kind];
  if (columns === undefined) {
    throw mappingError("Unknown mapping kind", [{ file, message: `unknown mapping kind "${String(kind)}"` }], file);
  }
  const known = new Set([...columns.required, ...columns.optional]);
  const issues: MappingIssue[] = [];
  let rows: { record: Row; info: { lines: number } }[];
  try {
    rows = parse(csvText, {
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((name) => name.trim());
        for (const name of names) {
          if (!known.has(name)) issues.push({ file, row: 1, column: name, message: `unknown column "${name}"` });
        }
        for (const name of columns.required) {
          if (!names.includes(name)) issues.push({ file, row: 1, column: name, message: `missing column "${name}"` });
        }
        return names;
      },
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    const line = typeof error === "object" && error !== null && "lines" in error ? Number(error.lines) : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw mappingError(`Cannot read ${kind} mappings`, [{ file, row: line, message }], file);
  }
  if (issues.length > 0) throw mappingError(`Invalid ${kind} mappings`, issues, file);

  const parseRow = rowParsers[kind] as (cells: Cells) => RowResult<MappingSet[K][number]>;
  const records: MappingSet[K][number][] = [];
  for (const { record, info } of rows) {
    const result = parseRow(cellsOf(record));
    records.push(...result.records);
    for (const issue of result.issues)
      issues.push({ file, row: info.lines, column: issue.column, message: issue.message });
  }
  if (issues.length > 0) throw mappingError(`Invalid ${kind} mappings`, issues, file);
  return records as MappingSet[K];
}
