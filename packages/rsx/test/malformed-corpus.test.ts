import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ParseOptions, parseRsx, serializeRsx } from "../src/index.js";
import { orderFixture } from "./helpers/fixtures.js";

// A corpus of malformed inputs. Each one must be refused with a precise issue (path + code + a message), and
// parseRsx must never throw.

type Json = Record<string, unknown>;

const fixture = orderFixture("BulkImport");
const fixtureText = new TextDecoder().decode(fixture.bytes);
const validXml = serializeRsx(fixture.order, { type: "Order", format: "xml" });

function order(mutate: (doc: Json) => void): string {
  const doc = JSON.parse(fixtureText) as Json;
  mutate(doc);
  return JSON.stringify(doc);
}

function at(doc: Json, path: string): Json {
  let current: unknown = doc;
  for (const key of path.split(".")) {
    current = (current as Record<string, unknown>)[/^\d+$/.test(key) ? Number(key) : key];
  }
  return current as Json;
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (bigEndian) bytes.push(code >> 8, code & 0xff);
    else bytes.push(code & 0xff, code >> 8);
  }
  return Uint8Array.from(bytes);
}

interface Case {
  readonly name: string;
  readonly input: () => string | Uint8Array;
  readonly options?: ParseOptions;
  readonly path: string;
  readonly code: string;
  /** A fragment the message must contain, to keep it actionable. */
  readonly says?: RegExp;
}

const FIFTY_MB = 50 * 1024 * 1024;

const cases: Case[] = [
  { name: "empty file", input: () => "", path: "", code: "empty", says: /empty/ },
  { name: "empty bytes", input: () => new Uint8Array(0), path: "", code: "empty" },
  { name: "only whitespace and a BOM", input: () => "\uFEFF \n\t ", path: "", code: "empty", says: /whitespace/ },
  {
    name: "truncated JSON",
    input: () => fixtureText.slice(0, Math.floor(fixtureText.length / 2)),
    path: "",
    code: "syntax",
    says: /truncated/,
  },
  {
    name: "JSON with a trailing comma",
    input: () => '{"Header": {"OrderHeader": {}},}',
    path: "",
    code: "syntax",
    says: /line 1/,
  },
  { name: "neither JSON nor XML", input: () => "PO,4500012345,ACME", path: "", code: "unknown_format" },
  {
    name: "JSON array of orders",
    input: () => `[${fixtureText},${fixtureText}]`,
    path: "",
    code: "multiple_documents",
    says: /array of 2 documents/,
  },
  { name: "empty JSON array", input: () => "[]", path: "", code: "multiple_documents", says: /empty JSON array/ },
  { name: "JSON array holding a number", input: () => "[1]", path: "", code: "invalid_type" },
  { name: "JSON object of an unknown kind", input: () => '{"foo": 1}', path: "Header", code: "unknown_type" },
  {
    name: "missing PurchaseOrderNumber",
    input: () => order((d) => delete at(d, "Header.OrderHeader").PurchaseOrderNumber),
    path: "Header.OrderHeader.PurchaseOrderNumber",
    code: "required",
    says: /PurchaseOrderNumber is required/,
  },
  {
    name: "missing Header",
    input: () => order((d) => delete d.Header),
    options: { type: "Order" },
    path: "Header",
    code: "required",
  },
  {
    name: "16-character TradingPartnerId",
    input: () => order((d) => (at(d, "Header.OrderHeader").TradingPartnerId = "ABCDEFGHIJKLMNOP")),
    path: "Header.OrderHeader.TradingPartnerId",
    code: "too_long",
    says: /16 characters long; at most 15/,
  },
  {
    name: "empty TradingPartnerId",
    input: () => order((d) => (at(d, "Header.OrderHeader").TradingPartnerId = "")),
    path: "Header.OrderHeader.TradingPartnerId",
    code: "too_short",
  },
  {
    name: "2026-02-30",
    input: () => order((d) => (at(d, "Header.OrderHeader").PurchaseOrderDate = "2026-02-30")),
    path: "Header.OrderHeader.PurchaseOrderDate",
    code: "invalid_format",
    says: /2026-02-30/,
  },
  {
    name: "a five-digit year",
    input: () => order((d) => (at(d, "Header.Dates.0").Date = "20260-03-10")),
    path: "Header.Dates[0].Date",
    code: "invalid_format",
  },
  {
    name: "a US-style date",
    input: () => order((d) => (at(d, "Header.OrderHeader").PurchaseOrderDate = "03/02/2026")),
    path: "Header.OrderHeader.PurchaseOrderDate",
    code: "invalid_format",
  },
  {
    name: "hour 25",
    input: () => order((d) => (at(d, "Header.OrderHeader").PurchaseOrderTime = "25:00:00")),
    path: "Header.OrderHeader.PurchaseOrderTime",
    code: "invalid_format",
  },
  {
    name: "quantity as text",
    input: () => order((d) => (at(d, "LineItem.2.OrderLine").OrderQty = "6")),
    path: "LineItem[2].OrderLine.OrderQty",
    code: "invalid_type",
    says: /must be a number, but it is the text "6"/,
  },
  {
    name: "price null",
    input: () => order((d) => (at(d, "LineItem.0.OrderLine").PurchasePrice = null)),
    path: "LineItem[0].OrderLine.PurchasePrice",
    code: "invalid_type",
  },
  {
    name: "LineItem as an object instead of a list",
    input: () => order((d) => (d.LineItem = (d.LineItem as unknown[])[0])),
    path: "LineItem",
    code: "invalid_type",
    says: /list/,
  },
  {
    name: "unknown field in the header",
    input: () => order((d) => (at(d, "Header.OrderHeader").Foo = "bar")),
    path: "Header.OrderHeader.Foo",
    code: "unrecognized_key",
    says: /lenient/,
  },
  {
    name: "unknown top-level field",
    input: () => order((d) => (d.Extra = {})),
    path: "Extra",
    code: "unrecognized_key",
  },
  {
    name: "misspelt field",
    input: () =>
      order((d) => {
        const header = at(d, "Header.OrderHeader");
        header.PurchaseOrderNumbr = header.PurchaseOrderNumber;
        delete header.PurchaseOrderNumber;
      }),
    path: "Header.OrderHeader.PurchaseOrderNumbr",
    code: "unrecognized_key",
    says: /did you mean "PurchaseOrderNumber"/,
  },
  {
    name: "code not in the list (strict codes)",
    input: () => order((d) => (at(d, "Header.OrderHeader").TsetPurposeCode = "99")),
    options: { codes: "strict" },
    path: "Header.OrderHeader.TsetPurposeCode",
    code: "invalid_value",
    says: /00/,
  },
  {
    name: "code written as a number (leading zeros lost)",
    input: () => order((d) => (at(d, "Header.OrderHeader").TsetPurposeCode = 0)),
    path: "Header.OrderHeader.TsetPurposeCode",
    code: "invalid_value",
    says: /codes are text/,
  },
  {
    name: "integer count with decimals",
    input: () => order((d) => (at(d, "Summary").TotalLineItemNumber = 4.5)),
    path: "Summary.TotalLineItemNumber",
    code: "invalid_type",
    says: /whole number/,
  },
  {
    name: "boolean as text",
    input: () => order((d) => (at(d, "Meta").IsDropShip = "yes")),
    path: "Meta.IsDropShip",
    code: "invalid_type",
  },
  {
    name: "XML with an internal DTD and entities (billion laughs)",
    input: () =>
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Orders xmlns="http://www.spscommerce.com/RSX"><Order><Header><OrderHeader><TradingPartnerId>&lol2;</TradingPartnerId><PurchaseOrderNumber>1</PurchaseOrderNumber></OrderHeader></Header></Order></Orders>`,
    path: "",
    code: "dtd_forbidden",
    says: /DOCTYPE or ENTITY/,
  },
  {
    name: "XML with an external entity (XXE)",
    input: () =>
      `<?xml version="1.0"?><!DOCTYPE Orders [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Orders><Order><Header><OrderHeader><TradingPartnerId>&xxe;</TradingPartnerId></OrderHeader></Header></Order></Orders>`,
    path: "",
    code: "dtd_forbidden",
  },
  {
    name: "a lone ENTITY declaration after the root",
    input: () => `${validXml}<!ENTITY x "y">`,
    path: "",
    code: "dtd_forbidden",
  },
  {
    name: "XML with mismatched tags",
    input: () => validXml.replace("</PurchaseOrderNumber>", "</PurchaseOrderNo>"),
    path: "",
    code: "syntax",
    says: /line \d+, column \d+/,
  },
  {
    name: "truncated XML",
    input: () => validXml.slice(0, Math.floor(validXml.length / 2)),
    path: "",
    code: "syntax",
    says: /truncated/,
  },
  {
    name: "XML with a broken <?xml ?> declaration (found by fuzzing)",
    input: () => validXml.slice(0, 13) + validXml.slice(30),
    path: "",
    code: "syntax",
    says: /declaration/,
  },
  {
    name: "XML with an unknown root",
    input: () => `<PurchaseOrderList><Order/></PurchaseOrderList>`,
    path: "",
    code: "unknown_type",
    says: /<Orders>/,
  },
  {
    name: "XML in a layout older than RSX 7.6",
    input: () => `<PurchaseOrders><Order/></PurchaseOrders>`,
    path: "",
    code: "unsupported_layout",
    says: /older than RSX 7\.6/,
  },
  {
    name: "XML with two orders in one file",
    input: () => validXml.replace("</Order>", "</Order><Order><Header/></Order>"),
    path: "",
    code: "multiple_documents",
  },
  {
    name: "XML root without a document",
    input: () => `<Orders xmlns="http://www.spscommerce.com/RSX"/>`,
    path: "",
    code: "empty",
  },
  {
    name: "XML quantity that is not a number",
    input: () => validXml.replace("<OrderQty>24</OrderQty>", "<OrderQty>twenty-four</OrderQty>"),
    path: "LineItem[0].OrderLine.OrderQty",
    code: "invalid_type",
  },
  {
    name: "XML unknown element",
    input: () => validXml.replace("<Vendor>", "<Vendr>x</Vendr><Vendor>"),
    path: "Header.OrderHeader.Vendr",
    code: "unrecognized_key",
    says: /did you mean "Vendor"/,
  },
  {
    name: "XML 856 whose OrderLevel holds both PackLevel and ItemLevel",
    input: () =>
      `<Shipments xmlns="http://www.spscommerce.com/RSX"><Shipment><Header><ShipmentHeader><TradingPartnerId>T</TradingPartnerId><ShipmentIdentification>S1</ShipmentIdentification></ShipmentHeader></Header><OrderLevel><PackLevel/><ItemLevel/></OrderLevel></Shipment></Shipments>`,
    path: "OrderLevel[0].ItemLevel",
    code: "invalid",
  },
  {
    name: "XML document of another type than expected",
    input: () => validXml,
    options: { type: "Invoice" },
    path: "",
    code: "type_mismatch",
  },
  { name: "50 MB input (text)", input: () => " ".repeat(FIFTY_MB), path: "", code: "too_large", says: /50\.0 MB/ },
  { name: "50 MB input (bytes)", input: () => new Uint8Array(FIFTY_MB), path: "", code: "too_large" },
  {
    name: "input over a configured limit",
    input: () => fixture.bytes,
    options: { maxBytes: 1024 },
    path: "",
    code: "too_large",
    says: /maxBytes/,
  },
  {
    name: "UTF-16LE with BOM",
    input: () => utf16(fixtureText, false, true),
    path: "",
    code: "encoding",
    says: /UTF-16/,
  },
  {
    name: "UTF-16BE with BOM",
    input: () => utf16(fixtureText, true, true),
    path: "",
    code: "encoding",
    says: /UTF-16/,
  },
  { name: "UTF-16LE without BOM", input: () => utf16(fixtureText, false, false), path: "", code: "encoding" },
  {
    name: "UTF-16 bytes read as Latin-1 text",
    input: () => new TextDecoder("latin1").decode(utf16(fixtureText, false, true)),
    path: "",
    code: "encoding",
  },
  {
    name: "Windows-1252 bytes (not UTF-8)",
    input: () =>
      Uint8Array.from([
        ...new TextEncoder().encode('{"Header":{"OrderHeader":{"TradingPartnerId":"Caf'),
        0xe9,
        0x22,
        0x7d,
        0x7d,
        0x7d,
      ]),
    path: "",
    code: "encoding",
    says: /UTF-8/,
  },
];

describe("malformed corpus", () => {
  it("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cases) {
    it(`${c.name} -> ${c.code} at "${c.path}"`, () => {
      const input = c.input();
      let result: ReturnType<typeof parseRsx> | undefined;
      expect(() => {
        result = parseRsx(input, c.options);
      }).not.toThrow();
      if (result === undefined) throw new Error("no result");
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const match = result.issues.find((i) => i.path === c.path && i.code === c.code);
      expect(match, JSON.stringify(result.issues, null, 2)).toBeDefined();
      expect(match?.message.length).toBeGreaterThan(10);
      if (c.says) expect(match?.message).toMatch(c.says);
    });
  }
});

describe("parseRsx never throws", () => {
  it("on arbitrary text and bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.uint8Array({ maxLength: 300 })), (input) => {
        const result = parseRsx(input);
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          // The defensive catch-all in parseRsx must never be what answers: every failure is a diagnosed one.
          expect(result.issues.map((i) => i.message).join()).not.toContain("could not be read");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("on fixtures cut, spliced and corrupted at random places, JSON and XML", () => {
    const sources = [fixtureText, validXml];
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: fc.constantFrom("<", ">", "&", "{", "}", '"', ",", "[", "]", "/", "x", "0", "\u0000", "é") }),
        (source, a, b, noise) => {
          const start = a % source.length;
          const end = start + (b % 40);
          const corrupted = source.slice(0, start) + noise + source.slice(end);
          const result = parseRsx(corrupted);
          expect(typeof result.ok).toBe("boolean");
          if (!result.ok) {
            for (const issue of result.issues) {
              expect(issue.message).not.toContain("could not be read");
              expect(typeof issue.path).toBe("string");
              expect(issue.message.length).toBeGreaterThan(10);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
