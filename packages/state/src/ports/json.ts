/** A value that survives `JSON.stringify` / `JSON.parse` unchanged: what the stores accept as opaque data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
