import type { z } from "zod";
import { type RsxDocumentMap, type RsxDocumentType, rsxDocumentSchemas } from "../schemas/index.js";
import type { RsxIssue } from "../validate/issues.js";
import { downgradeToRsx76, type RsxVersion } from "../versions/rsx-76.js";
import { xmlNames } from "../xml/roots.js";
import { type ShapePlan, shapePlanOf, unknownPlan } from "../xml/shape-plan.js";
import { type ForbiddenCharacters, valueToXml } from "../xml/value-to-xml.js";

export type RsxFormat = "json" | "xml";

export interface SerializeOptions<T extends RsxDocumentType> {
  readonly type: T;
  readonly format: RsxFormat;
  /** Spaces per level (default 2); 0 for a single line. */
  readonly indent?: number;
  /** The RSX layout to write: "7.7" (default) or "7.6" (for partners whose SPS connection is still on 7.6). */
  readonly version?: RsxVersion;
  /**
   * XML only: characters XML 1.0 cannot carry (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF, lone
   * surrogates). `"refuse"` (default) throws an `RsxSerializeError` whose issues (`invalid_character`) give each
   * value's path; `"replace"` writes U+FFFD in their place.
   */
  readonly forbiddenCharacters?: ForbiddenCharacters;
}

/** Thrown by `serializeRsx` when a document cannot be written (XML 1.0 forbidden characters); `issues` say where. */
export class RsxSerializeError extends Error {
  override readonly name = "RsxSerializeError";
  readonly issues: readonly RsxIssue[];
  constructor(issues: readonly RsxIssue[]) {
    super(
      `The document cannot be written as XML: ${issues
        .slice(0, 3)
        .map((i) => i.message)
        .join(" ")}${issues.length > 3 ? ` (${issues.length} values in all)` : ""}`,
    );
    this.issues = issues;
  }
}

/** The shape plan of a document type's schema (computed once, then cached). */
export function documentPlan(type: RsxDocumentType): ShapePlan {
  return shapePlanOf(rsxDocumentSchemas[type] as unknown as z.core.$ZodType);
}

/** Copies a value with object keys in schema order (unknown keys last, in their order); drops undefined. */
export function inSchemaOrder(value: unknown, plan: ShapePlan | undefined): unknown {
  if (Array.isArray(value)) {
    const elementPlan = plan?.kind === "array" ? plan.element : undefined;
    return value.map((entry) => inSchemaOrder(entry, elementPlan));
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (plan?.kind === "object") {
    for (const key of plan.keysOf(record, true)) {
      const entry = record[key];
      if (entry !== undefined) out[key] = inSchemaOrder(entry, plan.field(key));
    }
    return out;
  }
  for (const key of Object.keys(record))
    if (record[key] !== undefined) out[key] = inSchemaOrder(record[key], undefined);
  return out;
}

/**
 * Whether `JSON.stringify(value)` writes what `JSON.stringify(inSchemaOrder(value, plan))` does: every object is a
 * plain one that its schema describes, with only keys of that schema, already in schema order (as the builders set
 * them), and nothing has a `toJSON` of its own (the copy would not carry it, enumerable or not). Undefined values need
 * no care: JSON leaves them out of objects and writes them `null` in arrays either way.
 */
function inSchemaOrderAlready(value: unknown, plan: ShapePlan | undefined, depth = 0): boolean {
  if (value === null || typeof value !== "object") return true;
  if (depth > 64 || typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  if (Array.isArray(value)) {
    const elementPlan = plan?.kind === "array" ? plan.element : undefined;
    for (let index = 0; index < value.length; index++) {
      if (!inSchemaOrderAlready(value[index], elementPlan, depth + 1)) return false;
    }
    return true;
  }
  // A class instance (a Date, something with toJSON) is written by JSON differently than its copy would be.
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // An object no schema describes (a value where the schema wants text) may hold anything, an own `__proto__` key
  // among it, which the copy's assignments drop: written through the copy.
  if (plan?.kind !== "object" || !plan.inOrder(keys)) return false;
  for (const key of keys) {
    if (!inSchemaOrderAlready(record[key], plan.field(key), depth + 1)) return false;
  }
  return true;
}

/**
 * Writes a document the way SPS does: JSON as a bare object with properties in schema order, or XML with the
 * RSX namespace and the plural root (`<Orders xmlns="http://www.spscommerce.com/RSX"><Order>...`).
 * `parseRsx(serializeRsx(doc, o), o)` gives back a document deep-equal to `doc`, in either version. Never writes a
 * character XML 1.0 forbids (see `forbiddenCharacters`).
 */
export function serializeRsx<T extends RsxDocumentType>(
  document: RsxDocumentMap[T],
  options: SerializeOptions<T>,
): string {
  const plan = documentPlan(options.type);
  const indent = options.indent ?? 2;
  // 7.6: the 7.7 document in schema order, renamed into the 7.6 layout; its keys are then written in that order.
  const legacyLayout = options.version === "7.6";
  const value = legacyLayout ? downgradeToRsx76(inSchemaOrder(document, plan), options.type) : document;
  if (options.format === "xml") {
    const names = xmlNames[options.type];
    const written = valueToXml(value, legacyLayout ? unknownPlan : plan, names.root, names.element, {
      indent,
      forbiddenCharacters: options.forbiddenCharacters ?? "refuse",
    });
    if (typeof written !== "string") throw new RsxSerializeError(written.issues);
    return written;
  }
  // A document already in schema order (what the builders make) is written as it is, not copied first.
  const ordered = legacyLayout
    ? value
    : inSchemaOrderAlready(document, plan)
      ? document
      : inSchemaOrder(document, plan);
  return `${JSON.stringify(ordered, null, indent > 0 ? indent : undefined)}\n`;
}
