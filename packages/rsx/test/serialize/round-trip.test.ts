import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRsx, type RsxDocumentType, rsxDocumentTypes, serializeRsx } from "../../src/index.js";
import { documentArbitrary } from "../helpers/arbitraries.js";
import { loadOrderFixtures } from "../helpers/fixtures.js";

const formats = ["json", "xml"] as const;

describe("parse(serialize(doc)) deep-equals doc", () => {
  for (const type of rsxDocumentTypes as readonly RsxDocumentType[]) {
    for (const format of formats) {
      it(`${type} as ${format} (generated documents)`, () => {
        fc.assert(
          fc.property(documentArbitrary(type), (document) => {
            const text = serializeRsx(document, { type, format });
            const parsed = parseRsx(text, { type, format });
            if (!parsed.ok) throw new Error(`${JSON.stringify(parsed.issues)}\n${text}`);
            expect(parsed.type).toBe(type);
            expect(parsed.document).toEqual(document);
            // And writing it again gives the same text.
            expect(serializeRsx(parsed.document, { type, format })).toBe(text);
          }),
          { numRuns: 60 },
        );
      });
    }
  }

  it("keeps the fixtures intact in both formats, with single-element arrays and leading zeros", () => {
    for (const { order } of loadOrderFixtures()) {
      for (const format of formats) {
        const parsed = parseRsx(serializeRsx(order, { type: "Order", format }));
        expect(parsed.ok && parsed.document).toEqual(order);
      }
    }
  });

  it("writes a single-element list as one element and reads it back as a list", () => {
    const order = {
      Header: { OrderHeader: { TradingPartnerId: "X", PurchaseOrderNumber: "007" }, Address: [{}] },
      LineItem: [{ OrderLine: { LineSequenceNumber: "001", OrderQty: 1.5 } }],
    };
    const xml = serializeRsx(order, { type: "Order", format: "xml" });
    expect(xml).toContain("<Address/>");
    expect(xml.match(/<LineItem>/g)).toHaveLength(1);
    const parsed = parseRsx(xml);
    expect(parsed.ok && parsed.document).toEqual(order);
  });

  it("escapes markup characters in XML text", () => {
    const order = {
      Header: { OrderHeader: { TradingPartnerId: "X", PurchaseOrderNumber: `<a href="x">&'</a>` } },
    };
    const xml = serializeRsx(order, { type: "Order", format: "xml" });
    expect(xml).toContain(
      "<PurchaseOrderNumber>&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;</PurchaseOrderNumber>",
    );
    const parsed = parseRsx(xml);
    expect(parsed.ok && parsed.document).toEqual(order);
  });
});
