import { bytesOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { orderNaturalKey } from "../../src/flows/orders-in/processing.js";
import type { X3Delivery } from "../../src/ports/x3-change-feed.js";
import { sampleInvoice, setupOutbound } from "./support/setup.js";

const PO = "8001";
const KEY = "HAND8001";

/** A user keyed PO 8001's order in X3, then delivered and invoiced it, before the connector read the 850. */
function keyedInX3(t: ReturnType<typeof setupOutbound>) {
  const lines = [
    { lineNumber: 1000, itemRef: "WID-001", quantity: 24, unitPrice: 4.5 },
    { lineNumber: 2000, itemRef: "WID-002", quantity: 12, unitPrice: 5.25 },
  ];
  const order = {
    key: KEY,
    customer: "C0001",
    reference: PO,
    orderDate: "2026-11-20",
    confirmed: true,
    allocation: "full" as const,
    closed: false,
    lines: lines.map((line) => ({
      ...line,
      allocatedQuantity: line.quantity,
      deliveredQuantity: line.quantity,
      closed: false,
    })),
  };
  const delivery: Omit<X3Delivery, "updatedAt"> = {
    key: "SDH8001",
    orderKey: KEY,
    customer: "C0001",
    validated: true,
    shipDate: "2026-11-29",
    site: "US01",
    lines: lines.map((line) => ({
      lineNumber: line.lineNumber,
      orderKey: KEY,
      orderLineNumber: line.lineNumber,
      itemRef: line.itemRef,
      quantity: line.quantity,
    })),
  };
  const invoice = sampleInvoice("INV8001", KEY);
  return {
    /** Puts (or touches: a new UPDDATTIM, read again by the change feed) the order, its delivery and its invoice. */
    put() {
      t.feed.putOrder(order);
      t.feed.putDelivery(delivery);
      t.feed.putInvoice(invoice);
    },
  };
}

async function runOutbound(t: ReturnType<typeof setupOutbound>) {
  const outcomes: Record<string, Record<string, number>> = {};
  for (const flow of ["acks-out", "asns-out", "invoices-out"] as const) {
    outcomes[flow] = (await t.connector.runOnce(flow)).outcomes;
  }
  return outcomes;
}

describe("an order keyed in X3 before its 850, answered from X3's data, then the 850 adopted", () => {
  it("what was sent is not sent again once the 850 is linked to the order; what was refused is built again from it", async () => {
    const t = setupOutbound();
    const x3 = keyedInX3(t);
    x3.put();
    expect(await runOutbound(t)).toEqual({
      "acks-out": { posted: 1 },
      // X3's order data carries no ship-to: the 856 cannot be built from it.
      "asns-out": { rejected: 1 },
      "invoices-out": { posted: 1 },
    });
    const sent = [...t.sink.files.keys()].sort();
    expect(sent).toEqual(["in/ININV8001-1-v7.7-BulkImport.json", "in/PRHAND8001-1-v7.7-BulkImport.json"]);
    const [asn] = (await t.stores.audit.findDocuments({ type: "856" })).items;
    expect(asn?.reasons[0]?.message).toContain("no ship-to");

    // What orders-in leaves when a create in doubt after a crash is settled by the lookup and finds this order (the
    // user's; X3 has no idempotency key to tell it from the connector's): the 850 created, linked to it.
    const document = await t.stores.audit.recordDocument({
      direction: "in",
      type: "850",
      partnerId: "ACME",
      naturalKey: orderNaturalKey("ACME", PO),
      poNumber: PO,
      purposeCode: "00",
      status: "received",
      fileName: `PO${PO}-v7.7-BulkImport.json`,
      flow: "orders-in",
      payload: bytesOf(
        make850({
          po: PO,
          lines: [
            { vendorPart: "WID-001", buyerPart: "B-1001", qty: 24, price: 4.5 },
            { vendorPart: "WID-002", buyerPart: "B-1002", qty: 12, price: 5.25 },
          ],
        }),
      ),
    });
    await t.stores.audit.link(
      { kind: "document", id: document.id },
      { kind: "x3", entity: "SORDER", key: KEY },
      "created",
    );
    await t.stores.audit.updateDocument(document.id, { status: "created", reasons: [], x3Key: KEY });

    // X3 users touch the records again (read again by the change feed): the answers stand, nothing goes twice.
    x3.put();
    const again = await runOutbound(t);
    expect(again).toEqual({
      "acks-out": { unchanged: 1 },
      // The 850 has the ship-to the X3 data lacked: the rejected 856 is built again, and goes.
      "asns-out": { posted: 1 },
      "invoices-out": { unchanged: 1 },
    });
    expect([...t.sink.files.keys()].sort()).toEqual([...sent, "in/SHSDH8001-1-v7.7-BulkImport.json"].sort());
  });
});
