/**
 * Default nesting limit: 100 levels. SPS's RSX 7.7 samples nest at most 13 levels (an 856: order, pack, item levels);
 * a file nested far deeper is not an RSX document, and recursive code (schema checks, JSON.stringify, the XML parser)
 * would exhaust the stack or its own limits on it.
 */
export const DEFAULT_MAX_DEPTH = 100;

/**
 * How deep a parsed JSON value nests arrays and objects, counted with an explicit stack (no recursion), stopping
 * as soon as it passes `limit`. XML depth is checked by the XML reader itself (`XmlReadLimits.maxDepth`).
 * Two parallel stacks and a walk of each node's own keys in place: it allocates nothing per node.
 */
export function valueDepth(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 0;
  let max = 0;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = depths.pop() as number;
    if (depth > max) {
      max = depth;
      if (max > limit) return max;
    }
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const child: unknown = node[index];
        if (child !== null && typeof child === "object") {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        const child: unknown = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === "object") {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return max;
}
