import { join } from "node:path";
import type { MappingIssue } from "@ml-connector/state";
import { describe, expect, it } from "vitest";
import { ConnectorError, createMemoryStores, importMappingCsvFile, loadMappingsCsv } from "../../src/index.js";

const issuesOf = (fn: () => unknown): MappingIssue[] => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe("mapping");
    return ((error as ConnectorError).details as { issues: MappingIssue[] }).issues;
  }
  throw new Error("expected a mapping error");
};

describe("loadMappingsCsv", () => {
  it("reads partners, with lookup order lists, booleans, defaults, a BOM and quoted fields", () => {
    const csv =
      "\uFEFFpartnerId,name,orderKind,x3Customer,x3Supplier,site,orderType,currency,itemLookupOrder,testMode,rsxVersion\n" +
      'ACME,"Acme, Inc.",,C0001,,FR011,SON,USD,buyerPartNumber|upc,yes,7.6\n' +
      "BIGBOX,Big Box,purchase,,S0001,US001,POS,EUR,,,\n";
    expect(loadMappingsCsv("partners", csv, { fileName: "partners.csv" })).toEqual([
      {
        partnerId: "ACME",
        name: "Acme, Inc.",
        orderKind: "sales",
        x3Customer: "C0001",
        site: "FR011",
        orderType: "SON",
        currency: "USD",
        itemLookupOrder: ["buyerPartNumber", "upc"],
        testMode: true,
        rsxVersion: "7.6",
      },
      {
        partnerId: "BIGBOX",
        name: "Big Box",
        orderKind: "purchase",
        x3Supplier: "S0001",
        site: "US001",
        orderType: "POS",
        currency: "EUR",
        itemLookupOrder: ["vendorPartNumber", "buyerPartNumber", "upc", "gtin"],
        testMode: false,
        rsxVersion: "7.7",
      },
    ]);
    const badVersion = issuesOf(() =>
      loadMappingsCsv("partners", "partnerId,x3Customer,site,orderType,currency,rsxVersion\nACME,C1,S,T,USD,7.5\n", {
        fileName: "p.csv",
      }),
    );
    expect(badVersion).toEqual([expect.objectContaining({ file: "p.csv", row: 2, column: "rsxVersion" })]);
  });

  it("names the file, row and column of every bad cell", () => {
    const csv =
      "partnerId,x3Customer,site,orderType,currency,testMode\n" +
      "ACME,C0001,FR011,SON,USD,false\n" +
      "\n" +
      "BIGBOX,C0002,FR011,SON,dollars,maybe\n" +
      "TOOLONGPARTNERID1,,FR011,SON,USD,\n";
    const issues = issuesOf(() => loadMappingsCsv("partners", csv, { fileName: "partners.csv" }));
    expect(issues).toEqual([
      { file: "partners.csv", row: 4, column: "testMode", message: 'expected true or false, got "maybe"' },
      expect.objectContaining({ file: "partners.csv", row: 4, column: "currency" }),
      expect.objectContaining({ file: "partners.csv", row: 5, column: "partnerId" }),
      expect.objectContaining({
        file: "partners.csv",
        row: 5,
        column: "x3Customer",
        message: "required when orderKind is sales",
      }),
    ]);
    const currency = issuesOf(() =>
      loadMappingsCsv("partners", "partnerId,x3Customer,site,orderType,currency\nACME,C1,S,T,usd\n", {
        fileName: "p.csv",
      }),
    );
    expect(currency).toEqual([expect.objectContaining({ file: "p.csv", row: 2, column: "currency" })]);
  });

  it("puts the location in the error message", () => {
    expect(() => loadMappingsCsv("uoms", "ediUnit,x3Unit\nEA,UNITS\n", { fileName: "uoms.csv" })).toThrow(
      /uoms\.csv, row 2, column x3Unit: /,
    );
  });

  it("refuses unknown and missing columns", () => {
    const issues = issuesOf(() =>
      loadMappingsCsv("shipTos", "partnerId,location,x3AddressCode\nACME,1,A\n", { fileName: "s.csv" }),
    );
    expect(issues).toEqual([
      { file: "s.csv", row: 1, column: "location", message: 'unknown column "location"' },
      { file: "s.csv", row: 1, column: "locationNumber", message: 'missing column "locationNumber"' },
    ]);
  });

  it("reports malformed CSV with its line", () => {
    const issues = issuesOf(() => loadMappingsCsv("uoms", 'ediUnit,x3Unit\nEA,UN\n"CA,CAR\n', { fileName: "u.csv" }));
    expect(issues).toEqual([expect.objectContaining({ file: "u.csv", row: 3 })]);
    const ragged = issuesOf(() => loadMappingsCsv("uoms", "ediUnit,x3Unit\nEA,UN,extra\n", { fileName: "u.csv" }));
    expect(ragged).toEqual([expect.objectContaining({ file: "u.csv", row: 2 })]);
  });

  it("expands one item row into a mapping per identifier, and accepts the one-row-per-identifier form", () => {
    const wide = loadMappingsCsv(
      "items",
      "partnerId,itemRef,vendorPartNumber,buyerPartNumber,upc,gtin\nACME,BMS001,V-1,,012345678905,\n,BMS002,,,,00614141000012\n",
    );
    expect(wide).toEqual([
      { partnerId: "ACME", kind: "vendorPartNumber", value: "V-1", itemRef: "BMS001" },
      { partnerId: "ACME", kind: "upc", value: "012345678905", itemRef: "BMS001" },
      { kind: "gtin", value: "00614141000012", itemRef: "BMS002" },
    ]);
    expect(loadMappingsCsv("items", "kind,value,itemRef\nupc,1,I1\n")).toEqual([
      { kind: "upc", value: "1", itemRef: "I1" },
    ]);
    const issues = issuesOf(() =>
      loadMappingsCsv("items", "partnerId,itemRef,upc,gtin\nACME,,1,\nACME,I2,,\n", { fileName: "items.csv" }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ file: "items.csv", row: 2, column: "itemRef" }),
      expect.objectContaining({ file: "items.csv", row: 3, message: expect.stringContaining("no identifier") }),
    ]);
    const badKind = issuesOf(() => loadMappingsCsv("items", "kind,value,itemRef\nsku,1,I1\n", { fileName: "i.csv" }));
    expect(badKind).toEqual([expect.objectContaining({ row: 2, column: "kind" })]);
  });

  it("reads ship-tos, UOMs and cost centres", () => {
    expect(loadMappingsCsv("shipTos", "partnerId,locationNumber,x3AddressCode,x3Customer\nACME,0042,ADR42,\n")).toEqual(
      [{ partnerId: "ACME", locationNumber: "0042", x3AddressCode: "ADR42" }],
    );
    expect(loadMappingsCsv("uoms", "partnerId,ediUnit,x3Unit\n,EA,UN\nACME,CA,CS\n")).toEqual([
      { ediUnit: "EA", x3Unit: "UN" },
      { partnerId: "ACME", ediUnit: "CA", x3Unit: "CS" },
    ]);
    expect(
      loadMappingsCsv("costCentres", "partnerId,department,dimensions\nACME,,CCT=RETAIL\nACME,042,CCT=HOME; DEP=D42\n"),
    ).toEqual([
      { partnerId: "ACME", dimensions: { CCT: "RETAIL" } },
      { partnerId: "ACME", department: "042", dimensions: { CCT: "HOME", DEP: "D42" } },
    ]);
    const issues = issuesOf(() =>
      loadMappingsCsv("costCentres", "partnerId,dimensions\nACME,CCT\nACME,\n", { fileName: "cc.csv" }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ row: 2, column: "dimensions", message: expect.stringContaining("TYPE=CODE") }),
      expect.objectContaining({ row: 3, column: "dimensions" }),
    ]);
  });
});

describe("importMappingCsvFile", () => {
  it("validates a file and writes it to the store", async () => {
    const stores = createMemoryStores();
    expect(await importMappingCsvFile(stores.mappings, "items", join(import.meta.dirname, "fixtures/items.csv"))).toBe(
      4,
    );
    expect(await stores.mappings.findItem("ACME", { buyerPartNumber: "B-100" })).toMatchObject({ itemRef: "BMS001" });
    expect(await stores.mappings.findItem("OTHER", { gtin: "00614141000012" })).toMatchObject({ itemRef: "BMS002" });
  });

  it("names a missing file", async () => {
    const stores = createMemoryStores();
    await expect(importMappingCsvFile(stores.mappings, "uoms", "/nonexistent/uoms.csv")).rejects.toMatchObject({
      kind: "mapping",
      details: { file: "/nonexistent/uoms.csv" },
    });
  });
});
