import { describe, expect, it } from "vitest";
import * as syncCore from "../../src/index.js";

// Guards the outbound half of the public surface: removing one of these by accident fails here.
describe("public exports of the outbound flows", () => {
  it("keeps the runtime exports", () => {
    for (const name of [
      "createSageX3ChangeFeed",
      "createSpsDocumentSink",
      "changeWindow",
      "DEFAULT_LOOKBACK_MS",
      "DEFAULT_SAFETY_LAG_MS",
      "decideLines",
      "ssccSequenceName",
      "defaultChargeCodes",
      "termsFromCode",
      "outboundFlowNames",
    ]) {
      expect(syncCore, name).toHaveProperty(name);
    }
    expect(syncCore.outboundFlowNames).toEqual(["acks-out", "asns-out", "invoices-out"]);
    expect(syncCore.DEFAULT_LOOKBACK_MS).toBe(120_000);
    expect(syncCore.DEFAULT_SAFETY_LAG_MS).toBe(30_000);
  });

  it("reads X3 payment terms", () => {
    expect(syncCore.termsFromCode("NET30")).toEqual({ netDays: 30 });
    expect(syncCore.termsFromCode("2%10NET30")).toEqual({ netDays: 30, discountPercent: 2, discountDays: 10 });
    expect(syncCore.termsFromCode("COD")).toBeUndefined();
  });
});
