/**
 * Pieces every store adapter shares, so that memory, SQLite and PostgreSQL agree on validation, paging and lookups.
 * Not needed by applications.
 */

export { sha256Hex } from "../../fingerprints/fingerprints.js";
export {
  countMappings,
  parseCostCentre,
  parseItemMapping,
  parseMappingSet,
  parseShipTo,
  parseTradingPartner,
  parseUomMapping,
} from "../../mappings/validate.js";
export {
  asList,
  boundReasons,
  checkDocumentPatch,
  checkNewDocument,
  checkRef,
  countGroupBy,
  decodePageCursor,
  defaultPageSize,
  encodePageCursor,
  MAX_REASONS,
  maxPageSize,
  pageOf,
  pageSize,
  refKey,
  sortCounts,
  utcDay,
  walkChain,
} from "./audit.js";
export { checkNext, checkStart, checkTtl } from "./checks.js";
export { copyPlain } from "./copy.js";
export { newDocumentId } from "./ids.js";

import type { Clock as StoreClock } from "./clock.js";
// A local alias, not a re-export: re-exported, the bundled .d.ts declared Clock as a value and consumers' tsc failed.
export type Clock = StoreClock;
export { systemClock } from "./clock.js";
export { noOrderReads, readOrderOneByOne, resolveItem, resolveItemByKind } from "./item-lookup.js";
export {
  type AttemptRow,
  attemptFromRow,
  type CursorRow,
  cursorFromRow,
  type DocumentRow,
  documentFromRow,
  type EffectRow,
  effectFromRow,
  jsonOrNull,
  type LinkRow,
  linkFromRow,
} from "./sql-rows.js";
export { type TokenRefreshLockOptions, tokenRefreshLockName, withTokenRefreshLock } from "./token-refresh-lock.js";
