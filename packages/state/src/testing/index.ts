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
// Several processes on one store: a contender's body, the processes, and what they must show.
export { type ContenderResult, contend, expectFairContention, runContenders } from "./contenders.js";
// Documents and write groups as orders-in makes them, for an adapter's own tests.
export { receivedOrder, settleCreatedOrder } from "./fixtures.js";
