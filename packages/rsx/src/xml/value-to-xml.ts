import { escapeXml } from "./entities.js";
import type { ShapePlan } from "./shape-plan.js";

export const RSX_NAMESPACE = "http://www.spscommerce.com/RSX";

export interface XmlWriteOptions {
  /** Spaces per nesting level; 0 writes everything on one line. Default 2. */
  readonly indent?: number;
}

/**
 * Writes a document as RSX XML: `<?xml?>`, the plural root with the RSX namespace, the singular element, and the
 * properties in schema order; each entry of a repeating group is one element; undefined/null are omitted.
 */
export function valueToXml(
  value: unknown,
  plan: ShapePlan,
  root: string,
  element: string,
  options: XmlWriteOptions = {},
): string {
  const indent = options.indent ?? 2;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', nl(indent), `<${root} xmlns="${RSX_NAMESPACE}">`];
  writeElement(element, value, plan, indent, 1, out);
  out.push(nl(indent), `</${root}>`, indent > 0 ? "\n" : "");
  return out.join("");
}

function nl(indent: number, depth = 0): string {
  return indent > 0 ? `\n${" ".repeat(indent * depth)}` : "";
}

function orderedKeys(value: Record<string, unknown>, plan: ShapePlan | undefined): string[] {
  if (plan?.kind !== "object") return Object.keys(value);
  const keys = plan.keys.filter((k) => value[k] !== undefined);
  for (const key of Object.keys(value)) if (!plan.has(key)) keys.push(key);
  return keys;
}

function writeElement(
  name: string,
  value: unknown,
  plan: ShapePlan | undefined,
  indent: number,
  depth: number,
  out: string[],
): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    const elementPlan = plan?.kind === "array" ? plan.element : plan;
    for (const entry of value) writeElement(name, entry, elementPlan, indent, depth, out);
    return;
  }
  out.push(nl(indent, depth));
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = orderedKeys(record, plan);
    if (keys.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const key of keys) {
      writeElement(key, record[key], plan?.kind === "object" ? plan.field(key) : undefined, indent, depth + 1, out);
    }
    out.push(nl(indent, depth), `</${name}>`);
    return;
  }
  out.push(`<${name}>`, escapeXml(String(value)), `</${name}>`);
}
