import { describe, expect, it } from "vitest";
import { buildInvoice, commonRules, RsxBuildError, validateRsx } from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

const { order } = orderFixture("BulkImport");

describe("buildInvoice", () => {
  it("invoices every line by default, with the 850's terms and charges and a consistent Summary", () => {
    const invoice = buildInvoice(order, {
      invoiceNumber: "INV-1",
      invoiceDate: "2026-03-11",
      remitTo: { AddressName: "Lockbox" },
    });
    expect(invoice.Header.InvoiceHeader).toMatchObject({
      TradingPartnerId: "ACMALLRETAIL01",
      InvoiceNumber: "INV-1",
      InvoiceDate: "2026-03-11",
      PurchaseOrderNumber: "4500012345",
      PurchaseOrderDate: "2026-03-02",
      Vendor: "0004521",
      Department: "026",
      InvoiceTypeCode: "DR",
      TsetPurposeCode: "00",
    });
    expect(invoice.Header.Address?.map((a) => a.AddressTypeCode)).toEqual(["BT", "ST", "RI"]);
    expect(invoice.Header.PaymentTerms).toEqual([
      {
        TermsType: "08",
        TermsBasisDateCode: "3",
        TermsDiscountPercentage: 2,
        TermsDiscountDate: "2026-03-21",
        TermsDiscountDueDays: 10,
        TermsNetDueDate: "2026-04-10",
        TermsNetDueDays: 30,
        TermsDiscountAmount: 30.69,
        TermsDescription: "2% 10 Net 30",
      },
    ]);
    expect(invoice.LineItem).toHaveLength(4);
    expect(invoice.LineItem?.[3]?.InvoiceLine).toMatchObject({
      InvoiceQty: 48,
      PurchasePrice: 4.99,
      ExtendedItemTotal: 239.52,
    });
    // 450 + 268.8 + 576 + 239.52 = 1534.32; + 45.50 freight - 25.00 allowance = 1554.82
    expect(invoice.Summary).toEqual({
      TotalAmount: 1554.82,
      TotalSalesAmount: 1534.32,
      TotalTermsDiscountAmount: 30.69,
      TotalAllowancesAmount: 25,
      TotalChargesAmount: 45.5,
      TotalLineItemNumber: 4,
      InvoiceAmtDueByTermsDate: 1524.13,
    });
    expect(validateRsx("Invoice", invoice, { rules: commonRules, related: { order } }).ok).toBe(true);
  });

  it("invoices chosen lines at chosen quantities and prices, with explicit terms and charges", () => {
    const invoice = buildInvoice(order, {
      invoiceNumber: "INV-2",
      invoiceDate: "2026-12-20",
      lines: [
        { line: "2", quantity: 8 },
        { line: 2, unitPrice: 99.5 },
      ],
      terms: { netDays: 15 },
      charges: [{ indicator: "C", code: "D240", amount: 12.345 }],
    });
    expect(invoice.LineItem?.map((l) => l.InvoiceLine?.ExtendedItemTotal)).toEqual([179.2, 597]);
    expect(invoice.Header.PaymentTerms?.[0]).toEqual({
      TermsType: "01",
      TermsBasisDateCode: "3",
      TermsNetDueDate: "2027-01-04",
      TermsNetDueDays: 15,
    });
    expect(invoice.Summary).toMatchObject({ TotalSalesAmount: 776.2, TotalAmount: 788.55, TotalChargesAmount: 12.35 });
    expect(validateRsx("Invoice", invoice, { rules: commonRules }).ok).toBe(true);
  });

  it("refuses unknown lines and non-positive quantities", () => {
    expect(() =>
      buildInvoice(order, { invoiceNumber: "I", invoiceDate: "2026-03-11", lines: [{ line: "99" }] }),
    ).toThrow(RsxBuildError);
    expect(() =>
      buildInvoice(order, { invoiceNumber: "I", invoiceDate: "2026-03-11", lines: [{ line: 0, quantity: -1 }] }),
    ).toThrow(/greater than 0/);
    expect(() => buildInvoice(order, { invoiceNumber: "I", invoiceDate: "2026-03-11", lines: [] })).toThrow(
      /at least one line/,
    );
  });
});
