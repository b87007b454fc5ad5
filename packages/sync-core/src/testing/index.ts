/**
 * @ml-connector/sync-core/testing: helpers for adapter authors. Imports vitest, so only test code should load it.
 */
export {
  type PersistentStoresOpener,
  runStoreConformanceSuite,
  type StoreConformanceContext,
  type StoreConformanceOptions,
} from "./conformance.js";
export { findUnsafeDeletions, type MailboxDeletion, type UnsafeDeletion } from "./deletions.js";
