import { describe, expect, it } from "vitest";
import {
  checkRules,
  defineRuleSet,
  type Order,
  type OrderAck,
  parseRsx,
  RSX_NAMESPACE,
  serializeRsx,
  validateRsx,
} from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

/** An 850 carrying the X12-valid codes real retailers send that SPS's lists lack. */
function orderWithRetailerCodes(): Order {
  const order = structuredClone(orderFixture("BulkImport").order);
  order.Header.OrderHeader.ShipCompleteCode = "AI" as never;
  order.Header.Address = [
    { AddressTypeCode: "PO" as never, LocationCodeQualifier: "93" as never, AddressLocationNumber: "0042" },
  ];
  order.Header.Contacts = [{ ContactTypeCode: "AC" as never, ContactName: "Dock office" }];
  order.Header.CarrierInformation = [
    { CarrierTransMethodCode: "U" as never },
    { CarrierTransMethodCode: "ZZ" as never },
  ];
  order.Header.ChargesAllowances = [{ AllowChrgIndicator: "C", AllowChrgCode: "F050" as never, AllowChrgAmt: 12.5 }];
  return order;
}

const unknownCodePaths = [
  "Header.OrderHeader.ShipCompleteCode",
  "Header.Contacts[0].ContactTypeCode",
  "Header.Address[0].AddressTypeCode",
  "Header.Address[0].LocationCodeQualifier",
  "Header.CarrierInformation[0].CarrierTransMethodCode",
  "Header.CarrierInformation[1].CarrierTransMethodCode",
  "Header.ChargesAllowances[0].AllowChrgCode",
].sort();

describe("codes: liberal inbound, strict outbound", () => {
  it("an 850 with well-formed codes outside SPS's lists parses, keeps them, and warns at each path", () => {
    const order = orderWithRetailerCodes();
    for (const format of ["json", "xml"] as const) {
      const result = parseRsx(serializeRsx(order, { type: "Order", format }));
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.document).toEqual(order);
      const unknown = result.warnings.filter((w) => w.code === "unknown_code");
      expect(unknown.map((w) => w.path).sort()).toEqual(unknownCodePaths);
      expect(unknown.find((w) => w.path.endsWith("AllowChrgCode"))?.message).toContain('"F050"');
    }
  });

  it('codes: "strict" refuses the same document with invalid_value at each path', () => {
    const result = parseRsx(JSON.stringify(orderWithRetailerCodes()), { codes: "strict" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual(
      unknownCodePaths.map((p) => `invalid_value ${p}`),
    );
  });

  it("still reports every other problem of an inbound document, and badly formed codes stay errors", () => {
    const order = orderWithRetailerCodes() as unknown as { Header: { OrderHeader: Record<string, unknown> } };
    order.Header.OrderHeader.PurchaseOrderDate = "2026-02-30";
    order.Header.OrderHeader.TsetPurposeCode = "0 0";
    const result = parseRsx(JSON.stringify(order));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
      "invalid_format Header.OrderHeader.PurchaseOrderDate",
      "invalid_value Header.OrderHeader.TsetPurposeCode",
    ]);
    expect(result.warnings.filter((w) => w.code === "unknown_code")).toHaveLength(unknownCodePaths.length);
  });

  it("a code longer than any of its list's codes is not taken for a code", () => {
    const order = structuredClone(orderFixture("BulkImport").order) as unknown as {
      Header: { OrderHeader: Record<string, unknown> };
    };
    order.Header.OrderHeader.TsetPurposeCode = "ORIGINAL";
    const result = parseRsx(JSON.stringify(order));
    expect(result.ok).toBe(false);
  });

  it("what we send (855, 856, 810) is strict by default", () => {
    const ack: OrderAck = {
      Header: {
        OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: "1", TsetPurposeCode: "00" },
        CarrierInformation: [{ CarrierTransMethodCode: "U" as never }],
      },
    } as OrderAck;
    const strict = validateRsx("OrderAck", ack);
    expect(strict.ok).toBe(false);
    if (!strict.ok) {
      expect(strict.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
        "invalid_value Header.CarrierInformation[0].CarrierTransMethodCode",
      ]);
    }
    const warned = validateRsx("OrderAck", ack, { codes: "warn" });
    expect(warned.ok).toBe(true);
  });

  it("a partner rule set keeps one code list strict for its documents", () => {
    const acme = defineRuleSet({ name: "acme", strictCodes: ["CarrierTransMethodCode"] });
    const result = parseRsx(JSON.stringify(orderWithRetailerCodes()), { rules: acme });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path} ${i.rule}`)).toEqual([
      "invalid_value Header.CarrierInformation[0].CarrierTransMethodCode acme",
      "invalid_value Header.CarrierInformation[1].CarrierTransMethodCode acme",
    ]);
    expect(result.issues[0]?.message).toContain('rule set "acme"');
    // The other lists stay liberal.
    expect(result.warnings.filter((w) => w.code === "unknown_code")).toHaveLength(unknownCodePaths.length - 2);
    const all = parseRsx(JSON.stringify(orderWithRetailerCodes()), {
      rules: defineRuleSet({ name: "strict-retailer", strictCodes: "all" }),
    });
    expect(all.ok).toBe(false);
    if (!all.ok) expect(all.issues).toHaveLength(unknownCodePaths.length);
  });

  it("checkRules still checks the code lists a rule set keeps strict, on a document parsed with liberal codes", () => {
    const parsed = parseRsx(JSON.stringify(orderWithRetailerCodes()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const acme = defineRuleSet({ name: "acme", strictCodes: ["CarrierTransMethodCode"] });
    const checked = checkRules("Order", parsed.document as Order, { rules: acme });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => `${i.code} ${i.path} ${i.rule}`)).toEqual([
      "invalid_value Header.CarrierInformation[0].CarrierTransMethodCode acme",
      "invalid_value Header.CarrierInformation[1].CarrierTransMethodCode acme",
    ]);
    expect(checkRules("Order", parsed.document as Order, { rules: defineRuleSet({ name: "lax" }) }).ok).toBe(true);
  });
});

describe("XML whitespace is collapsed for every non-text value, as XML Schema does", () => {
  const xml = `<?xml version="1.0"?>
<Orders xmlns="${RSX_NAMESPACE}"><Order>
  <Header>
    <OrderHeader>
      <TradingPartnerId>
        ACMEALL1234
      </TradingPartnerId>
      <PurchaseOrderNumber>
        4500012345
      </PurchaseOrderNumber>
      <TsetPurposeCode>
        00
      </TsetPurposeCode>
      <PurchaseOrderDate>
        2026-03-02
      </PurchaseOrderDate>
      <PurchaseOrderTime>	10:15:00 </PurchaseOrderTime>
      <Vendor>  VEN   42 </Vendor>
    </OrderHeader>
    <Notes>
      <NoteCode> GEN </NoteCode>
      <Note>
  Deliver to dock 3.
  Call ahead.
</Note>
    </Notes>
  </Header>
  <LineItem>
    <OrderLine>
      <LineSequenceNumber>
        001
      </LineSequenceNumber>
      <OrderQty>
        12
      </OrderQty>
      <OrderQtyUOM>
        EA
      </OrderQtyUOM>
    </OrderLine>
  </LineItem>
</Order></Orders>`;

  it("codes, dates, times, numbers and identifiers read as their collapsed value; free text is kept as written", () => {
    const result = parseRsx(xml);
    if (!result.ok || result.type !== "Order") throw new Error(JSON.stringify(result));
    expect(result.document.Header.OrderHeader).toEqual({
      TradingPartnerId: "ACMEALL1234",
      PurchaseOrderNumber: "4500012345",
      TsetPurposeCode: "00",
      PurchaseOrderDate: "2026-03-02",
      PurchaseOrderTime: "10:15:00",
      Vendor: "VEN 42",
    });
    expect(result.document.Header.Notes).toEqual([
      { NoteCode: "GEN", Note: "\n  Deliver to dock 3.\n  Call ahead.\n" },
    ]);
    expect(result.document.LineItem?.[0]?.OrderLine).toEqual({
      LineSequenceNumber: "001",
      OrderQty: 12,
      OrderQtyUOM: "EA",
    });
    expect(result.warnings.filter((w) => w.code === "unknown_code")).toEqual([]);
  });

  it("measures lengths after collapsing: a 15-character partner id with surrounding lines fits", () => {
    const result = parseRsx(xml.replace("ACMEALL1234", "ACMEALL12345678"));
    expect(result.ok).toBe(true);
    const tooLong = parseRsx(xml.replace("ACMEALL1234", "ACMEALL123456789"));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok)
      expect(tooLong.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
        "too_long Header.OrderHeader.TradingPartnerId",
      ]);
  });
});

describe("lenient never drops a group or a line", () => {
  it("drops unknown leaf fields with a warning, but refuses an unknown group", () => {
    const order = structuredClone(orderFixture("BulkImport").order) as unknown as Record<string, unknown> & {
      Header: { OrderHeader: Record<string, unknown> } & Record<string, unknown>;
    };
    order.Header.OrderHeader.StoreNote = "x";
    order.Header.Custom = [{ Code: "A" }];
    const result = parseRsx(JSON.stringify(order), { lenient: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual(["unrecognized_key Header.Custom"]);
    expect(result.issues[0]?.message).toContain("never drops a group");
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      "unrecognized_key Header.OrderHeader.StoreNote",
    ]);
  });

  it("refuses a document whose line items sit in a wrapper it does not know, saying the lines would be lost", () => {
    const order = structuredClone(orderFixture("BulkImport").order) as unknown as Record<string, unknown>;
    order.LineItems = { LineItem: order.LineItem };
    delete order.LineItem;
    for (const format of ["json", "xml"] as const) {
      const text =
        format === "json"
          ? JSON.stringify(order)
          : serializeRsx(order as unknown as Order, { type: "Order", format: "xml" });
      const result = parseRsx(text, { lenient: true, version: "7.7" });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual(["lines_would_be_lost LineItems"]);
      expect(result.issues[0]?.message).toMatch(/line items/);
    }
  });
});
