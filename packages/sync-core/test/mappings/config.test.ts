import { describe, expect, it } from "vitest";
import { applyMappings, ConnectorError, createMemoryStores, loadMappingsFromConfig } from "../../src/index.js";

const config = {
  partners: [{ partnerId: "ACME", x3Customer: "C0001", site: "FR011", orderType: "SON", currency: "USD" }],
  shipTos: [{ partnerId: "ACME", locationNumber: "0042", x3AddressCode: "ADR42" }],
  items: [
    { partnerId: "ACME", itemRef: "BMS001", vendorPartNumber: "V-1", upc: "012345678905" },
    { kind: "gtin", value: "00614141000012", itemRef: "BMS002" },
  ],
  uoms: [{ ediUnit: "EA", x3Unit: "UN" }],
  costCentres: [{ partnerId: "ACME", dimensions: { CCT: "RETAIL" } }],
};

describe("loadMappingsFromConfig", () => {
  it("validates, fills defaults and expands item cross-references", async () => {
    const set = loadMappingsFromConfig(config);
    expect(set.partners[0]).toMatchObject({ orderKind: "sales", testMode: false, rsxVersion: "7.7" });
    expect(set.items).toEqual([
      { partnerId: "ACME", kind: "vendorPartNumber", value: "V-1", itemRef: "BMS001" },
      { partnerId: "ACME", kind: "upc", value: "012345678905", itemRef: "BMS001" },
      { kind: "gtin", value: "00614141000012", itemRef: "BMS002" },
    ]);
    const stores = createMemoryStores();
    expect(await applyMappings(stores.mappings, set)).toEqual({
      partners: 1,
      shipTos: 1,
      items: 3,
      uoms: 1,
      costCentres: 1,
    });
    expect(await stores.mappings.getShipTo("ACME", "0042")).toMatchObject({ x3AddressCode: "ADR42" });
    expect(loadMappingsFromConfig({})).toEqual({ partners: [], shipTos: [], items: [], uoms: [], costCentres: [] });
  });

  it("lists every problem by path and source", () => {
    let caught: unknown;
    try {
      loadMappingsFromConfig(
        {
          ...config,
          partners: [
            ...config.partners,
            { partnerId: "B", site: "S", orderType: "T", currency: "eur", orderKind: "purchase" },
          ],
          uoms: [{ ediUnit: "EA" }],
        },
        { source: "mappings.json" },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectorError);
    const error = caught as ConnectorError;
    expect(error.kind).toBe("mapping");
    const paths = (error.details as { issues: { path: string; file: string }[] }).issues.map(
      (i) => `${i.file}:${i.path}`,
    );
    expect(paths).toEqual(
      expect.arrayContaining(["mappings.json:partners[1].currency", "mappings.json:uoms[0].x3Unit"]),
    );
    expect(error.message).toContain("mappings.json, partners[1].currency");
  });

  it("refuses unknown kinds, unknown fields and items without an identifier", () => {
    expect(() => loadMappingsFromConfig({ partner: [] })).toThrow(/unknown mapping kind "partner"/);
    expect(() => loadMappingsFromConfig({ items: [{ itemRef: "X" }] })).toThrow(/items\[0\]: no identifier/);
    expect(() => loadMappingsFromConfig({ items: [{ itemRef: "X", sku: "1" }] })).toThrow(ConnectorError);
    expect(() => loadMappingsFromConfig({ items: [{ itemRef: "", upc: "1" }] })).toThrow(/items\[0\]\.itemRef/);
    expect(() => loadMappingsFromConfig("nope")).toThrow(ConnectorError);
  });
});
