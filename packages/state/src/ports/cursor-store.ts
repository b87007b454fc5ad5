import type { JsonValue } from "./json.js";

/** Names one cursor: the flow that owns it and the source it walks (e.g. `orders-in` + `sps:out/`). */
export interface CursorKey {
  flow: string;
  source: string;
}

/** A stored cursor. `version` starts at 1 and grows by one on every successful `set`. */
export interface StoredCursor extends CursorKey {
  /** Opaque to the store: whatever the flow needs to resume (a listing cursor, an UPDDATTIM + keys at the boundary...). */
  value: JsonValue;
  version: number;
  updatedAt: Date;
}

export interface SetCursorOptions {
  /**
   * Compare-and-set: the write succeeds only when the stored version equals this one (`0` = the cursor must not exist
   * yet). Otherwise the store throws a `ConnectorError` of kind `conflict` and leaves the cursor unchanged. Several
   * connector instances sharing one store use it so that a slow instance cannot move a cursor backwards.
   */
  expectedVersion?: number;
  /** Entries to change beside the cursor, in the same atomic write (nothing changes when the write is refused). */
  entries?: CursorEntryChanges | undefined;
}

/**
 * Changes to the entries a cursor keeps beside its value, each under its own key (a change window's records handled
 * inside its look-back span). A save writes only the entries it changes, so its cost follows the page it covers,
 * not the number of entries kept.
 */
export interface CursorEntryChanges {
  /** Entries to add or replace: [entry key, value]; an entry given twice keeps the last value. */
  put?: readonly (readonly [string, string])[] | undefined;
  /** Entry keys to remove (absent ones are ignored); applied before `put`. */
  drop?: readonly string[] | undefined;
}

/**
 * Where flows keep their place. A flow saves its cursor only after the effects of the page it covers are durable,
 * so a crash replays a page instead of skipping it.
 */
export interface CursorStore {
  /** The cursor, or `undefined` when the flow has never saved one. */
  get(key: CursorKey): Promise<StoredCursor | undefined>;
  /** Replaces the cursor atomically (readers see the old or the new value, never a mix) and returns the stored one. */
  set(key: CursorKey, value: JsonValue, options?: SetCursorOptions): Promise<StoredCursor>;
  /** The entries kept beside the cursor (empty when it has none or does not exist). */
  entries(key: CursorKey): Promise<Map<string, string>>;
  /** Forgets the cursor and its entries (the next run starts from the flow's configured beginning). No-op when absent. */
  delete(key: CursorKey): Promise<void>;
  /** Every cursor, or those of one flow, ordered by flow then source. */
  list(flow?: string): Promise<StoredCursor[]>;
}
