import { describe, expect, it } from "vitest";
import { buildInvoice, type Invoice, serializeRsx, withMeta } from "../../src/index.js";
import { documentPlan, inSchemaOrder } from "../../src/serialize/serialize.js";
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

describe("serialised JSON: a document already in schema order is written as it is", () => {
  const built = () =>
    withMeta(buildInvoice(orderFixture("BulkImport").order, { invoiceNumber: "INV-1", invoiceDate: "2026-12-01" }), {
      controlNumbers: { group: "000000001", document: "000000001" },
    });
  /** What serializeRsx wrote before it looked for documents already in order: always the schema-ordered copy. */
  const copied = (document: unknown) =>
    `${JSON.stringify(inSchemaOrder(document, documentPlan("Invoice")), null, 2)}\n`;

  it("keeps a built 810 (Meta set last by withMeta) in schema order, and writes the same text as the ordered copy", () => {
    const invoice = built();
    expect(Object.keys(invoice)[0]).toBe("Meta");
    const written = serializeRsx(invoice, { type: "Invoice", format: "json" });
    expect(written).toBe(copied(invoice));
    expect(written).toBe(`${JSON.stringify(invoice, null, 2)}\n`);
  });

  it("writes the ordered copy for anything else: a key out of order, an unknown key, a class instance, a __proto__ key, a toJSON", () => {
    const variants: ((invoice: Record<string, unknown>) => unknown)[] = [
      // Summary before LineItem.
      ({ Summary, ...rest }) => ({ Summary, ...rest }),
      (invoice) => ({ ...invoice, Extra: { b: 1, a: [undefined, 2] } }),
      (invoice) => ({ ...invoice, Summary: { ...(invoice.Summary as object), TotalAmount: undefined } }),
      (invoice) => ({ ...invoice, Header: { ...(invoice.Header as object), When: new Date(0) } }),
      (invoice) => ({ ...invoice, Header: Object.assign(Object.create(null), invoice.Header) }),
      (invoice) => ({ ...invoice, ...JSON.parse('{"__proto__": {"x": 1}}') }),
      // A toJSON of its own, on an array or (not enumerable) on an object: the copy carries neither.
      (invoice) => ({
        ...invoice,
        LineItem: Object.assign([...(invoice.LineItem as unknown[])], { toJSON: () => "X" }),
      }),
      (invoice) => ({
        ...invoice,
        Summary: Object.defineProperty({ ...(invoice.Summary as object) }, "toJSON", {
          value: () => ({ TotalAmount: 0 }),
        }),
      }),
      // An object where the schema wants text, with an own __proto__ key (as JSON.parse makes it).
      (invoice) => {
        const header = invoice.Header as { InvoiceHeader: Record<string, unknown> };
        const invoiceHeader = { ...header.InvoiceHeader, Vendor: JSON.parse('{"__proto__": "x"}') };
        return { ...invoice, Header: { ...header, InvoiceHeader: invoiceHeader } };
      },
    ];
    for (const variant of variants) {
      const document = variant(built() as unknown as Record<string, unknown>);
      expect(serializeRsx(document as Invoice, { type: "Invoice", format: "json" })).toBe(copied(document));
    }
  });
});
