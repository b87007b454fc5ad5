import { describe, expect, it } from "vitest";
import { parseRsx, RSX_NAMESPACE, serializeRsx } from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

const minimal = (body: string, root = "Orders", element = "Order"): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${RSX_NAMESPACE}">\n<${element}>${body}</${element}>\n</${root}>`;

describe("parseRsx with XML", () => {
  it("maps elements by the schema: lists, numbers, booleans and text", () => {
    const xml = minimal(
      "<Meta><IsDropShip>true</IsDropShip><BatchTotal>3</BatchTotal></Meta>" +
        "<Header><OrderHeader><TradingPartnerId>T</TradingPartnerId><PurchaseOrderNumber>0012</PurchaseOrderNumber>" +
        "<TsetPurposeCode>00</TsetPurposeCode><ExchangeRate> 1.25 </ExchangeRate></OrderHeader>" +
        "<Address><AddressTypeCode>ST</AddressTypeCode><PostalCode>02134</PostalCode></Address></Header>" +
        "<LineItem><OrderLine><LineSequenceNumber>001</LineSequenceNumber><OrderQty>1e2</OrderQty></OrderLine></LineItem>",
    );
    const result = parseRsx(xml);
    expect(result.ok).toBe(true);
    if (!result.ok || result.type !== "Order") return;
    expect(result.format).toBe("xml");
    expect(result.document).toEqual({
      Meta: { IsDropShip: true, BatchTotal: 3 },
      Header: {
        OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: "0012", TsetPurposeCode: "00", ExchangeRate: 1.25 },
        Address: [{ AddressTypeCode: "ST", PostalCode: "02134" }],
      },
      LineItem: [{ OrderLine: { LineSequenceNumber: "001", OrderQty: 100 } }],
    });
  });

  it("detects the type from the plural root, and accepts a bare singular root", () => {
    const body =
      "<Header><InvoiceHeader><TradingPartnerId>T</TradingPartnerId><InvoiceNumber>I1</InvoiceNumber></InvoiceHeader></Header>";
    const plural = parseRsx(minimal(body, "Invoices", "Invoice"));
    expect(plural.ok && plural.type).toBe("Invoice");
    const singular = parseRsx(`<Invoice xmlns="${RSX_NAMESPACE}">${body}</Invoice>`);
    expect(singular.ok && singular.type).toBe("Invoice");
  });

  it("decodes the predefined entities and character references, and nothing else", () => {
    const xml = minimal(
      "<Header><OrderHeader><TradingPartnerId>T</TradingPartnerId><PurchaseOrderNumber>A&amp;B &lt;1&gt; &quot;q&quot; &apos;s&apos; &#233;&#x4E2D; &unknown;</PurchaseOrderNumber></OrderHeader></Header>",
    );
    const result = parseRsx(xml);
    if (!result.ok || result.type !== "Order") throw new Error(JSON.stringify(result));
    expect(result.document.Header.OrderHeader.PurchaseOrderNumber).toBe(`A&B <1> "q" 's' é中 &unknown;`);
  });

  it("takes CDATA sections literally", () => {
    const xml = minimal(
      "<Header><OrderHeader><TradingPartnerId>T</TradingPartnerId><PurchaseOrderNumber>1</PurchaseOrderNumber></OrderHeader>" +
        "<Notes><Note>Use dock &amp; door <![CDATA[<7> & 8 &amp; more]]></Note></Notes></Header>",
    );
    const result = parseRsx(xml);
    if (!result.ok || result.type !== "Order") throw new Error(JSON.stringify(result));
    expect(result.document.Header.Notes).toEqual([{ Note: "Use dock & door <7> & 8 &amp; more" }]);
  });

  it("accepts namespace prefixes and warns about a missing namespace", () => {
    const body =
      "<Header><OrderHeader><TradingPartnerId>T</TradingPartnerId><PurchaseOrderNumber>1</PurchaseOrderNumber></OrderHeader></Header>";
    const prefixed = parseRsx(
      `<rsx:Orders xmlns:rsx="${RSX_NAMESPACE}"><rsx:Order>${body.replace(/<(\/?)/g, "<$1rsx:")}</rsx:Order></rsx:Orders>`,
    );
    expect(prefixed.ok).toBe(true);
    expect(prefixed.warnings).toEqual([]);
    const bare = parseRsx(`<Orders><Order>${body}</Order></Orders>`);
    expect(bare.ok).toBe(true);
    expect(bare.warnings.map((w) => w.message).join()).toContain(RSX_NAMESPACE);
  });

  it("parses a fixture written as XML, from bytes with a BOM", () => {
    const { order } = orderFixture("MultiStore");
    const xml = serializeRsx(order, { type: "Order", format: "xml" });
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)]);
    const result = parseRsx(bytes, { fileName: "PO4500012348-1-v7.7-MultiStore.xml" });
    expect(result.ok && result.document).toEqual(order);
  });

  it("writes the namespace and the plural root", () => {
    const xml = serializeRsx(orderFixture("CrossDock").order, { type: "Order", format: "xml" });
    expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<Orders xmlns="${RSX_NAMESPACE}">\n  <Order>`)).toBe(
      true,
    );
    expect(xml.trimEnd().endsWith("</Order>\n</Orders>")).toBe(true);
  });
});
