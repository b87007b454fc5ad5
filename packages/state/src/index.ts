// biome-ignore-all assist/source/organizeImports: this file is a hand-ordered table of contents, grouped by section.

// @ml-connector/state: where the connector keeps its state. The ports a store adapter implements, the in-memory
// stores, the mapping records and the pieces every adapter shares. The conformance suite is in
// @ml-connector/state/testing.

// ── Ports: what a store adapter implements (one bundle, six ports) ──────────────────────────────────────────────────
export type { ConnectorStores } from "./ports/stores.js";
export type {
  CursorEntryChanges,
  CursorKey,
  CursorStore,
  SetCursorOptions,
  StoredCursor,
} from "./ports/cursor-store.js";
export type {
  CostCentreKey,
  ItemIdentifiers,
  ItemMappingKey,
  ItemMatch,
  MappingCounts,
  MappingStore,
  OrderMappingQuery,
  OrderMappingReads,
  UomMappingKey,
} from "./ports/mapping-store.js";
export type {
  AttemptOutcome,
  AuditAttempt,
  AuditChain,
  AuditCount,
  AuditCountField,
  AuditCountQuery,
  AuditDocument,
  AuditDocumentPatch,
  AuditLink,
  AuditPage,
  AuditQuery,
  AuditStore,
  BeginEffectResult,
  BeginNewEffectResult,
  ChainStart,
  DocumentDirection,
  DocumentStatus,
  DocumentType,
  EffectDetails,
  EffectRecord,
  EffectState,
  LinkRef,
  LinkRelation,
  NewAttempt,
  NewAuditDocument,
  Reason,
} from "./ports/audit-store.js";
export { auditCountFields, documentPages, documentStatuses } from "./ports/audit-store.js";
export type { TokenSet, TokenStore } from "./ports/token-store.js";
export type { AcquireLockOptions, Lock, LockHandle } from "./ports/lock.js";
export type { NextOptions, SequenceStore } from "./ports/sequence-store.js";
export type { JsonObject, JsonValue } from "./ports/json.js";
/** The time source stores take (`now()` in epoch milliseconds): the one of @ml-connector/transport. */
export type { Clock } from "@ml-connector/transport";
export { ConnectorError, type ConnectorErrorOptions, type ErrorKind, isConnectorError } from "./ports/errors.js";

// ── Mapping records: zod schemas (the boundary), their types, and how their problems are reported ───────────────────
export {
  configItemSchema,
  type CostCentreInput,
  type CostCentreMapping,
  costCentreSchema,
  defaultItemLookupOrder,
  type ItemCrossReference,
  itemCrossReferenceSchema,
  type ItemIdentifierKind,
  type ItemMapping,
  type ItemMappingInput,
  itemIdentifierKindSchema,
  itemMappingSchema,
  type MappingKind,
  type MappingSet,
  type MappingSetInput,
  mappingKinds,
  mappingSetSchema,
  type OrderKind,
  orderKindSchema,
  partnerIdSchema,
  type ShipToInput,
  type ShipToMapping,
  shipToSchema,
  type TradingPartner,
  type TradingPartnerInput,
  tradingPartnerSchema,
  type UomMapping,
  type UomMappingInput,
  uomMappingSchema,
} from "./ports/mapping-records.js";
export {
  formatMappingIssues,
  issuePath,
  type MappingErrorDetails,
  type MappingIssue,
  mappingError,
  sharedPartyIssues,
} from "./mappings/validate.js";

// ── Content fingerprints: what the audit trail and the ledger compare payloads and documents by ──────────────────────
export { sha256, sha256Hex, stableJson } from "./fingerprints/fingerprints.js";

// ── In-memory stores (tests, demos, single runs) ────────────────────────────────────────────────────────────────────
export {
  createMemoryAuditStore,
  createMemoryCursorStore,
  createMemoryLock,
  createMemoryMappingStore,
  createMemorySequenceStore,
  createMemoryStores,
  createMemoryTokenStore,
  type MemoryStoresOptions,
} from "./stores/memory/index.js";

// ── Building blocks for store adapters (so that every adapter behaves alike) ────────────────────────────────────────
export * as storeSupport from "./stores/support/index.js";
