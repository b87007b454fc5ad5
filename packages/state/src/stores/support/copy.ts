/**
 * A deep copy of plain data (what the memory stores keep: JSON-shaped records, metadata and effect data): plain
 * objects and arrays are copied key by key, dates anew, anything else (a Map, bytes, a class instance) by
 * `structuredClone`. For the small records the stores hand out on every read it costs a fraction of
 * `structuredClone`, which serialises and deserialises its input.
 */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let index = 0; index < value.length; index++) out[index] = copyPlain(value[index]);
    return out as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    // A spread takes every own property at once (V8 copies the object's shape, where adding keys one by one to an empty
    // object walks its transitions key by key); an own "__proto__" key (JSON.parse makes one) stays a key. The objects
    // and arrays it shares with the original are then replaced by copies.
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const key in out) {
      const item = out[key];
      if (item !== null && typeof item === "object") out[key] = copyPlain(item);
    }
    return out as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  return structuredClone(value);
}
