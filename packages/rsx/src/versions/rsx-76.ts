// RSX 7.6 <-> 7.7. SPS's 7.6 layout differs from 7.7 in a few group and element names (below); everything else keeps
// its name and the relative order of its children, so a 7.6 document is read by renaming it into the 7.7 model, and
// the 7.7 model is written as 7.6 by renaming back. Fields 7.6 has and 7.7 has no place for are kept on the side
// (`legacy`) and reported, never dropped.
import type { RsxDocumentType } from "../schemas/index.js";
import { childPath, type RsxIssue, type RsxPath } from "../validate/issues.js";
import type { ShapePlan } from "../xml/shape-plan.js";

export type RsxVersion = "7.6" | "7.7";
export const rsxVersions: readonly RsxVersion[] = ["7.6", "7.7"];

/** Element renames inside a group: 7.6 name -> 7.7 name, keyed by the group's (7.7) name. */
const RENAMED_IN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  OrderHeader: { PurchaseOrderTypeCode: "PrimaryPOTypeCode", POTypeDescription: "PrimaryPOTypeDescription" },
  Dates: { DateTimeQualifier1: "DateTimeQualifier", Date1: "Date", Time1: "Time" },
  Notes: { NoteInformationField: "Note" },
};

/** Singular 7.6 groups and their 7.7 (plural) names, wherever they appear. */
const RENAMED_GROUPS: Readonly<Record<string, string>> = {
  Date: "Dates",
  Contact: "Contacts",
  Reference: "References",
};

/** 7.6 elements with no 7.7 home, by group: kept in `legacy`. */
const LEGACY_IN: Readonly<Record<string, ReadonlySet<string>>> = {
  OrderHeader: new Set(["PromotionDealNumber", "PromotionDealDescription"]),
  Notes: new Set(["NoteFormatCode", "NoteFunctionCode"]),
  PaymentTerms: new Set(["Percent"]),
  Summary: new Set(["TotalQuantity"]),
};

/** 7.6 carries one seal per CarrierInformation as two elements; 7.7 a `SealNumbers` group. */
const SEAL_FIELDS = ["SealStatusCode", "SealNumber"] as const;

const TEXT = "#text";
const CDATA = "#cdata";

/** An element holding child elements (not a leaf, even with CDATA). */
function isGroupNode(node: unknown): boolean {
  const first = Array.isArray(node) ? node[0] : node;
  if (first === null || typeof first !== "object") return false;
  for (const key of Object.keys(first)) if (key !== TEXT && key !== CDATA) return true;
  return false;
}

function asRecord(node: unknown): Record<string, unknown> | undefined {
  return node !== null && typeof node === "object" && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : undefined;
}

/** The first entry of a group that may repeat (an XML element read once is an object, several an array). */
function firstOf(node: unknown): Record<string, unknown> | undefined {
  return asRecord(Array.isArray(node) ? node[0] : node);
}

/** 7.6 names a group of any level may hold (the levels of an 856, a line of an 850/855/810). */
function groupEvidence(group: Record<string, unknown>, where: string): string | undefined {
  if ("Date" in group) return `a Date group (DateTimeQualifier1, Date1) in ${where}`;
  if ("Contact" in group) return `a Contact group in ${where}`;
  if ("Reference" in group) return `a Reference group in ${where}`;
  const notes = firstOf(group.Notes);
  if (notes !== undefined && ("NoteInformationField" in notes || "NoteFormatCode" in notes)) {
    return `Notes.NoteInformationField in ${where}`;
  }
  return undefined;
}

const LEVELS = ["ContainerLevel", "OrderLevel", "PackLevel", "ItemLevel", "LineItem"] as const;

/** Looks into the first entry of each level, a few levels down (an 856 may carry its 7.6 groups only there). */
function levelEvidence(group: Record<string, unknown>, where: string, depth: number): string | undefined {
  if (depth > 4) return undefined;
  for (const level of LEVELS) {
    const entry = firstOf(group[level]);
    if (entry === undefined) continue;
    const at = `${where}${level}[0]`;
    const found = groupEvidence(entry, at) ?? levelEvidence(entry, `${at}.`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * What shows that a document (its root element's content, or the JSON object) is laid out as RSX 7.6: the element
 * that gave it away, or undefined for 7.7. Looks at the top levels and at the first entry of each level or line a
 * few levels down (groups and elements 7.7 does not have), so a 7.7 document costs a few dozen lookups.
 */
export function rsx76Evidence(document: unknown): string | undefined {
  const root = asRecord(document);
  if (root === undefined) return undefined;
  if ("LineItems" in root) return "a LineItems wrapper around the LineItem elements";
  const header = asRecord(root.Header);
  if (header !== undefined) {
    const found = groupEvidence(header, "the Header");
    if (found !== undefined) return found;
    const orderHeader = asRecord(header.OrderHeader);
    if (orderHeader !== undefined) {
      if ("PurchaseOrderTypeCode" in orderHeader) return "OrderHeader.PurchaseOrderTypeCode";
      if ("POTypeDescription" in orderHeader) return "OrderHeader.POTypeDescription";
    }
  }
  const summary = asRecord(root.Summary);
  if (summary !== undefined && "TotalQuantity" in summary) return "Summary.TotalQuantity";
  return levelEvidence(root, "", 0);
}

export interface Upgraded {
  /** The document with 7.7 names, in the same representation it came in (XML tree or JSON value). */
  readonly value: unknown;
  /** Values of 7.6 elements without a 7.7 home, by path (the 7.7 path of their group + the 7.6 name). */
  readonly legacy: Readonly<Record<RsxPath, unknown>>;
  readonly warnings: readonly RsxIssue[];
}

/**
 * Renames a 7.6 document into the 7.7 layout. `leafValue` turns a leaf node into its value (XML: decoded text);
 * `plan` is the 7.7 document's shape plan, used for the paths (a single XML element of a list is entry [0]).
 */
export function upgradeRsx76(
  document: unknown,
  plan: ShapePlan,
  leafValue: (node: unknown, name: string) => unknown,
): Upgraded {
  const legacy: Record<RsxPath, unknown> = {};
  const warnings: RsxIssue[] = [];

  function keep(path: RsxPath, name: string, node: unknown): void {
    const entries = Array.isArray(node) ? node : [node];
    entries.forEach((entry, i) => {
      const at = entries.length > 1 ? `${childPath(path, name)}[${i}]` : childPath(path, name);
      legacy[at] = leafValue(entry, name);
      warnings.push({
        path: at,
        code: "legacy_field",
        message: `${name} (RSX 7.6) has no place in RSX 7.7: its value ${JSON.stringify(legacy[at])} is kept in the result's legacy record under "${at}".`,
      });
    });
  }

  function walk(node: unknown, group: string, nodePlan: ShapePlan | undefined, path: RsxPath): unknown {
    if (Array.isArray(node)) {
      const element = nodePlan?.kind === "array" ? nodePlan.element : nodePlan;
      return node.map((entry, i) => walk(entry, group, element, `${path}[${i}]`));
    }
    if (nodePlan?.kind === "array") return walk(node, group, nodePlan.element, `${path}[0]`);
    const record = asRecord(node);
    if (record === undefined || !isGroupNode(record)) return node;
    const out: Record<string, unknown> = {};
    const renames = RENAMED_IN[group];
    const legacyNames = LEGACY_IN[group];
    let seal: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(record)) {
      if (key === TEXT || key === CDATA) {
        out[key] = child;
        continue;
      }
      if (legacyNames?.has(key)) {
        keep(path, key, child);
        continue;
      }
      if (group === "CarrierInformation" && (SEAL_FIELDS as readonly string[]).includes(key) && !isGroupNode(child)) {
        seal ??= {};
        seal[key] = child;
        if (!("SealNumbers" in out)) out.SealNumbers = undefined; // keeps its place among the children
        continue;
      }
      if (key === "LineItems" && path === "" && asRecord(child) !== undefined) {
        // Anything else in the wrapper stays under its name, so the schema reports it instead of it being lost.
        const { LineItem: lines, ...rest } = child as Record<string, unknown>;
        if (lines !== undefined) out.LineItem = walk(lines, "LineItem", objectField(nodePlan, "LineItem"), "LineItem");
        if (Object.keys(rest).length > 0) out.LineItems = rest;
        continue;
      }
      let name = renames?.[key] ?? key;
      // A singular group (Date, Contact, Reference) is renamed where 7.7 has the plural group and no element of
      // that name (References keeps its Date element).
      const plural = RENAMED_GROUPS[key];
      if (plural !== undefined && nodePlan?.kind === "object" && !nodePlan.has(key) && nodePlan.has(plural)) {
        name = plural;
      }
      out[name] = walk(child, name, objectField(nodePlan, name), childPath(path, name));
    }
    if (seal !== undefined) {
      const existing = out.SealNumbers;
      out.SealNumbers =
        existing === undefined ? [seal] : Array.isArray(existing) ? [...existing, seal] : [existing, seal];
    }
    return out;
  }

  return { value: walk(document, "", plan, ""), legacy, warnings };
}

function objectField(plan: ShapePlan | undefined, key: string): ShapePlan | undefined {
  return plan?.kind === "object" ? plan.field(key) : undefined;
}

const DOWN_RENAMED_IN: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.fromEntries(
  Object.entries(RENAMED_IN).map(([group, renames]) => [
    group,
    Object.fromEntries(Object.entries(renames).map(([old, now]) => [now, old])),
  ]),
);
const DOWN_GROUPS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RENAMED_GROUPS).map(([old, now]) => [now, old]),
);

/**
 * Writes a 7.7 document (a JSON value with keys in schema order) in the 7.6 layout: the renames reversed, the lines
 * wrapped in `LineItems`, a single seal written as CarrierInformation's two elements. 7.7 groups 7.6 does not name
 * differently keep their names, so `upgradeRsx76(downgradeToRsx76(doc))` is `doc` again.
 */
export function downgradeToRsx76(document: unknown, _type: RsxDocumentType): unknown {
  function walk(node: unknown, group: string, top: boolean): unknown {
    if (Array.isArray(node)) return node.map((entry) => walk(entry, group, false));
    const record = asRecord(node);
    if (record === undefined) return node;
    const out: Record<string, unknown> = {};
    const renames = DOWN_RENAMED_IN[group];
    for (const [key, child] of Object.entries(record)) {
      if (child === undefined) continue;
      if (top && key === "LineItem") {
        out.LineItems = { LineItem: walk(child, "LineItem", false) };
        continue;
      }
      if (group === "CarrierInformation" && key === "SealNumbers" && isSingleSeal(child, record)) {
        const only = (child as Array<Record<string, unknown>>)[0] ?? {};
        for (const field of SEAL_FIELDS) if (only[field] !== undefined) out[field] = only[field];
        continue;
      }
      const groupName = DOWN_GROUPS[key];
      const name = renames?.[key] ?? (groupName !== undefined && typeof child === "object" ? groupName : key);
      out[name] = walk(child, key, false);
    }
    return out;
  }
  return walk(document, "", true);
}

/** One seal with at least one of its two fields, and no seal elements of 7.6's form beside it. */
function isSingleSeal(value: unknown, carrier: Record<string, unknown>): boolean {
  if (!Array.isArray(value) || value.length !== 1) return false;
  const only = asRecord(value[0]);
  if (only === undefined || carrier.SealNumber !== undefined || carrier.SealStatusCode !== undefined) return false;
  const keys = Object.keys(only).filter((k) => only[k] !== undefined);
  return keys.length > 0 && keys.every((k) => (SEAL_FIELDS as readonly string[]).includes(k));
}
