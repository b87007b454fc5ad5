import { describe, expect, it } from "vitest";
import { buildInvoice, serializeRsx } from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

/** The object keys of a JSON text, in the order written, at every level. */
function keyOrder(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => keyOrder(entry, `${path}[${index}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, entry]) => [`${path}.${key}`, ...keyOrder(entry, `${path}.${key}`)]);
}

describe("serialised key order", () => {
  it("writes properties in schema order whatever order they were set in, unknown ones last, undefined ones left out", () => {
    const invoice = buildInvoice(orderFixture("BulkImport").order, {
      invoiceNumber: "INV-1",
      invoiceDate: "2026-12-01",
    });
    const header = invoice.Header.InvoiceHeader as Record<string, unknown>;
    // The same header with its properties set in reverse order, an undefined one and one the schema does not define.
    const reversed: Record<string, unknown> = { Zeta: "z" };
    for (const key of Object.keys(header).reverse()) reversed[key] = header[key];
    reversed.Department = undefined;
    const shuffled = { ...invoice, Header: { ...invoice.Header, InvoiceHeader: reversed } };
    const written = JSON.parse(serializeRsx(shuffled as typeof invoice, { type: "Invoice", format: "json" }));
    const inOrder = JSON.parse(serializeRsx(invoice, { type: "Invoice", format: "json" }));
    const headerKeys = Object.keys(written.Header.InvoiceHeader);
    expect(headerKeys).toEqual([
      ...Object.keys(inOrder.Header.InvoiceHeader).filter((k) => k !== "Department"),
      "Zeta",
    ]);
    // Schema order: the header's first properties as the RSX schema lists them.
    expect(headerKeys.slice(0, 3)).toEqual(["TradingPartnerId", "InvoiceNumber", "InvoiceDate"]);
    expect(keyOrder(written.LineItem)).toEqual(keyOrder(inOrder.LineItem));
  });

  it("writes XML elements in schema order whatever order the properties were set in", () => {
    const invoice = buildInvoice(orderFixture("BulkImport").order, {
      invoiceNumber: "INV-1",
      invoiceDate: "2026-12-01",
    });
    const header = invoice.Header.InvoiceHeader as Record<string, unknown>;
    const reversed: Record<string, unknown> = {};
    for (const key of Object.keys(header).reverse()) reversed[key] = header[key];
    const shuffled = { ...invoice, Header: { ...invoice.Header, InvoiceHeader: reversed } };
    expect(serializeRsx(shuffled as typeof invoice, { type: "Invoice", format: "xml" })).toBe(
      serializeRsx(invoice, { type: "Invoice", format: "xml" }),
    );
  });
});
