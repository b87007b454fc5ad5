import { parseRsx } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import { setupOutbound } from "./support/setup.js";

type Ack = {
  Header: { OrderHeader: Record<string, unknown> };
  LineItem: { OrderLine: Record<string, unknown>; LineItemAcknowledgement: Record<string, unknown>[] }[];
};

const statuses = (ack: Ack) =>
  ack.LineItem.map((item) => item.LineItemAcknowledgement.map((a) => `${a.ItemStatusCode}:${a.ItemScheduleQty}`));

/** An order whose first 855 was posted: line 1 allocated in part (10), line 2 not yet. */
async function postedInPart(t: ReturnType<typeof setupOutbound>, po: string): Promise<string> {
  const key = await t.receive({ po });
  t.salesOrder(key, [{ allocated: 10 }, {}]);
  expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
  return key;
}

describe("acks-out: 855 from X3 sales orders (in-memory systems)", () => {
  it("a fully allocated order: one 855, AD, every line IA, echoing the 850", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "5001", department: "D12" });
    t.salesOrder(key);
    const summary = await t.connector.runOnce("acks-out");
    expect(summary.outcomes).toEqual({ posted: 1 });
    const path = `in/PR${key}-1-v7.7-BulkImport.json`;
    const ack = t.sink.json(path) as unknown as Ack;
    expect(ack.Header.OrderHeader).toMatchObject({
      TradingPartnerId: "ACME",
      PurchaseOrderNumber: "5001",
      PurchaseOrderDate: "2026-11-20",
      Department: "D12",
      Vendor: "0004521",
      AcknowledgementType: "AD",
      AcknowledgementNumber: key,
      TsetPurposeCode: "00",
    });
    expect(statuses(ack)).toEqual([["IA:24"], ["IA:12"]]);
    expect(ack.LineItem[0]?.OrderLine.BuyerPartNumber).toBe("B-1001");
    const [doc] = (await t.stores.audit.findDocuments({ type: "855" })).items;
    expect(doc).toMatchObject({ status: "posted", revision: 1, poNumber: "5001", x3Key: key, direction: "out" });
  });

  it("a value XML 1.0 cannot carry (a control character from the 850) rejects the XML 855 at its path, uploads nothing", async () => {
    const t = setupOutbound({ flows: { "acks-out": { format: "xml" } } });
    const key = await t.receive({ po: "5009", department: "D\u000112" });
    t.salesOrder(key);
    const summary = await t.connector.runOnce("acks-out");
    expect(summary.outcomes).toEqual({ rejected: 1 });
    expect(t.sink.uploads).toBe(0);
    const [doc] = (await t.stores.audit.findDocuments({ type: "855" })).items;
    expect(doc?.status).toBe("rejected");
    expect(doc?.reasons?.map((r) => `${r.code} ${r.path}`)).toEqual([
      "invalid_character Header.OrderHeader.Department",
    ]);
  });

  it("allocated in part, a quantity cut, a price change and a rejected line: IA+IB split, IQ, IP, IR, AC", async () => {
    const t = setupOutbound();
    const key = await t.receive({
      po: "5002",
      lines: [
        { vendorPart: "WID-001", qty: 24, price: 4.5 },
        { vendorPart: "WID-002", qty: 12, price: 5.25 },
        { vendorPart: "WID-001", qty: 10, price: 4.5 },
        { vendorPart: "WID-002", qty: 6, price: 5.25 },
      ],
    });
    t.salesOrder(key, [
      { allocated: 15 },
      { quantity: 8, allocated: 8 },
      { price: 4.25 },
      { allocated: 0, closed: true },
    ]);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const ack = t.sink.json(`in/PR${key}-1-v7.7-BulkImport.json`) as unknown as Ack;
    expect(statuses(ack)).toEqual([["IA:15", "IB:9"], ["IQ:8"], ["IP:10"], ["IR:6"]]);
    expect(ack.LineItem[2]?.LineItemAcknowledgement[0]?.PurchasePrice).toBe(4.25);
    expect(ack.Header.OrderHeader.AcknowledgementType).toBe("AC");
  });

  it("every line rejected: RD", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "5003" });
    t.salesOrder(
      key,
      [
        { allocated: 0, closed: true },
        { allocated: 0, closed: true },
      ],
      { confirmed: true },
    );
    await t.connector.runOnce("acks-out");
    const ack = t.sink.json(`in/PR${key}-1-v7.7-BulkImport.json`) as unknown as Ack;
    expect(ack.Header.OrderHeader.AcknowledgementType).toBe("RD");
  });

  it("an order neither allocated nor confirmed sends nothing; an order of a customer that is no partner neither", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "5004" });
    t.salesOrder(key, [{ allocated: 0 }, { allocated: 0 }]);
    t.feed.putOrder({
      key: "SO99999",
      customer: "C0777",
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
    const summary = await t.connector.runOnce("acks-out");
    expect(summary.documents).toBe(0);
    expect(t.sink.files.size).toBe(0);
  });

  it("a new revision only when the acknowledged content changed", async () => {
    const t = setupOutbound();
    const key = await postedInPart(t, "5005");

    // Touched in X3 (UPDDATTIM moves) without changing what was acknowledged: nothing new.
    t.salesOrder(key, [{ allocated: 10 }, {}], { confirmed: true });
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ unchanged: 1 });
    expect(t.sink.files.size).toBe(1);

    // More stock allocated: the acknowledgement changes, revision 2 replaces revision 1.
    t.salesOrder(key, [{}, {}]);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const second = t.sink.json(`in/PR${key}-2-v7.7-BulkImport.json`) as unknown as Ack;
    expect(second.Header.OrderHeader.TsetPurposeCode).toBe("05");
    expect(statuses(second)).toEqual([["IA:24"], ["IA:12"]]);
    const docs = (await t.stores.audit.findDocuments({ type: "855", order: "asc" })).items;
    expect(docs.map((d) => [d.revision, d.status])).toEqual([
      [1, "posted"],
      [2, "posted"],
    ]);
    const links = await t.stores.audit.linksOf({ kind: "document", id: docs[1]?.id ?? "" });
    expect(links.some((l) => l.relation === "revises" && l.to.kind === "document" && l.to.id === docs[0]?.id)).toBe(
      true,
    );
  });

  it("an order keyed in X3 for a partner's customer (no 850) is acknowledged from the X3 data", async () => {
    const t = setupOutbound();
    t.feed.putOrder({
      key: "SO77777",
      customer: "C0001",
      reference: "PHONE-1",
      orderDate: "2026-11-27",
      confirmed: true,
      allocation: "full",
      closed: false,
      lines: [
        {
          lineNumber: 1000,
          itemRef: "WID-001",
          quantity: 5,
          allocatedQuantity: 5,
          deliveredQuantity: 0,
          unitPrice: 4.5,
          closed: false,
        },
      ],
    });
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const ack = t.sink.json("in/PRSO77777-1-v7.7-BulkImport.json") as unknown as Ack;
    expect(ack.Header.OrderHeader).toMatchObject({ PurchaseOrderNumber: "PHONE-1", TradingPartnerId: "ACME" });
    expect(statuses(ack)).toEqual([["IA:5"]]);
  });

  it("a second order a user keyed for a PO the connector created: only the connector's order is acknowledged", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "5009" });
    const mine = t.salesOrder(key);
    t.feed.putOrder({ ...mine, key: "HAND5009" });
    const summary = await t.connector.runOnce("acks-out");
    expect(summary.outcomes).toEqual({ posted: 1, rejected: 1 });
    expect([...t.sink.files.keys()]).toEqual([`in/PR${key}-1-v7.7-BulkImport.json`]);
    const acks = (await t.stores.audit.findDocuments({ type: "855" })).items;
    const posted = acks.filter((d) => d.status === "posted");
    expect(posted.map((d) => d.x3Key)).toEqual([key]);
    const [refused] = acks.filter((d) => d.status === "rejected");
    expect(refused).toMatchObject({ x3Key: "HAND5009", poNumber: "5009" });
    expect(refused?.reasons[0]).toMatchObject({ code: "not_connector_order" });
    expect(refused?.reasons[0]?.message).toContain(`created order ${key}`);
    // Audited once: the next run neither answers it nor records it again.
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({});
    expect((await t.stores.audit.findDocuments({ type: "855" })).items).toHaveLength(2);
  });

  it("a partner in test mode gets its documents in testin/", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "5006" });
    // After the first run, which loads the configured mappings.
    await t.stores.mappings.upsertPartner({
      partnerId: "ACME",
      x3Customer: "C0001",
      site: "US01",
      orderType: "SON",
      currency: "USD",
      itemLookupOrder: ["vendorPartNumber", "upc"],
      testMode: true,
    });
    t.salesOrder(key);
    await t.connector.runOnce("acks-out");
    expect([...t.sink.files.keys()]).toEqual([`testin/PR${key}-1-v7.7-BulkImport.json`]);
  });

  it("an unsent 855 whose order changed before the retry is superseded: one file, the newer content", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "5007" });
    t.salesOrder(key, [{ allocated: 10 }, {}]);
    t.sink.failNext = 1;
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1 });
    t.salesOrder(key);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect([...t.sink.files.keys()]).toEqual([`in/PR${key}-1-v7.7-BulkImport.json`]);
    expect(statuses(t.sink.json(`in/PR${key}-1-v7.7-BulkImport.json`) as unknown as Ack)).toEqual([
      ["IA:24"],
      ["IA:12"],
    ]);
    const docs = (await t.stores.audit.findDocuments({ type: "855", order: "asc" })).items;
    expect(docs.map((d) => [d.revision, d.status, d.reasons[0]?.code])).toEqual([
      [1, "ignored", "superseded"],
      [1, "posted", undefined],
    ]);
    expect(await t.stores.audit.listInProgress()).toHaveLength(0);
  });

  it("an unsent revision that never began an upload, then the order back as posted: nothing sent, no new revision", async () => {
    const t = setupOutbound();
    const key = await postedInPart(t, "5008");

    // Revision 2 is recorded, then the process dies before its upload's ledger entry: it never reached SPS.
    t.salesOrder(key);
    const beginEffect = t.base.audit.beginEffect;
    t.base.audit.beginEffect = async () => {
      t.base.audit.beginEffect = beginEffect;
      t.crash.crash();
      throw new Error("the process died");
    };
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1 });
    t.crash.restart();

    // The order changes back to what revision 1 says: SPS holds that already.
    t.salesOrder(key, [{ allocated: 10 }, {}]);
    expect((await t.make().runOnce("acks-out")).outcomes).toEqual({ unchanged: 1 });
    expect([...t.sink.files.keys()]).toEqual([`in/PR${key}-1-v7.7-BulkImport.json`]);
    expect(t.sink.uploads).toBe(1);
    const docs = (await t.stores.audit.findDocuments({ type: "855", order: "asc" })).items;
    expect(docs.map((d) => [d.revision, d.status, d.reasons[0]?.code])).toEqual([
      [1, "posted", undefined],
      [2, "ignored", "superseded"],
    ]);
    expect(await t.stores.audit.listInProgress()).toHaveLength(0);

    // Re-read, or changed again: still nothing for the old content, revision 2 for new content.
    expect((await t.connector.runOnce("acks-out")).documents).toBe(0);
    t.salesOrder(key);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(statuses(t.sink.json(`in/PR${key}-2-v7.7-BulkImport.json`) as unknown as Ack)).toEqual([
      ["IA:24"],
      ["IA:12"],
    ]);
  });

  it("an unsent revision whose upload had begun, then the order back as posted: a new revision overwrites it", async () => {
    const t = setupOutbound();
    const key = await postedInPart(t, "5009");

    // Revision 2's upload lands but its answer is lost: SPS may hold it (here it does).
    t.salesOrder(key);
    t.sink.loseAnswers = 1;
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1 });
    expect(statuses(t.sink.json(`in/PR${key}-2-v7.7-BulkImport.json`) as unknown as Ack)).toEqual([
      ["IA:24"],
      ["IA:12"],
    ]);

    // Back to revision 1's content: revision 2 is sent again with it, so SPS's newest 855 says what X3 holds.
    t.salesOrder(key, [{ allocated: 10 }, {}]);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(statuses(t.sink.json(`in/PR${key}-2-v7.7-BulkImport.json`) as unknown as Ack)).toEqual([
      ["IA:10", "IB:14"],
      ["IA:12"],
    ]);
    const docs = (await t.stores.audit.findDocuments({ type: "855", order: "asc" })).items;
    expect(docs.map((d) => [d.revision, d.status])).toEqual([
      [1, "posted"],
      [2, "ignored"],
      [2, "posted"],
    ]);
  });

  it("X3 lines pair with 850 lines by the buyer part number X3 kept (ITMREFBPC), even for the same item in another order", async () => {
    const t = setupOutbound();
    const key = await t.receive({
      po: "5008",
      lines: [
        { vendorPart: "WID-001", buyerPart: "B-1", qty: 10, price: 4.5 },
        { vendorPart: "WID-001", buyerPart: "B-2", qty: 20, price: 4.5 },
      ],
    });
    const line = (lineNumber: number, customerItemRef: string, quantity: number) => ({
      lineNumber,
      customerItemRef,
      itemRef: "WID-001",
      quantity,
      allocatedQuantity: quantity,
      deliveredQuantity: 0,
      unitPrice: 4.5,
      closed: false,
    });
    t.feed.putOrder({
      key,
      customer: "C0001",
      reference: "5008",
      confirmed: true,
      allocation: "full",
      closed: false,
      lines: [line(1000, "B-2", 20), line(2000, "B-1", 10)],
    });
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const ack = t.sink.json(`in/PR${key}-1-v7.7-BulkImport.json`) as unknown as Ack;
    expect(statuses(ack)).toEqual([["IA:10"], ["IA:20"]]);
    expect(ack.Header.OrderHeader.AcknowledgementType).toBe("AD");
  });

  it("format xml: an XML file that reads back as the same 855", async () => {
    const t = setupOutbound({ flows: { "acks-out": { format: "xml" } } });
    const key = await t.receive({ po: "5009" });
    t.salesOrder(key);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const path = `in/PR${key}-1-v7.7-BulkImport.xml`;
    const bytes = t.sink.files.get(path);
    expect(new TextDecoder().decode(bytes)).toContain("<OrderAcks");
    const parsed = parseRsx(bytes ?? new Uint8Array(), { fileName: path });
    expect(parsed.ok && parsed.type).toBe("OrderAck");
  });
});
