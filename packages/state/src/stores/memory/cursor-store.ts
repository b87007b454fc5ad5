import type { CursorKey, CursorStore, SetCursorOptions, StoredCursor } from "../../ports/cursor-store.js";
import { ConnectorError } from "../../ports/errors.js";
import type { JsonValue } from "../../ports/json.js";
import { type Clock, systemClock } from "../support/clock.js";

const keyOf = (key: CursorKey) => JSON.stringify([key.flow, key.source]);

/** A `CursorStore` in a Map. Values are copied in and out through JSON, as a persistent store would. */
export function createMemoryCursorStore(options: { clock?: Clock } = {}): CursorStore {
  const clock = options.clock ?? systemClock;
  const cursors = new Map<string, { flow: string; source: string; json: string; version: number; updatedAt: number }>();
  const entries = new Map<string, Map<string, string>>();
  const out = (row: {
    flow: string;
    source: string;
    json: string;
    version: number;
    updatedAt: number;
  }): StoredCursor => ({
    flow: row.flow,
    source: row.source,
    value: JSON.parse(row.json) as JsonValue,
    version: row.version,
    updatedAt: new Date(row.updatedAt),
  });
  return {
    async get(key) {
      const row = cursors.get(keyOf(key));
      return row === undefined ? undefined : out(row);
    },
    async set(key, value, setOptions: SetCursorOptions = {}) {
      const id = keyOf(key);
      const current = cursors.get(id);
      const currentVersion = current?.version ?? 0;
      if (setOptions.expectedVersion !== undefined && setOptions.expectedVersion !== currentVersion) {
        throw new ConnectorError(
          `Cursor ${key.flow}/${key.source} is at version ${currentVersion}, expected ${setOptions.expectedVersion}`,
          {
            kind: "conflict",
            details: { ...key, version: currentVersion, expectedVersion: setOptions.expectedVersion },
          },
        );
      }
      const json = JSON.stringify(value);
      if (json === undefined) throw new ConnectorError("Cursor value is not JSON", { kind: "validation" });
      const row = { flow: key.flow, source: key.source, json, version: currentVersion + 1, updatedAt: clock.now() };
      cursors.set(id, row);
      const changes = setOptions.entries;
      if (changes !== undefined) {
        const kept = entries.get(id) ?? new Map<string, string>();
        entries.set(id, kept);
        for (const entry of changes.drop ?? []) kept.delete(entry);
        for (const [entry, entryValue] of changes.put ?? []) kept.set(entry, entryValue);
      }
      return out(row);
    },
    async entries(key) {
      return new Map(entries.get(keyOf(key)));
    },
    async delete(key) {
      cursors.delete(keyOf(key));
      entries.delete(keyOf(key));
    },
    async list(flow) {
      return [...cursors.values()]
        .filter((row) => flow === undefined || row.flow === flow)
        .sort((a, b) => (a.flow === b.flow ? compare(a.source, b.source) : compare(a.flow, b.flow)))
        .map(out);
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
