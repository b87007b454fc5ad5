import type { ConnectorStores } from "../../ports/stores.js";
import type { Clock } from "../support/clock.js";
import { withTokenRefreshLock } from "../support/token-refresh-lock.js";
import { createMemoryAuditStore } from "./audit-store.js";
import { createMemoryCursorStore } from "./cursor-store.js";
import { createMemoryLock } from "./lock.js";
import { createMemoryMappingStore } from "./mapping-store.js";
import { createMemorySequenceStore } from "./sequence-store.js";
import { createMemoryTokenStore } from "./token-store.js";

export interface MemoryStoresOptions {
  /** Time source in epoch milliseconds (default `Date.now`), for tests of TTLs and time ranges. */
  clock?: Clock;
}

/**
 * Every port in memory, for tests, demos and single runs. Nothing survives the process, and locks only exclude runs
 * inside it: use @ml-connector/store-sqlite (or another adapter) for anything that must survive a restart.
 */
export function createMemoryStores(options: MemoryStoresOptions = {}): ConnectorStores {
  const clock = options.clock;
  const locks = createMemoryLock({ clock });
  return {
    cursors: createMemoryCursorStore({ clock }),
    mappings: createMemoryMappingStore(),
    audit: createMemoryAuditStore({ clock }),
    tokens: withTokenRefreshLock(createMemoryTokenStore(), locks),
    locks,
    sequences: createMemorySequenceStore(),
    async close() {},
  };
}

export {
  createMemoryAuditStore,
  createMemoryCursorStore,
  createMemoryLock,
  createMemoryMappingStore,
  createMemorySequenceStore,
  createMemoryTokenStore,
};
