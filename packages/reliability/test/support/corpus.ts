import { buildOrderAck, serializeRsx } from "@ml-connector/rsx";
import { bytesOf, make850, type OrderSpec } from "@ml-connector/sandbox";

/** What the audit store must say about a file once orders-in has seen it. */
export interface Expected {
  status: "rejected" | "created" | "updated" | "duplicate" | "ignored" | "parked";
  /** A reason with this code (and, when given, this JSON path) must be among the document's reasons. */
  code?: string;
  path?: string;
}

export interface CorpusCase {
  name: string;
  fileName: string;
  content: Uint8Array;
  expected: Expected;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const po = (n: number) => `BAD${String(n).padStart(3, "0")}`;
const json = (spec: OrderSpec, mutate?: (doc: Record<string, unknown>) => void): Uint8Array => {
  const doc = make850(spec);
  mutate?.(doc);
  return bytesOf(doc);
};
const header = (doc: Record<string, unknown>) => (doc.Header as { OrderHeader: Record<string, unknown> }).OrderHeader;
const lines = (doc: Record<string, unknown>) => doc.LineItem as { OrderLine: Record<string, unknown> }[];
const line0 = (doc: Record<string, unknown>) => lines(doc)[0]?.OrderLine as Record<string, unknown>;
const name = (id: string, ext = "json") => `PO${id}-v7.7-BulkImport.${ext}`;
const PO_PATH = "Header.OrderHeader.PurchaseOrderNumber";
const rejected = (code: string, path?: string): Expected => ({ status: "rejected", code, ...(path ? { path } : {}) });
/** Not an 850: left in the mailbox, recorded with its bytes. */
const parked = (code: string): Expected => ({ status: "parked", code });

function goodXml(id: string): string {
  const doc = make850({ po: id });
  return serializeRsx(doc as never, { type: "Order", format: "xml" });
}

/** Files that must be rejected, parked (or recorded as duplicates), each with the reason the audit store must give. */
export function badCases(): CorpusCase[] {
  let n = 0;
  const cases: CorpusCase[] = [];
  const add = (caseName: string, content: Uint8Array | string, expected: Expected, fileName?: string) => {
    n += 1;
    cases.push({
      name: caseName,
      fileName: fileName ?? name(po(n)),
      content: typeof content === "string" ? utf8(content) : content,
      expected,
    });
  };
  const id = () => po(n + 1);

  // ── Malformed files ──
  add("not JSON at all", "this is not an order", rejected("syntax"));
  add("empty file", "", rejected("empty"));
  add("whitespace only", "   \n\t  ", rejected("empty"));
  add("truncated JSON", new TextDecoder().decode(json({ po: id() })).slice(0, 200), rejected("syntax"));
  add(
    "a JSON array of two orders",
    `[${new TextDecoder().decode(json({ po: id() }))},${new TextDecoder().decode(json({ po: `${id()}B` }))}]`,
    rejected("multiple_documents"),
  );
  add("JSON null", "null", rejected("invalid_type"));
  add("a JSON string", '"PO"', rejected("invalid_type"));
  add("a JSON number", "42", rejected("invalid_type"));
  add("binary garbage", new Uint8Array([0, 1, 2, 3, 255, 254, 0, 7, 8, 9]), rejected("encoding"));
  add(
    "no Header",
    json({ po: id() }, (d) => {
      delete d.Header;
    }),
    rejected("required", "Header"),
  );
  add(
    "no PurchaseOrderNumber",
    json({ po: id() }, (d) => {
      delete header(d).PurchaseOrderNumber;
    }),
    rejected("required", "Header.OrderHeader.PurchaseOrderNumber"),
  );
  add(
    "no TradingPartnerId",
    json({ po: id() }, (d) => {
      delete header(d).TradingPartnerId;
    }),
    rejected("required", "Header.OrderHeader.TradingPartnerId"),
  );
  add(
    "an unknown header property",
    json({ po: id(), unknownField: true }),
    rejected("unrecognized_key", "Header.OrderHeader.Surprise"),
  );
  add(
    "a typo in a property name",
    json({ po: id() }, (d) => {
      const h = header(d);
      h.PurchaseOrderNumbr = h.PurchaseOrderNumber;
      delete h.PurchaseOrderNumber;
    }),
    rejected("unrecognized_key"),
  );
  add(
    "an invalid date (Feb 30)",
    json({ po: id() }, (d) => {
      header(d).PurchaseOrderDate = "2026-02-30";
    }),
    rejected("invalid_format", "Header.OrderHeader.PurchaseOrderDate"),
  );
  add(
    "a date in the wrong format",
    json({ po: id() }, (d) => {
      header(d).PurchaseOrderDate = "11/20/2026";
    }),
    rejected("invalid_format", "Header.OrderHeader.PurchaseOrderDate"),
  );
  add(
    "a purpose code not in the list (read, with an unknown_code warning, then refused by orders-in)",
    json({ po: id() }, (d) => {
      header(d).TsetPurposeCode = "99";
    }),
    rejected("unsupported_purpose", "Header.OrderHeader.TsetPurposeCode"),
  );
  add(
    "a purpose code that is not even a code",
    json({ po: id() }, (d) => {
      header(d).TsetPurposeCode = "new order";
    }),
    rejected("invalid_value", "Header.OrderHeader.TsetPurposeCode"),
  );
  add(
    "a quantity that is a string",
    json({ po: id() }, (d) => {
      line0(d).OrderQty = "lots";
    }),
    rejected("invalid_type", "LineItem[0].OrderLine.OrderQty"),
  );
  add(
    "a quantity that is too big to be a number (1e400)",
    new TextDecoder().decode(json({ po: id() })).replace('"OrderQty": 24', '"OrderQty": 1e400'),
    rejected("invalid_type", "LineItem[0].OrderLine.OrderQty"),
  );
  add(
    "a line without OrderLine",
    json({ po: id() }, (d) => {
      lines(d).push({} as never);
    }),
    rejected("line_count", "Summary.TotalLineItemNumber"),
  );
  // Identifiers the ledger, the X3 lookup and the audit trail are keyed by: refused before any of them is used.
  add(
    "a PO number longer than X12 allows",
    json({ po: "P".repeat(60) }),
    rejected("invalid_identifier"),
    name("LONGPO"),
  );
  add("a 1,000-character PO number", json({ po: "P".repeat(1000) }), rejected("invalid_identifier"), name("HUGEPO"));
  add("a PO number with a tab", json({ po: "PO\t1001" }), rejected("invalid_identifier", PO_PATH));
  add("a PO number with a NUL", json({ po: "PO\u00001001" }), rejected("invalid_identifier", PO_PATH));
  add("a PO number that is a lone surrogate", json({ po: "\ud800" }), rejected("invalid_identifier", PO_PATH));
  add("an empty PO number", json({ po: "" }), rejected("invalid_identifier", PO_PATH));
  add("a PO number of spaces", json({ po: "   " }), rejected("invalid_identifier", PO_PATH));
  add(
    "a __proto__ key (prototype pollution attempt)",
    new TextDecoder()
      .decode(json({ po: id() }))
      .replace('"Header": {', '"Header": { "__proto__": { "polluted": true },'),
    rejected("unrecognized_key", "Header.__proto__"),
  );
  add("JSON nested 100,000 deep", "[".repeat(100_000) + "]".repeat(100_000), rejected("too_deep"));
  add("JSON object nested 5,000 deep", `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`, rejected("too_deep"));
  add(
    "XML nested 100,000 deep",
    `<Orders xmlns="http://www.spscommerce.com/RSX"><Order>${"<Header>".repeat(100_000)}${"</Header>".repeat(100_000)}</Order></Orders>`,
    rejected("too_deep"),
    name(id(), "xml"),
  );

  // ── Encodings and BOMs ──
  const utf16 = Buffer.from(`\ufeff${new TextDecoder().decode(json({ po: id() }))}`, "utf16le");
  add("UTF-16LE with a BOM", new Uint8Array(utf16), rejected("encoding"));
  const utf16be = Buffer.from(`\ufeff${new TextDecoder().decode(json({ po: id() }))}`, "utf16le").swap16();
  add("UTF-16BE with a BOM", new Uint8Array(utf16be), rejected("encoding"));
  const latin1 = Buffer.from(
    new TextDecoder().decode(json({ po: id() })).replace('"Vendor": "0004521"', '"Vendor": "Café Crème"'),
    "latin1",
  );
  add("Latin-1 bytes (not UTF-8)", new Uint8Array(latin1), rejected("encoding"));
  add(
    "a NUL byte inside a value",
    new TextDecoder().decode(json({ po: id() })).replace('"Vendor": "0004521"', '"Vendor": "0004\u0000521"'),
    rejected("syntax"),
  );

  // ── XML ──
  add(
    "XML billion laughs",
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Orders xmlns="http://www.spscommerce.com/RSX"><Order><Header><OrderHeader><TradingPartnerId>&lol3;</TradingPartnerId></OrderHeader></Header></Order></Orders>`,
    rejected("dtd_forbidden"),
    name(id(), "xml"),
  );
  add(
    "XML external entity (file:///etc/passwd)",
    `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Orders xmlns="http://www.spscommerce.com/RSX"><Order><Header><OrderHeader><TradingPartnerId>&xxe;</TradingPartnerId></OrderHeader></Header></Order></Orders>`,
    rejected("dtd_forbidden"),
    name(id(), "xml"),
  );
  add(
    "XML with an internal DTD subset only",
    goodXml(id()).replace("?>", "?><!DOCTYPE Orders [<!ELEMENT Orders ANY>]>"),
    rejected("dtd_forbidden"),
    name(id(), "xml"),
  );
  add("XML, unclosed tag", goodXml(id()).replace("</Orders>", ""), rejected("syntax"), name(id(), "xml"));
  add(
    "XML with two orders",
    goodXml(id()).replace(/<Order>([\s\S]*)<\/Order>/, "<Order>$1</Order><Order>$1</Order>"),
    rejected("multiple_documents"),
    name(id(), "xml"),
  );
  add("XML with a JSON name", goodXml(id()), { status: "created" }, name(id()));

  // ── Mapping: partner, ship-to, items, units ──
  add("an unknown partner", json({ po: id(), partnerId: "NOBODY" }), rejected("unknown_partner"));
  add("an unknown ship-to", json({ po: id(), shipTo: "9999" }), rejected("unknown_ship_to"));
  add(
    "an unknown item",
    json({ po: id(), lines: [{ vendorPart: "MYSTERY-9", qty: 1, price: 1 }] }),
    rejected("unknown_item", "LineItem[0].OrderLine.VendorPartNumber"),
  );
  add(
    "a line with no item identifier",
    json({ po: id(), lines: [{ qty: 1, price: 1 }] }),
    rejected("unknown_item", "LineItem[0].OrderLine.ConsumerPackageCode"),
  );
  add(
    "one good line, one unknown item (nothing half-created)",
    json({ po: id(), lines: [{ vendorPart: "WID-001" }, { vendorPart: "NOPE-1" }] }),
    rejected("unknown_item", "LineItem[1].OrderLine.VendorPartNumber"),
  );
  add(
    "a unit outside SPS's list (an unknown_code warning) with no X3 mapping",
    json({ po: id(), lines: [{ vendorPart: "WID-001", uom: "ZZ" }] }),
    rejected("unknown_uom", "LineItem[0].OrderLine.OrderQtyUOM"),
  );
  add(
    "a known EDI unit with no X3 mapping",
    json({ po: id(), lines: [{ vendorPart: "WID-001", uom: "BX" }] }),
    rejected("unknown_uom", "LineItem[0].OrderLine.OrderQtyUOM"),
  );
  add(
    "an item X3 does not know (mapped, but no ITMMASTER)",
    json({ po: id(), lines: [{ upc: "012345678943" }] }),
    rejected("x3_validation"),
  );

  // ── Quantities and prices ──
  add(
    "a zero quantity",
    json({ po: id(), lines: [{ vendorPart: "WID-001", qty: 0 }] }),
    rejected("not_positive", "LineItem[0].OrderLine.OrderQty"),
  );
  add(
    "a negative quantity",
    json({ po: id(), lines: [{ vendorPart: "WID-001", qty: -5 }] }),
    rejected("not_positive", "LineItem[0].OrderLine.OrderQty"),
  );
  add(
    "a negative price",
    json({ po: id(), lines: [{ vendorPart: "WID-001", price: -4.5 }] }),
    rejected("x3_validation"),
  );
  add(
    "a price with 5 decimals",
    json({ po: id(), lines: [{ vendorPart: "WID-001", price: 4.12345 }] }),
    rejected("too_many_decimals", "LineItem[0].OrderLine.PurchasePrice"),
  );
  add(
    "a price given in scientific notation (1e-7)",
    json({ po: id(), lines: [{ vendorPart: "WID-001", price: 1e-7 }] }),
    rejected("too_many_decimals", "LineItem[0].OrderLine.PurchasePrice"),
  );
  add(
    "duplicate line numbers",
    json({ po: id() }, (d) => {
      line0(d).LineSequenceNumber = "2";
    }),
    rejected("duplicate_line", "LineItem[1].OrderLine.LineSequenceNumber"),
  );
  add(
    "a line count that does not add up",
    json({ po: id() }, (d) => {
      (d.Summary as Record<string, unknown>).TotalLineItemNumber = 7;
    }),
    rejected("line_count"),
  );
  add(
    "no lines at all",
    json({ po: id() }, (d) => {
      d.LineItem = [];
    }),
    rejected("line_count", "Summary.TotalLineItemNumber"),
  );
  add(
    "10,000 lines, one of them unknown",
    json({
      po: id(),
      lines: Array.from({ length: 10_000 }, (_, i) => ({ vendorPart: i === 9_999 ? "NOPE-2" : "WID-001", qty: 1 })),
    }),
    rejected("unknown_item", "LineItem[9999].OrderLine.VendorPartNumber"),
  );

  // ── Purposes and revisions ──
  add(
    "a cancellation (01) of an order X3 never had",
    json({ po: id(), purpose: "01" }),
    rejected("no_order_to_cancel"),
  );
  add(
    "a purpose code the flow does not handle (04)",
    json({ po: id() }, (d) => {
      header(d).TsetPurposeCode = "04";
    }),
    rejected("unsupported_purpose"),
  );
  add("a duplicate (07)", json({ po: id(), purpose: "07" }), { status: "duplicate" });

  // ── Documents that are not 850s, dropped in out/ under an 850's name ──
  add(
    "an 855 dropped in out/",
    json({ po: id() }, (d) => {
      header(d).AcknowledgementType = "AD";
      for (const item of lines(d))
        (item as Record<string, unknown>).LineItemAcknowledgement = [{ ItemStatusCode: "IA" }];
    }),
    parked("not_an_order"),
  );
  add(
    "an 856 (Shipment) dropped in out/",
    JSON.stringify({ Header: { ShipmentHeader: { TradingPartnerId: "ACME" } }, OrderLevel: [] }),
    parked("not_an_order"),
  );
  add(
    "an 810 (Invoice) dropped in out/",
    JSON.stringify({
      Header: { InvoiceHeader: { TradingPartnerId: "ACME", InvoiceNumber: "INV1" } },
      LineItem: [],
      Summary: {},
    }),
    parked("not_an_order"),
  );

  // ── Files in out/ whose names are not an 850's: the mailbox source lists every file ──
  add(
    "an 855 under its own name (PR…) sent to us by mistake",
    serializeRsx(
      buildOrderAck(make850({ po: id() }) as never, [], {
        acknowledgementDate: "2026-11-28",
        acknowledgementNumber: "SO1",
      }),
      { type: "OrderAck", format: "json" },
    ),
    parked("not_an_order"),
    `PR${id()}-1-v7.7-BulkImport.json`,
  );
  add(
    "an 855 as XML under its own name",
    serializeRsx(buildOrderAck(make850({ po: id() }) as never, [], { acknowledgementDate: "2026-11-28" }), {
      type: "OrderAck",
      format: "xml",
    }),
    parked("not_an_order"),
    `PR${id()}-1-v7.7-BulkImport.xml`,
  );
  add(
    "an 860 (order change) with a purpose an 860 cannot have (06)",
    json({ po: id() }, (d) => {
      header(d).ChangeOrderSeqNumber = "1";
      header(d).TsetPurposeCode = "06";
    }),
    rejected("unsupported_purpose", "Header.OrderHeader.TsetPurposeCode"),
    `PC${id()}-v7.7-BulkImport.json`,
  );
  add("a report.txt", "Daily report: 12 orders, 0 errors\n", parked("unknown_document"), "report.txt");
  add("a file with no extension, empty", "", rejected("empty"), "README");
  add(
    "a PDF",
    "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    parked("unknown_document"),
    `${id()}.pdf`,
  );
  add("an 850 with a .txt name (the content decides)", json({ po: id() }), { status: "created" }, `PO${id()}.txt`);
  return cases;
}

/** Good orders: each must be created in X3 with its lines. */
export function goodCases(count: number): { po: string; fileName: string; content: Uint8Array }[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `GOOD${String(i + 1).padStart(3, "0")}`;
    const content = i === 0 ? utf8(`\ufeff${new TextDecoder().decode(json({ po: id }))}`) : json({ po: id });
    return { po: id, fileName: name(id), content };
  });
}
