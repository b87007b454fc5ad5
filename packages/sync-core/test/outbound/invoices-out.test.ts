import { describe, expect, it } from "vitest";
import { uploadKey } from "../../src/flows/outbound/upload.js";
import { type AuditStore, createMemoryStores } from "../../src/index.js";
import { sampleInvoice as invoice, setupOutbound } from "./support/setup.js";

/** The memory stores with the audit store's reads of the given methods counted. */
function countingStores(methods: readonly (keyof AuditStore)[]) {
  const stores = createMemoryStores();
  const calls: Record<string, number> = {};
  const audit = new Proxy(stores.audit, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || !methods.includes(property as keyof AuditStore)) return value;
      return (...args: unknown[]) => {
        calls[String(property)] = (calls[String(property)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { stores: { ...stores, audit }, calls };
}

type Invoice = {
  Header: {
    InvoiceHeader: Record<string, unknown>;
    PaymentTerms?: Record<string, unknown>[];
    ChargesAllowances?: Record<string, unknown>[];
  };
  LineItem: { InvoiceLine: Record<string, unknown> }[];
  Summary: Record<string, unknown>;
};

describe("invoices-out: 810 from posted X3 sales invoices (in-memory systems)", () => {
  it("number, date, terms, lines with buyer part numbers, a freight charge, totals that add up", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "8001" });
    t.salesOrder(order);
    t.feed.putInvoice(invoice("INV0001", order));
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    const doc = t.sink.json("in/ININV0001-1-v7.7-BulkImport.json") as unknown as Invoice;
    expect(doc.Header.InvoiceHeader).toMatchObject({
      TradingPartnerId: "ACME",
      InvoiceNumber: "INV0001",
      InvoiceDate: "2026-11-30",
      PurchaseOrderNumber: "8001",
      PurchaseOrderDate: "2026-11-20",
      Vendor: "0004521",
    });
    expect(doc.Header.PaymentTerms?.[0]).toMatchObject({ TermsNetDueDays: 30, TermsNetDueDate: "2026-12-30" });
    expect(doc.Header.ChargesAllowances?.[0]).toMatchObject({
      AllowChrgIndicator: "C",
      AllowChrgCode: "D240",
      AllowChrgAmt: 15,
    });
    expect(
      doc.LineItem.map((l) => [
        l.InvoiceLine.BuyerPartNumber,
        l.InvoiceLine.InvoiceQty,
        l.InvoiceLine.ExtendedItemTotal,
      ]),
    ).toEqual([
      ["B-1001", 24, 108],
      ["B-1002", 12, 63],
    ]);
    expect(doc.Summary).toMatchObject({
      TotalSalesAmount: 171,
      TotalChargesAmount: 15,
      TotalAmount: 186,
      TotalLineItemNumber: 2,
    });
    const links = await t.stores.audit.linksOf({ kind: "x3", entity: "SINVOICE", key: "INV0001" });
    expect(links.map((l) => l.relation).sort()).toEqual(["bills", "invoices"]);
  });

  it("a first 810 reads what it needs once: no sent revision looked for, its bytes uploaded as recorded", async () => {
    const counted = countingStores(["newestRevision", "getPayload", "getEffect"]);
    const t = setupOutbound({ stores: counted.stores });
    const order = await t.receive({ po: "8003" });
    t.salesOrder(order);
    t.feed.putInvoice(invoice("INV0003", order));
    for (const key of Object.keys(counted.calls)) delete counted.calls[key];
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    // One newestRevision (none yet, so no sent one either); one payload read: the 850's; no ledger read before the
    // upload is begun (a document recorded under a new id has no upload in the ledger).
    expect(counted.calls).toEqual({ newestRevision: 1, getPayload: 1 });
    const document = (await t.stores.audit.findDocuments({ type: "810" })).items[0];
    expect(document?.status).toBe("posted");
    const stored = await t.stores.audit.getPayload(document?.id ?? "");
    expect(t.sink.files.get(`in/${document?.fileName}`)).toEqual(stored);
    expect(await t.stores.audit.getEffect(uploadKey("invoices-out", document?.id ?? ""))).toMatchObject({
      state: "done",
      attempts: 1,
    });
  });

  it("an 810 whose upload failed is uploaded again by the next run after the ledger says how the last attempt ended", async () => {
    const counted = countingStores(["beginNewEffect", "beginEffect"]);
    const t = setupOutbound({ stores: counted.stores });
    const order = await t.receive({ po: "8013" });
    t.salesOrder(order);
    t.feed.putInvoice(invoice("INV0013", order));
    // The answer is lost after the file landed: the next run reads how that attempt ended before it begins another
    // (this sink has no lookup, so the upload, which overwrites the same name, is done again).
    t.sink.loseAnswers = 1;
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ failed: 1 });
    const failed = (await t.stores.audit.findDocuments({ type: "810" })).items[0];
    expect(await t.stores.audit.getEffect(uploadKey("invoices-out", failed?.id ?? ""))).toMatchObject({
      state: "failed",
      error: { kind: "uncertain" },
    });
    for (const key of Object.keys(counted.calls)) delete counted.calls[key];
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    // The failed entry is answered by beginNewEffect (how the last attempt ended), then begun again.
    expect(counted.calls).toEqual({ beginNewEffect: 1, beginEffect: 1 });
    expect(t.sink.uploads).toBe(2);
    expect((await t.stores.audit.findDocuments({ type: "810" })).items).toMatchObject([
      { id: failed?.id, status: "posted" },
    ]);
  });

  it("X3 lines that kept the 850's buyer part numbers pair without an item mapping lookup; a line without one is looked up", async () => {
    const stores = createMemoryStores();
    let lookups = 0;
    const mappings = new Proxy(stores.mappings, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== "findItem" || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          lookups += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const t = setupOutbound({ stores: { ...stores, mappings } });
    const withBuyerParts = async (po: string, invoiceKey: string, buyerParts: (string | undefined)[]) => {
      const order = await t.receive({ po });
      const x3Order = t.salesOrder(order);
      t.feed.putOrder({
        ...x3Order,
        lines: x3Order.lines.map((line, index) => ({ ...line, customerItemRef: buyerParts[index] })),
      });
      t.feed.putInvoice(invoice(invoiceKey, order, { reference: po }));
      lookups = 0;
      expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
      const doc = t.sink.json(`in/IN${invoiceKey}-1-v7.7-BulkImport.json`) as unknown as Invoice;
      return doc.LineItem.map((l) => [l.InvoiceLine.BuyerPartNumber, l.InvoiceLine.InvoiceQty]);
    };
    expect(await withBuyerParts("8101", "INV0101", ["B-1001", "B-1002"])).toEqual([
      ["B-1001", 24],
      ["B-1002", 12],
    ]);
    expect(lookups).toBe(0);
    // The second line kept no buyer part number: the 850's items are resolved to pair it by item.
    expect(await withBuyerParts("8102", "INV0102", ["B-1001", undefined])).toEqual([
      ["B-1001", 24],
      ["B-1002", 12],
    ]);
    expect(lookups).toBeGreaterThan(0);
  });

  it("an invoice that bills lines of two orders is rejected, naming both; one order named on the lines only is billed", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "8021" });
    t.salesOrder(order);
    const two = invoice("INV0021", order);
    const [first, second] = two.lines;
    if (!first || !second) throw new Error("sample invoice lines missing");
    t.feed.putInvoice({ ...two, lines: [first, { ...second, orderKey: "SO-OTHER" }] });
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ rejected: 1 });
    const [rejected] = (await t.stores.audit.findDocuments({ type: "810", status: "rejected" })).items;
    expect(rejected?.reasons).toMatchObject([{ code: "several_orders", path: "x3.SIVSID" }]);
    expect(rejected?.reasons[0]?.message).toContain(`bills ${order}, SO-OTHER`);

    // No order on the header: the lines' order is the one billed.
    const other = await t.receive({ po: "8022" });
    t.salesOrder(other);
    t.feed.putInvoice(invoice("INV0022", other, { orderKey: undefined }));
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
  });

  it("an invoice not posted yet waits", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "8001" });
    t.salesOrder(order);
    t.feed.putInvoice(invoice("INV0002", order, { posted: false }));
    expect((await t.connector.runOnce("invoices-out")).documents).toBe(0);
  });

  it("totals that do not match what X3 booked: rejected with the reason, not sent; fixed in X3, sent on the next run", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "8001" });
    t.salesOrder(order);
    t.feed.putInvoice(invoice("INV0003", order, { totalExcludingTax: 190 }));
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ rejected: 1 });
    expect(t.sink.files.size).toBe(0);
    const [rejected] = (await t.stores.audit.findDocuments({ type: "810", status: "rejected" })).items;
    expect(rejected?.reasons[0]?.message).toMatch(/adds up to 186 but X3 booked 190/);
    // Nothing changed in X3: the next run does not reject it again.
    t.feed.stamp();
    expect((await t.connector.runOnce("invoices-out")).documents).toBe(0);

    t.feed.putInvoice(invoice("INV0003", order));
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    expect([...t.sink.files.keys()]).toEqual(["in/ININV0003-1-v7.7-BulkImport.json"]);
  });

  it("an invoicing element without an X12 code: rejected; replayed once the code is configured", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "8001" });
    t.salesOrder(order);
    t.feed.putInvoice(invoice("INV0004", order, { charges: [{ code: "PALLET", amount: 15 }] }));
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ rejected: 1 });
    const [rejected] = (await t.stores.audit.findDocuments({ type: "810" })).items;
    expect(rejected?.reasons[0]?.message).toMatch(/PALLET has no X12 charge code/);

    const fixed = setupOutbound({ stores: t.base, flows: { "invoices-out": { chargeCodes: { PALLET: "D500" } } } });
    fixed.feed.records.invoice = t.feed.records.invoice;
    fixed.feed.records.salesOrder = t.feed.records.salesOrder;
    const replayed = await fixed.connector.replay(rejected?.id ?? "");
    expect(replayed.outcome).toBe("posted");
    expect(replayed.document.id).toBe(rejected?.id);
    const doc = fixed.sink.json("in/ININV0004-1-v7.7-BulkImport.json") as unknown as Invoice;
    expect(doc.Header.ChargesAllowances?.[0]).toMatchObject({ AllowChrgCode: "D500", AllowChrgAmt: 15 });
  });

  it("a credit memo (INVTYP 2) goes out as an 810 of type CR", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "8001" });
    t.salesOrder(order);
    t.feed.putInvoice(
      invoice("CRN0001", order, {
        credit: true,
        totalExcludingTax: -45,
        charges: [],
        lines: [
          {
            lineNumber: 1000,
            orderKey: order,
            orderLineNumber: 1000,
            itemRef: "WID-001",
            quantity: -10,
            unitPrice: 4.5,
            amount: -45,
          },
        ],
      }),
    );
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    const doc = t.sink.json("in/INCRN0001-1-v7.7-BulkImport.json") as unknown as Invoice;
    expect(doc.Header.InvoiceHeader.InvoiceTypeCode).toBe("CR");
    expect(doc.Summary).toMatchObject({ TotalAmount: 45 });
  });

  it("reads the delivery an 810 bills alongside its sales order (an 850's), not once the order is read", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "8010" });
    t.salesOrder(order);
    t.feed.putDelivery({
      key: "SDH8010",
      orderKey: order,
      customer: "C0001",
      validated: true,
      shipDate: "2026-11-29",
      billOfLading: "BOL8010",
      lines: [],
    });
    t.feed.putInvoice(invoice("INV8010", order, { deliveryKeys: ["SDH8010"] }));
    // Each read answers a turn of the event loop later, as X3 would: a read started after another one's answer is
    // one round trip behind it.
    const reads: string[] = [];
    const get = t.feed.get.bind(t.feed);
    t.feed.get = async (kind, key) => {
      reads.push(`ask ${kind}`);
      const record = await get(kind, key);
      await new Promise((resolve) => setImmediate(resolve));
      reads.push(`answer ${kind}`);
      return record;
    };
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    expect(reads.indexOf("ask delivery")).toBeGreaterThanOrEqual(0);
    expect(reads.indexOf("ask delivery")).toBeLessThan(reads.indexOf("answer salesOrder"));
    const doc = t.sink.json("in/ININV8010-1-v7.7-BulkImport.json") as unknown as Invoice;
    expect(doc.Header.InvoiceHeader).toMatchObject({ ShipDate: "2026-11-29", BillOfLadingNumber: "BOL8010" });
  });

  it("reads the delivery of an order no 850 made only once the order proves to be a partner's", async () => {
    const t = setupOutbound();
    t.feed.putOrder({
      key: "SO-OTHER",
      customer: "NOT-A-PARTNER",
      reference: "X1",
      confirmed: true,
      allocation: "full",
      closed: false,
      lines: [
        {
          lineNumber: 1000,
          itemRef: "WID-001",
          quantity: 1,
          allocatedQuantity: 1,
          deliveredQuantity: 0,
          closed: false,
        },
      ],
    });
    t.feed.putInvoice(
      invoice("INV-OTHER", "SO-OTHER", { customer: "NOT-A-PARTNER", reference: "X1", deliveryKeys: ["SDH-OTHER"] }),
    );
    const reads: string[] = [];
    const get = t.feed.get.bind(t.feed);
    t.feed.get = async (kind, key) => {
      reads.push(kind);
      return get(kind, key);
    };
    expect((await t.connector.runOnce("invoices-out")).outcomes).toEqual({});
    expect(reads).toEqual(["salesOrder"]);
  });
});
