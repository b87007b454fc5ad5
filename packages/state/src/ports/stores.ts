import type { AuditStore } from "./audit-store.js";
import type { CursorStore } from "./cursor-store.js";
import type { Lock } from "./lock.js";
import type { MappingStore } from "./mapping-store.js";
import type { SequenceStore } from "./sequence-store.js";
import type { TokenStore } from "./token-store.js";

/** Every port a connector needs, from one adapter (memory, SQLite, PostgreSQL...). */
export interface ConnectorStores {
  cursors: CursorStore;
  mappings: MappingStore;
  audit: AuditStore;
  tokens: TokenStore;
  locks: Lock;
  sequences: SequenceStore;
  /** Releases the underlying resources (file handles, pools). The stores must not be used afterwards. */
  close(): Promise<void>;
}
