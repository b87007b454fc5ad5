import { describe, expect, it } from "vitest";
import { buildInvoice, buildOrderAck, parseRsx, serializeRsx } from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

const mismatch = (result: ReturnType<typeof parseRsx>, type: string, says: RegExp) => {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.type).toBe(type);
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]).toMatchObject({ path: "", code: "type_mismatch" });
  expect(result.issues[0]?.message).toMatch(says);
};

describe("parseRsx with an expected type: another document is a type_mismatch that names what it is", () => {
  const { order } = orderFixture("BulkImport");

  it("an 855, an 856 or an 810 where an 850 is expected (JSON)", () => {
    const ack = serializeRsx(buildOrderAck(order, [], { acknowledgementDate: "2026-03-03" }), {
      type: "OrderAck",
      format: "json",
    });
    mismatch(parseRsx(ack, { type: "Order" }), "OrderAck", /Expected an Order \(850\) but this is an OrderAck \(855\)/);
    const shipment = JSON.stringify({ Header: { ShipmentHeader: { TradingPartnerId: "T" } }, OrderLevel: [] });
    mismatch(parseRsx(shipment, { type: "Order" }), "Shipment", /a Shipment \(856\): it has Header\.ShipmentHeader/);
    const invoice = serializeRsx(buildInvoice(order, { invoiceNumber: "INV-1", invoiceDate: "2026-03-10" }), {
      type: "Invoice",
      format: "json",
    });
    mismatch(parseRsx(invoice, { type: "Order" }), "Invoice", /an Invoice \(810\): it has Header\.InvoiceHeader/);
  });

  it("an 860 (order change) where an 850 is expected names the field that only an 860 has", () => {
    const change = structuredClone(order) as unknown as { Header: { OrderHeader: Record<string, unknown> } };
    change.Header.OrderHeader.ChangeOrderSeqNumber = "2";
    mismatch(
      parseRsx(JSON.stringify(change), { type: "Order" }),
      "OrderChange",
      /an OrderChange \(860\): it has Header\.OrderHeader\.ChangeOrderSeqNumber/,
    );
  });

  it("an 850 carrying one 855 line field is not read as an 850, even in lenient mode", () => {
    const odd = structuredClone(order) as unknown as { LineItem: Record<string, unknown>[] };
    (odd.LineItem[1] as Record<string, unknown>).LineItemAcknowledgement = [{ ItemStatusCode: "IA" }];
    for (const lenient of [false, true]) {
      mismatch(
        parseRsx(JSON.stringify(odd), { type: "Order", lenient }),
        "OrderAck",
        /it has LineItem\[1\]\.LineItemAcknowledgement/,
      );
    }
  });

  it("names the first line holding the telling field: an 855 line before any 860 field, LineChangeCode before PreviousOrderQty", () => {
    const odd = () => structuredClone(order) as unknown as { LineItem: { OrderLine: Record<string, unknown> }[] };
    const changed = odd();
    (changed.LineItem[0] as { OrderLine: Record<string, unknown> }).OrderLine.PreviousOrderQty = 3;
    (changed.LineItem[2] as { OrderLine: Record<string, unknown> }).OrderLine.LineChangeCode = "QI";
    mismatch(
      parseRsx(JSON.stringify(changed), { type: "Order" }),
      "OrderChange",
      /it has LineItem\[2\]\.OrderLine\.LineChangeCode/,
    );
    delete (changed.LineItem[2] as { OrderLine: Record<string, unknown> }).OrderLine.LineChangeCode;
    (changed.LineItem[1] as { OrderLine: Record<string, unknown> }).OrderLine.PreviousOrderQty = 4;
    mismatch(
      parseRsx(JSON.stringify(changed), { type: "Order" }),
      "OrderChange",
      /it has LineItem\[0\]\.OrderLine\.PreviousOrderQty/,
    );
    (changed.LineItem[2] as unknown as Record<string, unknown>).LineItemAcknowledgement = [{ ItemStatusCode: "IA" }];
    mismatch(
      parseRsx(JSON.stringify(changed), { type: "Order" }),
      "OrderAck",
      /it has LineItem\[2\]\.LineItemAcknowledgement/,
    );
    const acked = odd() as unknown as { Header: { OrderHeader: Record<string, unknown> } };
    acked.Header.OrderHeader.AcknowledgementDate = "2026-03-03";
    acked.Header.OrderHeader.InternalOrderNumber = "SO-1";
    mismatch(
      parseRsx(JSON.stringify(acked), { type: "Order" }),
      "OrderAck",
      /it has Header\.OrderHeader\.AcknowledgementDate/,
    );
  });

  it("XML: the root names the document", () => {
    const ack = serializeRsx(buildOrderAck(order, [], { acknowledgementDate: "2026-03-03" }), {
      type: "OrderAck",
      format: "xml",
    });
    mismatch(parseRsx(ack, { type: "Order" }), "OrderAck", /an OrderAck \(855\): the XML root is <OrderAcks>/);
  });

  it("no expected type, or a shape that fits it: parsed as before", () => {
    expect(parseRsx(serializeRsx(order, { type: "Order", format: "json" }), { type: "Order" }).ok).toBe(true);
    const minimal = JSON.stringify({ Header: { OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: "1" } } });
    // Nothing but an OrderHeader: it may be any of 850/855/860, so the expected type decides.
    const forced = parseRsx(minimal, { type: "OrderChange" });
    expect(forced.ok && forced.type).toBe("OrderChange");
    const ack = serializeRsx(buildOrderAck(order, [], { acknowledgementDate: "2026-03-03" }), {
      type: "OrderAck",
      format: "json",
    });
    const detected = parseRsx(ack);
    expect(detected.ok && detected.type).toBe("OrderAck");
  });
});
