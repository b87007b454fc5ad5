/**
 * @ml-connector/state/testing: the store conformance suite for adapter authors. It registers vitest tests, so it
 * imports vitest (an optional peer dependency of this package): only test code should load this entry.
 */
export {
  type PersistentStoresOpener,
  runStoreConformanceSuite,
  type StoreConformanceContext,
  type StoreConformanceOptions,
} from "./conformance.js";
// Documents and write groups as orders-in makes them, for an adapter's own tests.
export { receivedOrder, settleCreatedOrder } from "./fixtures.js";
