import type { z } from "zod";
import { type RsxDocumentMap, type RsxDocumentType, rsxDocumentSchemas } from "../schemas/index.js";
import { xmlNames } from "../xml/roots.js";
import { type ShapePlan, shapePlanOf } from "../xml/shape-plan.js";
import { valueToXml } from "../xml/value-to-xml.js";

export type RsxFormat = "json" | "xml";

export interface SerializeOptions<T extends RsxDocumentType> {
  readonly type: T;
  readonly format: RsxFormat;
  /** Spaces per level (default 2); 0 for a single line. */
  readonly indent?: number;
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
    for (const key of plan.keys) {
      if (record[key] !== undefined) out[key] = inSchemaOrder(record[key], plan.field(key));
    }
    for (const key of Object.keys(record)) {
      if (!plan.has(key) && record[key] !== undefined) out[key] = inSchemaOrder(record[key], undefined);
    }
    return out;
  }
  for (const key of Object.keys(record))
    if (record[key] !== undefined) out[key] = inSchemaOrder(record[key], undefined);
  return out;
}

/**
 * Writes a document the way SPS does: JSON as a bare object with properties in schema order, or XML with the
 * RSX namespace and the plural root (`<Orders xmlns="http://www.spscommerce.com/RSX"><Order>...`).
 * `parseRsx(serializeRsx(doc, o), o)` gives back a document deep-equal to `doc`.
 */
export function serializeRsx<T extends RsxDocumentType>(
  document: RsxDocumentMap[T],
  options: SerializeOptions<T>,
): string {
  const plan = documentPlan(options.type);
  const indent = options.indent ?? 2;
  if (options.format === "xml") {
    const names = xmlNames[options.type];
    return valueToXml(document, plan, names.root, names.element, { indent });
  }
  return `${JSON.stringify(inSchemaOrder(document, plan), null, indent > 0 ? indent : undefined)}\n`;
}
