import { ConnectorError } from "@ml-connector/transport";
import { hasControlCharacter } from "../query/where.js";

/** A key as given by the caller: one value, or the components of a composite key (CACCE: DIE, CCE). */
export type SageX3Key = string | readonly string[];

/** The key as it goes between `('` and `')`: components joined with `~`, quotes doubled. */
export function formatKey(key: SageX3Key): string {
  const parts = typeof key === "string" ? [key] : [...key];
  if (parts.length === 0 || parts.some((part) => typeof part !== "string" || part === "")) {
    throw new ConnectorError("A Sage X3 key needs at least one non-empty component.", { kind: "validation" });
  }
  for (const part of parts) {
    if (/[/?#]/.test(part) || hasControlCharacter(part)) {
      throw new ConnectorError(`The key "${part}" contains characters that cannot go in an X3 URL.`, {
        kind: "validation",
      });
    }
  }
  return parts.join("~").replaceAll("'", "''");
}

/** The key of the resource a `Location` header points to: `.../SORDER('SO0000001')?representation=...`. */
export function keyFromLocation(location: string): string | undefined {
  let path: string;
  try {
    path = plainPathOf(location) ?? new URL(location, "http://x").pathname;
    // Without a `%` there is nothing to decode (and nothing that can fail to).
    if (path.includes("%")) path = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  // The usual key, `('SO0000123')` with no quote inside, is the text between the last `('` and the closing `')`: no
  // earlier `('` can start the match, as its quote would stand alone. Anything else goes through the pattern.
  if (path.endsWith("')")) {
    const start = path.lastIndexOf("('");
    const key = start < 0 ? "" : path.slice(start + 2, -2);
    if (key !== "" && !key.includes("'")) return key;
  }
  const match = /\('((?:[^']|'')*)'\)$/.exec(path);
  return match?.[1]?.replaceAll("''", "'");
}

/** An http(s) URL or an absolute path without anything `new URL` would rewrite (dot segments, backslashes, spaces). */
const plainLocation = /^(?:https?:\/\/[^/?#\\\s]*)?\/[^\\\s]*$/i;
const dotSegment = /\/(?:\.|%2e)/i;

/**
 * The path of a Location as `new URL(location, base).pathname` reads it, by slicing, when the Location is plain: X3
 * answers every create with one, and parsing it was a tenth of the client's own work per create. Else undefined.
 */
function plainPathOf(location: string): string | undefined {
  if (!plainLocation.test(location) || dotSegment.test(location)) return undefined;
  const start = location.charCodeAt(0) === 47 /* / */ ? 0 : location.indexOf("/", location.indexOf("//") + 2);
  let end = location.length;
  const query = location.indexOf("?", start);
  if (query >= 0) end = query;
  const hash = location.indexOf("#", start);
  if (hash >= 0 && hash < end) end = hash;
  return location.slice(start, end);
}
