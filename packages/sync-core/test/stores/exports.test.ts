import { describe, expect, it } from "vitest";
import * as syncCore from "../../src/index.js";
import * as testing from "../../src/testing/index.js";

// Guards the storage half of the public surface: removing one of these by accident fails here.
describe("public exports of the ports, stores and mappings", () => {
  it("keeps the runtime exports", () => {
    const expected = [
      "ConnectorError",
      "isConnectorError",
      "documentStatuses",
      "auditCountFields",
      "replayableStatuses",
      "tradingPartnerSchema",
      "shipToSchema",
      "itemMappingSchema",
      "uomMappingSchema",
      "costCentreSchema",
      "mappingSetSchema",
      "itemIdentifierKindSchema",
      "orderKindSchema",
      "partnerIdSchema",
      "defaultItemLookupOrder",
      "mappingKinds",
      "loadMappingsFromConfig",
      "loadMappingsCsv",
      "importMappingCsvFile",
      "applyMappings",
      "csvColumns",
      "formatMappingIssues",
      "createMemoryStores",
      "createMemoryAuditStore",
      "createMemoryCursorStore",
      "createMemoryLock",
      "createMemoryMappingStore",
      "createMemorySequenceStore",
      "createMemoryTokenStore",
      "storeSupport",
    ];
    for (const name of expected) expect(syncCore, name).toHaveProperty(name);
    expect(Object.keys(syncCore.storeSupport).sort()).toEqual(
      [
        "asList",
        "boundReasons",
        "MAX_REASONS",
        "attemptFromRow",
        "checkDocumentPatch",
        "checkNewDocument",
        "checkNext",
        "checkRef",
        "checkStart",
        "checkTtl",
        "copyPlain",
        "countGroupBy",
        "countMappings",
        "cursorFromRow",
        "decodePageCursor",
        "defaultPageSize",
        "documentFromRow",
        "effectFromRow",
        "encodePageCursor",
        "jsonOrNull",
        "pageOf",
        "linkFromRow",
        "maxPageSize",
        "newDocumentId",
        "noOrderReads",
        "pageSize",
        "parseCostCentre",
        "parseItemMapping",
        "parseMappingSet",
        "parseShipTo",
        "parseTradingPartner",
        "parseUomMapping",
        "readOrderOneByOne",
        "refKey",
        "resolveItem",
        "resolveItemByKind",
        "sha256Hex",
        "sortCounts",
        "systemClock",
        "tokenRefreshLockName",
        "withTokenRefreshLock",
        "utcDay",
        "walkChain",
      ].sort(),
    );
    expect(Object.keys(testing).sort()).toEqual([
      "findUnsafeDeletions",
      "runStoreConformanceSuite",
      "startSandboxedSystems",
    ]);
  });

  it("builds every port from createMemoryStores", async () => {
    const stores = syncCore.createMemoryStores();
    expect(Object.keys(stores).sort()).toEqual([
      "audit",
      "close",
      "cursors",
      "locks",
      "mappings",
      "sequences",
      "tokens",
    ]);
    await stores.close();
  });
});
