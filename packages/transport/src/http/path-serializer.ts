/**
 * An openapi-fetch `pathSerializer` that splits each route template into its text and `{placeholders}` once (a
 * client has a handful of routes; at most 100 templates are kept) instead of matching it with a regular expression
 * on every call. `encode` writes one parameter's value into the path, or answers undefined to leave its placeholder
 * as it is (no value, or one of a type the route does not take).
 */
export function createPathSerializer(
  encode: (value: unknown) => string | undefined,
): (pathname: string, params: Record<string, unknown>) => string {
  // Text and placeholder names, alternating (text first and last): `/data/{path}` → `/data/`, `path`, ``.
  const templates = new Map<string, readonly string[]>();
  return (pathname, params) => {
    let parts = templates.get(pathname);
    if (parts === undefined) {
      parts = pathname.split(/\{([^{}]+)\}/);
      if (templates.size < 100) templates.set(pathname, parts);
    }
    let path = parts[0] as string;
    for (let index = 1; index < parts.length; index += 2) {
      const name = parts[index] as string;
      path += encode(params[name]) ?? `{${name}}`;
      path += parts[index + 1] as string;
    }
    return path;
  };
}
