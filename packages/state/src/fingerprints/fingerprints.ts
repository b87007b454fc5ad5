import * as crypto from "node:crypto";

/**
 * Node's one-shot hash (Node 20.12 and later): no Hash object and no stream around it, a third of `createHash`'s
 * cost for the few kilobytes hashed per document. Undefined on older Node, where `createHash` does it.
 */
const oneShotHash: typeof crypto.hash | undefined = typeof crypto.hash === "function" ? crypto.hash : undefined;

/** SHA-256 of bytes or of a string's UTF-8, in hex or base64url. */
export function sha256(input: Uint8Array | string, encoding: "hex" | "base64url"): string {
  return oneShotHash
    ? oneShotHash("sha256", input, encoding)
    : crypto.createHash("sha256").update(input).digest(encoding);
}

/** Lower-case hex SHA-256 of bytes or of a string's UTF-8: how payloads and contents are fingerprinted. */
export function sha256Hex(input: Uint8Array | string): string {
  return sha256(input, "hex");
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
    const keys = sortedKeys(record);
    let text = "{";
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      const item = record[key];
      if (item === undefined) continue;
      if (text.length > 1) text += ",";
      text += `${quotedKey(key)}:${stableJson(item)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * An object's own keys sorted by UTF-16 code unit (as `sort()` compares strings). A record's few keys are sorted in
 * place by insertion, without the work array `sort()` allocates; many keys by `sort()`.
 */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length > 16) return keys.sort();
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index] as string;
    let at = index - 1;
    while (at >= 0 && (keys[at] as string) > key) {
      keys[at + 1] = keys[at] as string;
      at--;
    }
    keys[at + 1] = key;
  }
  return keys;
}

/**
 * Keys written as JSON, kept: the records hashed repeat the same field names, written once each rather than once per
 * record. Bounded in count (values keyed by ids) and in length (a field name is short; a long key is data), so the
 * cache holds at most about 2,000 × 64 characters twice; other keys are written each time.
 */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 2_000;
const QUOTED_KEY_MAX_LENGTH = 64;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (key.length <= QUOTED_KEY_MAX_LENGTH && quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, quoted);
  }
  return quoted;
}
