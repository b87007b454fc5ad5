import { describe, expect, it } from "vitest";
import { parseRsxFileName, rsxFileName } from "../../src/index.js";

describe("rsxFileName", () => {
  it("builds SPS names with the prefix of each type", () => {
    expect(rsxFileName({ type: "Order", id: "584615-1", model: "BulkImport", format: "json" })).toBe(
      "PO584615-1-v7.7-BulkImport.json",
    );
    expect(rsxFileName({ type: "OrderAck", id: "584615-1", model: "DropShip", format: "xml" })).toBe(
      "PR584615-1-v7.7-DropShip.xml",
    );
    expect(rsxFileName({ type: "Shipment", id: "SH-77", model: "CrossDock", format: "json" })).toBe(
      "SHSH-77-v7.7-CrossDock.json",
    );
    expect(rsxFileName({ type: "Invoice", id: "INV.2026_01", model: "MultiStore", format: "json" })).toBe(
      "ININV.2026_01-v7.7-MultiStore.json",
    );
  });

  it("accepts other models", () => {
    expect(rsxFileName({ type: "Order", id: "1", model: "StockRelease", format: "json" })).toBe(
      "PO1-v7.7-StockRelease.json",
    );
  });

  it("refuses ids and models that cannot be in a file name", () => {
    expect(() => rsxFileName({ type: "Order", id: "a/b", model: "BulkImport", format: "json" })).toThrow(RangeError);
    expect(() => rsxFileName({ type: "Order", id: "", model: "BulkImport", format: "json" })).toThrow(RangeError);
    expect(() => rsxFileName({ type: "Order", id: "1", model: "Bulk Import", format: "json" })).toThrow(RangeError);
  });
});

describe("parseRsxFileName", () => {
  it("reads the example from SPS's samples", () => {
    expect(parseRsxFileName("PO584615-1-v7.7-BulkImport.json")).toEqual({
      prefix: "PO",
      type: "Order",
      id: "584615-1",
      version: "7.7",
      model: "BulkImport",
      format: "json",
    });
  });

  it("reads every prefix, paths, XML and patch versions", () => {
    expect(parseRsxFileName("/out/PR584615-1-v7.7-DropShip.xml")?.type).toBe("OrderAck");
    expect(parseRsxFileName("in\\SH99-v7.7-CrossDock.json")?.type).toBe("Shipment");
    expect(parseRsxFileName("IN1234-v7.7.7-MultiStore.json")).toMatchObject({ type: "Invoice", version: "7.7.7" });
    expect(parseRsxFileName("IB123546-1-v7.7-OneWarehouse.json")).toMatchObject({
      prefix: "IB",
      type: undefined,
      model: "OneWarehouse",
    });
  });

  it("round-trips with rsxFileName", () => {
    for (const type of ["Order", "OrderAck", "Shipment", "Invoice"] as const) {
      for (const format of ["json", "xml"] as const) {
        const name = rsxFileName({ type, id: "4500012345-1", model: "BulkImport", format });
        expect(parseRsxFileName(name)).toMatchObject({ type, id: "4500012345-1", model: "BulkImport", format });
      }
    }
  });

  it("returns undefined for names that do not follow the pattern", () => {
    for (const name of [
      "PO584615-1.json",
      "XX584615-1-v7.7-BulkImport.json",
      "PO584615-1-v7.5-BulkImport.json",
      "PO584615-1-v7.7-BulkImport.csv",
      "PO-v7.7-BulkImport.json",
      "",
    ]) {
      expect(parseRsxFileName(name), name).toBeUndefined();
    }
  });
});
