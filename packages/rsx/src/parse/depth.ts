/**
 * Default nesting limit: 100 levels. SPS's RSX 7.7 samples nest at most 13 levels (an 856: order, pack, item levels);
 * a file nested far deeper is not an RSX document, and recursive code (schema checks, JSON.stringify, the XML parser)
 * would exhaust the stack or its own limits on it.
 */
export const DEFAULT_MAX_DEPTH = 100;

/**
 * How deep a parsed JSON value nests arrays and objects, counted with an explicit stack (no recursion), stopping
 * as soon as it passes `limit`. XML depth is checked by the XML reader itself (`XmlReadLimits.maxDepth`).
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
