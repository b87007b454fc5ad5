import { describe, expect, it } from "vitest";
import * as state from "../src/index.js";
import * as testing from "../src/testing/index.js";

// Guards the public surface of the state package: removing one of these by accident fails here.
describe("public exports of @ml-connector/state", () => {
  it("keeps the runtime exports", () => {
    expect(Object.keys(state).sort()).toEqual(
      [
        "ConnectorError",
        "auditCountFields",
        "configItemSchema",
        "costCentreSchema",
        "createMemoryAuditStore",
        "createMemoryCursorStore",
        "createMemoryLock",
        "createMemoryMappingStore",
        "createMemorySequenceStore",
        "createMemoryStores",
        "createMemoryTokenStore",
        "defaultItemLookupOrder",
        "documentPages",
        "documentStatuses",
        "formatMappingIssues",
        "isConnectorError",
        "issuePath",
        "itemCrossReferenceSchema",
        "itemIdentifierKindSchema",
        "itemMappingSchema",
        "mappingError",
        "mappingKinds",
        "mappingSetSchema",
        "orderKindSchema",
        "partnerIdSchema",
        "sha256",
        "sha256Hex",
        "sharedPartyIssues",
        "shipToSchema",
        "stableJson",
        "storeSupport",
        "tradingPartnerSchema",
        "uomMappingSchema",
      ].sort(),
    );
    expect(Object.keys(testing).sort()).toEqual([
      "contend",
      "expectFairContention",
      "receivedOrder",
      "runContenders",
      "runStoreConformanceSuite",
      "settleCreatedOrder",
    ]);
  });

  it("throws the one error class of ml-connector, with its kind", async () => {
    const stores = state.createMemoryStores();
    const error = await stores.audit.updateDocument("no-such-document", { status: "failed" }).catch((caught) => caught);
    await stores.close();
    expect(state.isConnectorError(error)).toBe(true);
    expect(error).toMatchObject({ kind: "not-found" });
  });
});
