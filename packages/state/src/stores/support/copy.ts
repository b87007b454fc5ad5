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
    const out: Record<string, unknown> = {};
    for (const key in value) {
      const copied = copyPlain((value as Record<string, unknown>)[key]);
      // An own "__proto__" key (JSON.parse makes one) stays a key: assigned, it would set the copy's prototype.
      if (key === "__proto__") {
        Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      } else out[key] = copied;
    }
    return out as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  return structuredClone(value);
}
