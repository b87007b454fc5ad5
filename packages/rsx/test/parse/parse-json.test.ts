import { describe, expect, it } from "vitest";
import { buildInvoice, buildOrderAck, parseRsx, serializeRsx } from "../../src/index.js";
import { loadOrderFixtures, orderFixture } from "../helpers/fixtures.js";

describe("parseRsx with JSON", () => {
  it("parses every 850 fixture from bytes and detects type and format", () => {
    const fixtures = loadOrderFixtures();
    expect(fixtures.map((f) => f.model)).toEqual(["BulkImport", "CrossDock", "DropShip", "MultiStore"]);
    for (const f of fixtures) {
      const result = parseRsx(f.bytes);
      expect(result.ok).toBe(true);
      if (!result.ok || result.type !== "Order") throw new Error(`${f.fileName} is not an Order`);
      expect(result.format).toBe("json");
      expect(result.warnings).toEqual([]);
      expect((result.document.LineItem ?? []).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("keeps codes and ids as text, with their leading zeros", () => {
    const result = parseRsx(orderFixture("BulkImport").bytes);
    if (!result.ok || result.type !== "Order") throw new Error("fixture must parse");
    const header = result.document.Header.OrderHeader;
    expect(header.TsetPurposeCode).toBe("00");
    expect(header.Vendor).toBe("0004521");
    expect(header.Department).toBe("026");
  });

  it("accepts a UTF-8 byte-order mark, as bytes and as text", () => {
    const { bytes } = orderFixture("DropShip");
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(parseRsx(withBom).ok).toBe(true);
    expect(parseRsx(`\uFEFF${new TextDecoder().decode(bytes)}`).ok).toBe(true);
  });

  it("reads non-ASCII text from bytes (UTF-8)", () => {
    const result = parseRsx(orderFixture("DropShip").bytes);
    if (!result.ok || result.type !== "Order") throw new Error("fixture must parse");
    const shipTo = result.document.Header.Address?.find((a) => a.AddressTypeCode === "ST");
    expect(shipTo?.City).toBe("Montréal");
    expect(shipTo?.AddressName).toBe("Siobhán O'Brien & Family");
  });

  it("reads each input on its own: a document cut inside a character is refused, and the next one reads whole", () => {
    const { bytes } = orderFixture("DropShip");
    const text = new TextDecoder().decode(bytes);
    // Cut inside "é" (two bytes in UTF-8): what is left of it is not UTF-8.
    const cut = bytes.subarray(0, new TextEncoder().encode(text.slice(0, text.indexOf("é"))).byteLength + 1);
    const refused = parseRsx(cut);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues[0]?.code).toBe("encoding");
    const next = parseRsx(bytes);
    if (!next.ok || next.type !== "Order") throw new Error("fixture must parse");
    expect(next.document.Header.Address?.find((a) => a.AddressTypeCode === "ST")?.City).toBe("Montréal");
  });

  it("detects 855 and 810 by their shape, and honours the type option", () => {
    const { order } = orderFixture("BulkImport");
    const ack = buildOrderAck(order, [], { acknowledgementDate: "2026-03-03" });
    const invoice = buildInvoice(order, { invoiceNumber: "INV-1", invoiceDate: "2026-03-10" });
    const ackResult = parseRsx(serializeRsx(ack, { type: "OrderAck", format: "json" }));
    expect(ackResult.ok && ackResult.type).toBe("OrderAck");
    const invoiceResult = parseRsx(serializeRsx(invoice, { type: "Invoice", format: "json" }));
    expect(invoiceResult.ok && invoiceResult.type).toBe("Invoice");
    const minimal = JSON.stringify({ Header: { OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: "1" } } });
    const forced = parseRsx(minimal, { type: "OrderChange" });
    expect(forced.ok && forced.type).toBe("OrderChange");
    const change = JSON.stringify({
      Header: { OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: "1", ChangeOrderSeqNumber: "2" } },
    });
    const detected = parseRsx(change);
    expect(detected.ok && detected.type).toBe("OrderChange");
  });

  it("uses the file name as a type hint", () => {
    const minimal = JSON.stringify({ Header: { OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: "1" } } });
    expect(parseRsx(minimal).ok && parseRsx(minimal).type).toBe("Order");
    const hinted = parseRsx(minimal, { fileName: "out/PR584615-1-v7.7-BulkImport.json" });
    expect(hinted.ok && hinted.type).toBe("OrderAck");
  });

  it("reads a one-element JSON array as the document, with a warning", () => {
    const text = `[${new TextDecoder().decode(orderFixture("CrossDock").bytes)}]`;
    const result = parseRsx(text);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(["multiple_documents"]);
  });

  it("lenient mode turns unknown properties into warnings and drops them", () => {
    const doc = JSON.parse(new TextDecoder().decode(orderFixture("BulkImport").bytes)) as {
      Header: { OrderHeader: Record<string, unknown> };
      LineItem: Array<{ OrderLine: Record<string, unknown> }>;
      Custom?: unknown;
    };
    doc.Header.OrderHeader.StoreNote = "x";
    doc.LineItem[1]!.OrderLine.Colour = "red";
    doc.Custom = "x";
    const strict = parseRsx(JSON.stringify(doc));
    expect(strict.ok).toBe(false);
    if (!strict.ok)
      expect(strict.issues.map((i) => i.path).sort()).toEqual([
        "Custom",
        "Header.OrderHeader.StoreNote",
        "LineItem[1].OrderLine.Colour",
      ]);
    const lenient = parseRsx(JSON.stringify(doc), { lenient: true });
    expect(lenient.ok).toBe(true);
    if (!lenient.ok || lenient.type !== "Order") return;
    expect(lenient.warnings.map((w) => `${w.code} ${w.path}`).sort()).toEqual([
      "unrecognized_key Custom",
      "unrecognized_key Header.OrderHeader.StoreNote",
      "unrecognized_key LineItem[1].OrderLine.Colour",
    ]);
    expect(lenient.document.Header.OrderHeader).not.toHaveProperty("StoreNote");
    expect(lenient.document).not.toHaveProperty("Custom");
  });

  it("lenient mode still reports real errors", () => {
    const text = JSON.stringify({ Header: { OrderHeader: { TradingPartnerId: "T", Extra: 1 } } });
    const result = parseRsx(text, { lenient: true, type: "Order" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "required Header.OrderHeader.PurchaseOrderNumber",
    ]);
    expect(result.warnings.map((w) => w.path)).toEqual(["Header.OrderHeader.Extra"]);
  });

  it("reports every problem at once, each at its own path", () => {
    const text = JSON.stringify({
      Header: { OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: "1", PurchaseOrderDate: "2026-13-01" } },
      LineItem: [
        { OrderLine: { OrderQty: 1 } },
        { OrderLine: { OrderQty: "2" } },
        { OrderLine: { OrderQtyUOM: "ZZZ" } },
      ],
    });
    const result = parseRsx(text, { codes: "strict" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
      "invalid_format Header.OrderHeader.PurchaseOrderDate",
      "invalid_type LineItem[1].OrderLine.OrderQty",
      "invalid_value LineItem[2].OrderLine.OrderQtyUOM",
    ]);
  });
});
