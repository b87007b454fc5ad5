import { createHash } from "node:crypto";

/** Lower-case hex SHA-256 of bytes or of a string's UTF-8: how payloads and contents are fingerprinted. */
export function sha256Hex(input: Uint8Array | string): string {
  return createHash("sha256").update(input).digest("hex");
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code unit), no white space, `undefined` treated as `JSON.stringify`
 * treats it (a property left out, `null` in an array). Two values that mean the same give the same text, whatever the
 * order their keys were written in: what content hashes are taken of.
 */
export function stableJson(value: unknown): string {
  // One string per level, no arrays of entries: it runs on every record an outbound flow reads.
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (index > 0) text += ",";
      text += item === undefined ? "null" : stableJson(item);
    }
    return `${text}]`;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    // Sorted by UTF-16 code unit, as `sort()` compares strings.
    const keys = Object.keys(record).sort();
    let text = "{";
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      if (text.length > 1) text += ",";
      text += `${JSON.stringify(key)}:${stableJson(item)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? "null";
}
