import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildInvoice,
  buildOrderAck,
  buildShipment,
  checkRules,
  commonRules,
  gs1CheckDigit,
  type Invoice,
  isValidGtin,
  isValidSscc,
  type Order,
  type OrderAck,
  type RsxDocumentType,
  rsxDocumentTypes,
  type Shipment,
  sscc18,
  validateRsx,
} from "../../src/index.js";
import { documentArbitrary } from "../helpers/arbitraries.js";
import { orderFixture } from "../helpers/fixtures.js";

const order = (): Order => structuredClone(orderFixture("BulkImport").order);
const ack = (): OrderAck => buildOrderAck(order(), [], { acknowledgementDate: "2026-03-03" });
const invoice = (): Invoice => buildInvoice(order(), { invoiceNumber: "INV-9", invoiceDate: "2026-03-12" });
const shipment = (): Shipment =>
  buildShipment(order(), {
    shipmentId: "SHP-1",
    shipDate: "2026-03-09",
    gs1CompanyPrefix: "0614141",
    shipFrom: { AddressName: "Northwind DC", City: "Dayton", State: "OH" },
    packs: [{ serial: 1, items: [{ line: 0, quantity: 24 }] }],
  });

function codes(result: ReturnType<typeof validateRsx>): string[] {
  return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.path}`);
}

describe("GS1 check digits", () => {
  it("computes known check digits", () => {
    expect(gs1CheckDigit("03600029145")).toBe(2);
    expect(isValidGtin("036000291452")).toBe(true);
    expect(isValidGtin("036000291453")).toBe(false);
    expect(isValidGtin("00036000291452")).toBe(true);
    // GS1's own example: (00) 1 0614141 123456789 7
    expect(sscc18("0614141", 123456789, { extensionDigit: 1 })).toBe("106141411234567897");
    expect(sscc18("0614141", 123456789)).toBe("006141411234567890");
    expect(isValidSscc("00106141411234567897")).toBe(true);
    expect(isValidSscc("00106141411234567890")).toBe(false);
  });

  it("refuses inputs that cannot make an SSCC", () => {
    expect(() => sscc18("123", 1)).toThrow(/7 to 10 digits/);
    expect(() => sscc18("0614141", 123456789012)).toThrow(/at most 9 digits/);
    expect(() => sscc18("0614141", -1)).toThrow(RangeError);
  });
});

describe("commonRules", () => {
  it("passes the fixtures and the documents built from them", () => {
    expect(codes(validateRsx("Order", order(), { rules: commonRules }))).toEqual([]);
    expect(codes(validateRsx("OrderAck", ack(), { rules: commonRules, related: { order: order() } }))).toEqual([]);
    expect(codes(validateRsx("Shipment", shipment(), { rules: commonRules }))).toEqual([]);
    expect(codes(validateRsx("Invoice", invoice(), { rules: commonRules }))).toEqual([]);
  });

  it("requires the PO number and date echoed on 855, 856 and 810", () => {
    const a = ack();
    delete a.Header.OrderHeader.PurchaseOrderDate;
    expect(codes(validateRsx("OrderAck", a, { rules: commonRules }))).toEqual([
      "echo_missing Header.OrderHeader.PurchaseOrderDate",
    ]);
    const s = shipment();
    delete s.OrderLevel![0]!.OrderHeader!.PurchaseOrderNumber;
    expect(codes(validateRsx("Shipment", s, { rules: commonRules }))).toEqual([
      "echo_missing OrderLevel[0].OrderHeader.PurchaseOrderNumber",
    ]);
    const i = invoice();
    i.Header.InvoiceHeader.PurchaseOrderNumber = "";
    expect(codes(validateRsx("Invoice", i, { rules: commonRules }))).toEqual([
      "echo_missing Header.InvoiceHeader.PurchaseOrderNumber",
    ]);
  });

  it("compares the echo with the 850 when it is given", () => {
    const a = ack();
    a.Header.OrderHeader.PurchaseOrderNumber = "4500099999";
    expect(codes(validateRsx("OrderAck", a, { rules: commonRules, related: { order: order() } }))).toEqual([
      "echo_mismatch Header.OrderHeader.PurchaseOrderNumber",
    ]);
  });

  it("requires ship-from and ship-to on an 856", () => {
    const s = shipment();
    s.Header.Address = s.Header.Address?.filter((a) => a.AddressTypeCode !== "SF");
    const result = validateRsx("Shipment", s, { rules: commonRules });
    expect(codes(result)).toEqual(["party_missing Header.Address"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain("ship-from");
  });

  it("checks the SSCC-18 of every pack (20 digits, 00 prefix, check digit)", () => {
    const s = shipment();
    const pack = s.OrderLevel![0]!.PackLevel![0]!.Pack!;
    pack.ShippingSerialID = `${pack.ShippingSerialID!.slice(0, 19)}${(Number(pack.ShippingSerialID!.slice(19)) + 1) % 10}`;
    expect(codes(validateRsx("Shipment", s, { rules: commonRules }))).toEqual([
      "check_digit OrderLevel[0].PackLevel[0].Pack.ShippingSerialID",
    ]);
    pack.ShippingSerialID = "106141411234567897";
    const short = validateRsx("Shipment", s, { rules: commonRules });
    expect(short.ok ? "" : short.issues[0]?.message).toContain("20 digits");
  });

  it("checks GTIN and UPC check digits anywhere in the document", () => {
    const o = order();
    o.LineItem![2]!.OrderLine!.ConsumerPackageCode = "036000291470";
    o.LineItem![3]!.OrderLine!.GTIN = "1234";
    const result = validateRsx("Order", o, { rules: commonRules });
    expect(codes(result)).toEqual([
      "check_digit LineItem[2].OrderLine.ConsumerPackageCode",
      "check_digit LineItem[3].OrderLine.GTIN",
    ]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain("should be 6");
  });

  it("checks Summary.TotalLineItemNumber", () => {
    const o = order();
    o.Summary = { ...o.Summary, TotalLineItemNumber: 5 };
    const result = validateRsx("Order", o, { rules: commonRules });
    expect(codes(result)).toEqual(["line_count Summary.TotalLineItemNumber"]);
    expect(result.ok ? "" : result.issues[0]?.message).toContain("set it to 4");
    const s = shipment();
    s.Summary = { TotalLineItemNumber: 2 };
    expect(codes(validateRsx("Shipment", s, { rules: commonRules }))).toEqual([
      "line_count Summary.TotalLineItemNumber",
    ]);
  });

  it("checks totals within a cent", () => {
    const o = order();
    const total = o.Summary!.TotalAmount!;
    o.Summary!.TotalAmount = total + 0.009;
    expect(codes(validateRsx("Order", o, { rules: commonRules }))).toEqual([]);
    o.Summary!.TotalAmount = total + 0.02;
    expect(codes(validateRsx("Order", o, { rules: commonRules }))).toEqual(["total_mismatch Summary.TotalAmount"]);
    const i = invoice();
    i.LineItem![0]!.InvoiceLine!.ExtendedItemTotal = 1;
    expect(codes(validateRsx("Invoice", i, { rules: commonRules }))).toEqual([
      "total_mismatch LineItem[0].InvoiceLine.ExtendedItemTotal",
      "total_mismatch Summary.TotalAmount",
      "total_mismatch Summary.TotalSalesAmount",
    ]);
  });

  it("requires quantities greater than zero", () => {
    const o = order();
    o.LineItem![0]!.OrderLine!.OrderQty = 0;
    o.LineItem![0]!.OrderLine!.ExtendedItemTotal = 0;
    o.Summary!.TotalAmount = Math.round((o.Summary!.TotalAmount! - 450) * 100) / 100;
    expect(codes(validateRsx("Order", o, { rules: commonRules }))).toEqual([
      "not_positive LineItem[0].OrderLine.OrderQty",
    ]);
  });
});

describe("commonRules' code and quantity checks", () => {
  const CODES = new Set(["GTIN", "ConsumerPackageCode", "EAN", "UPCCaseCode"]);
  const QUANTITIES = new Set(["OrderQty", "ShipQty", "InvoiceQty", "ItemScheduleQty"]);

  /** Every code field made a bad code and every quantity 0, with the paths of all of them in document order. */
  function spoiled(value: unknown, path: string, codes: string[], quantities: string[]): void {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) spoiled(value[index], `${path}[${index}]`, codes, quantities);
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const at = path === "" ? key : `${path}.${key}`;
        if (CODES.has(key) && typeof record[key] === "string") {
          record[key] = "x";
          codes.push(at);
        } else if (QUANTITIES.has(key) && typeof record[key] === "number") {
          record[key] = 0;
          quantities.push(at);
        } else spoiled(record[key], at, codes, quantities);
      }
    }
  }

  // The walk goes only into the groups whose schema can hold such a field: it must still find every one, wherever
  // any document type's schema puts it.
  for (const type of rsxDocumentTypes as readonly RsxDocumentType[]) {
    it(`${type}: finds every code and quantity field of a document, in order`, () => {
      fc.assert(
        fc.property(documentArbitrary(type), (generated) => {
          const document = structuredClone(generated);
          const codes: string[] = [];
          const quantities: string[] = [];
          spoiled(document, "", codes, quantities);
          const result = checkRules(type, document as never, { rules: commonRules });
          const issues = result.ok ? [] : result.issues;
          expect(
            issues.filter((i) => i.code === "check_digit" && !i.path.endsWith("ShippingSerialID")).map((i) => i.path),
          ).toEqual(codes);
          expect(issues.filter((i) => i.code === "not_positive").map((i) => i.path)).toEqual(quantities);
        }),
        { numRuns: 40 },
      );
    });
  }
});
