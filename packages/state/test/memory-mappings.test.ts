import { describe, expect, it } from "vitest";
import { createMemoryMappingStore } from "../src/index.js";

describe("memory mapping store", () => {
  it("answers an order's mapping reads at once, in one promise (readOrder)", async () => {
    const mappings = createMemoryMappingStore();
    await mappings.upsertMany({
      partners: [{ partnerId: "ACME", x3Customer: "C0001", site: "US01", orderType: "SON", currency: "USD" }],
      items: [{ kind: "vendorPartNumber", value: "V-1", itemRef: "WID-001" }],
      uoms: [{ ediUnit: "EA", x3Unit: "UN" }],
    });
    expect(mappings.readOrder).toBeTypeOf("function");
    const reads = await mappings.readOrder!({
      partnerId: "ACME",
      lines: [{ vendorPartNumber: "V-1" }, { vendorPartNumber: "V-2" }],
      units: ["EA"],
    });
    expect(reads.partner?.x3Customer).toBe("C0001");
    expect(reads.items.map((item) => item?.itemRef)).toEqual(["WID-001", undefined]);
    expect(reads.uoms.map((uom) => uom?.x3Unit)).toEqual(["UN"]);
    expect(reads.shipTo).toBeUndefined();
    expect(reads.costCentre).toBeUndefined();
  });
});
