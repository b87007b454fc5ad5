import type { RsxFormat } from "../serialize/serialize.js";
import { xmlNestingDepth } from "../xml/read-xml.js";

/**
 * Default nesting limit: 100 levels. SPS's RSX 7.7 samples nest at most 13 levels (an 856: order, pack, item levels);
 * a file nested far deeper is not an RSX document, and recursive code (schema checks, JSON.stringify, the XML parser)
 * would exhaust the stack or its own limits on it.
 */
export const DEFAULT_MAX_DEPTH = 100;

/**
 * How deep the input nests, counted in one pass without recursion, stopping as soon as it passes `limit`: JSON arrays
 * and objects (brackets inside strings do not count), or XML elements (read by the XML reader, which stops at the first
 * malformation). Returns a number above `limit` when the input is too deep.
 */
export function nestingDepth(text: string, format: RsxFormat, limit: number): number {
  return format === "json" ? jsonDepth(text, limit) : xmlNestingDepth(text, limit);
}

/**
 * How deep a parsed JSON value nests arrays and objects, counted like `nestingDepth` (an explicit stack, no
 * recursion), stopping as soon as it passes `limit`. Cheaper than scanning the text: it visits values, not characters.
 */
export function valueDepth(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 0;
  let max = 0;
  const stack: [object, number][] = [[value, 1]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > max) {
      max = depth;
      if (max > limit) return max;
    }
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return max;
}

function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}
