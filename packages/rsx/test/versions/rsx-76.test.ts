import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commonRules,
  type Order,
  parseRsx,
  parseRsxFileName,
  type RsxDocumentType,
  rsxDocumentTypes,
  rsxFileName,
  type Shipment,
  serializeRsx,
} from "../../src/index.js";
import { documentArbitrary } from "../helpers/arbitraries.js";
import { loadOrderFixtures } from "../helpers/fixtures.js";

const dir = new URL("../fixtures/v7.6/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir));
const order76 = "PO7310042-1-v7.6-BulkImport.xml";
const shipment76 = "SH7310042-1-v7.6-BulkImport.xml";
const order77 = JSON.parse(read("PO7310042-1-v7.7-BulkImport.json").toString("utf8")) as Order;
const shipment77 = JSON.parse(read("SH7310042-1-v7.7-BulkImport.json").toString("utf8")) as Shipment;

describe("RSX 7.6 read", () => {
  it("reads a 7.6 850 (singular root, no namespace, pretty-printed) as the same 7.7 model, every value kept", () => {
    const result = parseRsx(read(order76), { rules: commonRules });
    if (!result.ok || result.type !== "Order") throw new Error(JSON.stringify(result));
    expect(result.version).toBe("7.6");
    expect(result.document).toEqual(order77);
    expect(result.document.LineItem).toHaveLength(4);
    expect(result.legacy).toEqual({
      "Header.OrderHeader.PromotionDealNumber": "SPRING26",
      "Header.OrderHeader.PromotionDealDescription": "Spring kitchen event",
      "Header.PaymentTerms[0].Percent": "2",
      "Header.Notes[0].NoteFormatCode": "X",
      "Header.Notes[1].NoteFunctionCode": "I",
      "Summary.TotalQuantity": "76",
    });
    const legacyWarnings = result.warnings.filter((w) => w.code === "legacy_field");
    expect(legacyWarnings.map((w) => w.path).sort()).toEqual(Object.keys(result.legacy).sort());
    expect(legacyWarnings.find((w) => w.path === "Summary.TotalQuantity")?.message).toMatch(/TotalQuantity.*"76"/);
    // No namespace warning for 7.6, which is usually written without one.
    expect(result.warnings.filter((w) => w.path === "")).toEqual([]);
  });

  it("maps each renamed 7.6 group to its 7.7 home", () => {
    const result = parseRsx(read(order76));
    if (!result.ok || result.type !== "Order") throw new Error("not parsed");
    const { Header, LineItem } = result.document;
    expect(Header.OrderHeader.PrimaryPOTypeCode).toBe("SA");
    expect(Header.OrderHeader.PrimaryPOTypeDescription).toBe("Stand-alone order");
    expect(Header.Dates).toEqual([
      { DateTimeQualifier: "010", Date: "2026-04-14" },
      { DateTimeQualifier: "001", Date: "2026-04-28" },
    ]);
    expect(Header.Contacts?.map((c) => c.ContactName)).toEqual(["Dana Whitfield", "Receiving, DC 3"]);
    expect(Header.References?.[1]).toEqual({ ReferenceQual: "DP", ReferenceID: "114", Date: "2026-04-06" });
    expect(Header.Notes?.[0]?.Note).toBe("Appointment required: book 48 h ahead & quote the PO.");
    expect(Header.CarrierInformation?.[0]?.SealNumbers).toEqual([{ SealStatusCode: "01", SealNumber: "LK-558201" }]);
    expect(LineItem?.[0]?.Dates).toEqual([{ DateTimeQualifier: "002", Date: "2026-04-16" }]);
    expect(LineItem?.[1]?.References).toEqual([{ ReferenceQual: "CT", ReferenceID: "VA-2026-114-B" }]);
    expect(LineItem?.[3]?.Contacts).toEqual([{ ContactTypeCode: "BD", ContactName: "Sam Okafor" }]);
  });

  it("reads a 7.6 856 with its packs and items", () => {
    const result = parseRsx(read(shipment76), { rules: commonRules });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.version).toBe("7.6");
    expect(result.document).toEqual(shipment77);
    expect(result.legacy).toEqual({ "Summary.TotalQuantity": "70" });
  });

  it("detects 7.6 from the levels when the Header carries no 7.6 group (an 856 with dates only on its items)", () => {
    const shipment = structuredClone(shipment77);
    for (const key of ["Dates", "References", "Notes", "Contacts"] as const) delete shipment.Header[key];
    const orderLevel = shipment.OrderLevel?.[0];
    if (orderLevel === undefined) throw new Error("fixture without OrderLevel");
    delete orderLevel.References;
    // Only ItemLevel[0] (under OrderLevel[0].PackLevel[0]) still has a group 7.6 names differently: Date.
    for (const format of ["xml", "json"] as const) {
      const text = serializeRsx(shipment, { type: "Shipment", format, version: "7.6" });
      const result = parseRsx(text, { type: "Shipment" });
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.version).toBe("7.6");
      expect(result.document).toEqual(shipment);
    }
  });

  it("reads 7.7 documents as 7.7, with nothing legacy", () => {
    for (const { bytes, fileName } of loadOrderFixtures()) {
      const result = parseRsx(bytes, { fileName });
      expect(result.ok && result.version).toBe("7.7");
      expect(result.ok && result.legacy).toEqual({});
    }
  });

  it("reads a 7.6 document written as JSON too", () => {
    const json = serializeRsx(order77, { type: "Order", format: "json", version: "7.6" });
    expect(json).toContain('"LineItems"');
    const result = parseRsx(json);
    expect(result.ok && result.version).toBe("7.6");
    expect(result.ok && result.document).toEqual(order77);
  });

  it("lenient mode cannot lose a line: each 7.6 fixture read as 7.7 is refused, saying why", () => {
    for (const name of [order76, shipment76]) {
      const result = parseRsx(read(name), { version: "7.7", lenient: true });
      expect(result.ok, name).toBe(false);
      if (result.ok) continue;
      // Every unknown 7.6 group is named; none is dropped.
      expect(result.issues.every((i) => i.code === "lines_would_be_lost" || i.code === "unrecognized_key")).toBe(true);
      if (name === order76) {
        expect(result.issues.map((i) => `${i.code} ${i.path}`)).toContain("lines_would_be_lost LineItems");
      } else {
        expect(result.issues.map((i) => i.path)).toContain("Header.Date");
      }
    }
  });

  it("refuses an older layout with one issue that names it", () => {
    const result = parseRsx(
      `<?xml version="1.0"?><PurchaseOrder><Header><PONumber>1</PONumber></Header><Items><Item/></Items></PurchaseOrder>`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.code).toBe("unsupported_layout");
    expect(result.issues[0]?.message).toMatch(/<PurchaseOrder>.*older than RSX 7\.6.*not supported/);
  });
});

describe("RSX 7.6 write", () => {
  it("writes the 7.6 layout, and reads it back as the same 7.7 model", () => {
    for (const format of ["xml", "json"] as const) {
      const text = serializeRsx(order77, { type: "Order", format, version: "7.6" });
      for (const name of [
        "LineItems",
        "DateTimeQualifier1",
        "Date1",
        "Contact",
        "Reference",
        "PurchaseOrderTypeCode",
        "NoteInformationField",
        "SealNumber",
      ]) {
        expect(text, name).toContain(name);
      }
      expect(text).not.toMatch(/Dates|Contacts|References|PrimaryPOTypeCode|SealNumbers/);
      const parsed = parseRsx(text);
      expect(parsed.ok && parsed.version).toBe("7.6");
      expect(parsed.ok && parsed.document).toEqual(order77);
    }
    const ship = serializeRsx(shipment77, { type: "Shipment", format: "xml", version: "7.6" });
    const parsed = parseRsx(ship, { type: "Shipment" });
    expect(parsed.ok && parsed.document).toEqual(shipment77);
  });

  for (const type of rsxDocumentTypes as readonly RsxDocumentType[]) {
    for (const format of ["json", "xml"] as const) {
      it(`parse(serialize(doc, 7.6)) deep-equals doc: ${type} as ${format} (generated documents)`, () => {
        fc.assert(
          fc.property(documentArbitrary(type), (document) => {
            const text = serializeRsx(document, { type, format, version: "7.6" });
            const parsed = parseRsx(text, { type, format, version: "7.6" });
            if (!parsed.ok) throw new Error(`${JSON.stringify(parsed.issues)}\n${text}`);
            expect(parsed.document).toEqual(document);
            expect(serializeRsx(parsed.document, { type, format, version: "7.6" })).toBe(text);
          }),
          { numRuns: 40 },
        );
      });
    }
  }

  it("file names carry the version", () => {
    const name = rsxFileName({ type: "OrderAck", id: "7310042-1", model: "BulkImport", format: "xml", version: "7.6" });
    expect(name).toBe("PR7310042-1-v7.6-BulkImport.xml");
    expect(parseRsxFileName(name)?.version).toBe("7.6");
    expect(rsxFileName({ type: "OrderAck", id: "1", model: "BulkImport", format: "json" })).toBe(
      "PR1-v7.7-BulkImport.json",
    );
    expect(parseRsxFileName("PO7310042-1-v7.6.3-BulkImport.xml")?.version).toBe("7.6.3");
  });
});
