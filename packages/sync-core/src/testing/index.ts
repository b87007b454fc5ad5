/**
 * @ml-connector/sync-core/testing: helpers for adapter authors and for tests of the engine. The store conformance suite
 * is @ml-connector/state's, re-exported here so that existing imports keep working; it imports vitest, so only test
 * code should load this entry. `startSandboxedSystems` needs @ml-connector/sandbox installed beside it.
 */
export {
  type PersistentStoresOpener,
  runStoreConformanceSuite,
  type StoreConformanceContext,
  type StoreConformanceOptions,
} from "@ml-connector/state/testing";
export { findUnsafeDeletions, type MailboxDeletion, type UnsafeDeletion } from "./deletions.js";
export {
  type SandboxedSystems,
  type SandboxedSystemsOptions,
  startSandboxedSystems,
} from "./sandboxed-systems.js";
