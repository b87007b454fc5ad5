/** The classes the Sage X3 sandbox serves, their keys, child collections and query-facet properties. */

export const sageX3SandboxClasses = [
  "SORDER",
  "SDELIVERY",
  "SINVOICE",
  "PORDER",
  "BPCUSTOMER",
  "BPSUPPLIER",
  "ITMMASTER",
  "CACCE",
  "FACILITY",
] as const;

export type SandboxClassName = (typeof sageX3SandboxClasses)[number];

export type X3Record = Record<string, unknown>;

export interface ClassModel {
  keyFields: readonly string[];
  /** The embedded child collection, when the class has lines. */
  lines?: string;
  lineKey?: string;
  /** Properties of the query facet: `where` and `orderBy` may use these, others get the X3 500. */
  fields: readonly string[];
  /**
   * Properties with an index, as X3 keeps on the natural keys the connector looks orders up by (the customer's order
   * reference, the supplier's): a `where` with `FIELD eq 'value'` among its top-level `and`s reads the index.
   */
  indexed?: readonly string[];
}

const technical = ["CREDATTIM", "UPDDATTIM"] as const;

export const classModels: Record<SandboxClassName, ClassModel> = {
  SORDER: {
    keyFields: ["SOHNUM"],
    lines: "SOHSOP",
    lineKey: "SOPLIN",
    indexed: ["CUSORDREF"],
    fields: [
      "SOHNUM",
      "SOHTYP",
      "SALFCY",
      "STOFCY",
      "CPY",
      "BPCORD",
      "BPCINV",
      "BPAADD",
      "CUSORDREF",
      "ORDDAT",
      "DEMDLVDAT",
      "SHIDAT",
      "CUR",
      "PTE",
      "ORDNOT",
      "ORDATI",
      "ORDSTA",
      "ALLSTA",
      "DLVSTA",
      "INVSTA",
      "CFMFLG",
      ...technical,
    ],
  },
  SDELIVERY: {
    keyFields: ["SDHNUM"],
    lines: "SDHSDD",
    lineKey: "SDDLIN",
    fields: [
      "SDHNUM",
      "SDHTYP",
      "SALFCY",
      "STOFCY",
      "CPY",
      "BPCORD",
      "BPCINV",
      "BPAADD",
      "SOHNUM",
      "CUSORDREF",
      "DLVDAT",
      "SHIDAT",
      "CFMFLG",
      "BPTNUM",
      "MDL",
      "BOLNUM",
      "TRKNUM",
      ...technical,
    ],
  },
  SINVOICE: {
    keyFields: ["NUM"],
    lines: "SIVSID",
    lineKey: "SIDLIN",
    fields: [
      "NUM",
      "SIVTYP",
      "INVTYP",
      "CPY",
      "SALFCY",
      "BPR",
      "BPCINV",
      "BPCORD",
      "INVDAT",
      "ACCDAT",
      "CUR",
      "AMTNOT",
      "AMTATI",
      "AMTTAX",
      "INVSTA",
      "STA",
      "SOHNUM",
      "CUSORDREF",
      ...technical,
    ],
  },
  PORDER: {
    keyFields: ["POHNUM"],
    lines: "POHPOP",
    lineKey: "POPLIN",
    indexed: ["ORDREF"],
    fields: [
      "POHNUM",
      "POHFCY",
      "BPSNUM",
      "BPSINV",
      "CPY",
      "ORDDAT",
      "ORDREF",
      "CUR",
      "BUY",
      "TOTORD",
      "TTVORD",
      "CLEFLG",
      "RCPFLG",
      "INVFLG",
      ...technical,
    ],
  },
  BPCUSTOMER: {
    keyFields: ["BPCNUM"],
    fields: ["BPCNUM", "BPCNAM", "BPCSTA", "CUR", "PTE", "BPCINV", "BPAADD", ...technical],
  },
  BPSUPPLIER: { keyFields: ["BPSNUM"], fields: ["BPSNUM", "BPSNAM", "BPSSHO", "CUR", ...technical] },
  ITMMASTER: {
    keyFields: ["ITMREF"],
    fields: [
      "ITMREF",
      "ITMDES1",
      "TCLCOD",
      "ITMSTA",
      "STU",
      "SAU",
      "SAUSTUCOE",
      "PUU",
      "EANCOD",
      "UPCCOD",
      "BASPRI",
      ...technical,
    ],
  },
  CACCE: { keyFields: ["DIE", "CCE"], fields: ["DIE", "CCE", "DES", "DESSHO", ...technical] },
  FACILITY: { keyFields: ["FCY"], fields: ["FCY", "FCYNAM", "LEGCPY", "CRY", ...technical] },
};

export function isSandboxClass(name: string): name is SandboxClassName {
  return (sageX3SandboxClasses as readonly string[]).includes(name);
}

/** The key of a record as X3 writes it in URLs: components joined with `~`. */
export function recordKey(className: SandboxClassName, record: X3Record): string {
  return classModels[className].keyFields.map((field) => String(record[field] ?? "")).join("~");
}
