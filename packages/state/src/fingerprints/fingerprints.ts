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
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : stableJson(item))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
