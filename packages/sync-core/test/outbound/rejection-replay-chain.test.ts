import { defineRuleSet } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import type { X3Delivery } from "../../src/ports/x3-change-feed.js";
import { sampleInvoice, setupOutbound } from "./support/setup.js";

const acmeRules = defineRuleSet({
  name: "acme",
  documents: { Shipment: { required: ["Header.ShipmentHeader.BillOfLadingNumber"] } },
});

function delivery(orderKey: string, extra: Partial<X3Delivery> = {}): Omit<X3Delivery, "updatedAt"> {
  return {
    key: "SDH0100",
    orderKey,
    customer: "C0001",
    validated: true,
    shipDate: "2026-11-29",
    lines: [
      { lineNumber: 1000, orderKey, orderLineNumber: 1000, itemRef: "WID-001", quantity: 24 },
      { lineNumber: 2000, orderKey, orderLineNumber: 2000, itemRef: "WID-002", quantity: 12 },
    ],
    ...extra,
  };
}

describe("outbound rejections, replay and the audit chain", () => {
  it("a partner rule failure: rejected with the rule's reason, not sent; fixed in X3 → replay → posted", async () => {
    const t = setupOutbound({ flows: { "asns-out": { partnerRules: { ACME: acmeRules } } } });
    const order = await t.receive({ po: "9001" });
    t.salesOrder(order);
    t.feed.putDelivery(delivery(order));
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ rejected: 1 });
    expect(t.sink.files.size).toBe(0);
    const [rejected] = (await t.stores.audit.findDocuments({ type: "856" })).items;
    expect(rejected?.status).toBe("rejected");
    expect(rejected?.reasons).toEqual([
      expect.objectContaining({ path: "Header.ShipmentHeader.BillOfLadingNumber", code: "rule_required" }),
    ]);
    await expect(t.connector.replay(rejected?.id ?? "")).resolves.toMatchObject({ outcome: "rejected" });

    t.feed.putDelivery(delivery(order, { billOfLading: "BOL-9001" }));
    const replayed = await t.connector.replay(rejected?.id ?? "");
    expect(replayed.outcome).toBe("posted");
    expect(replayed.document).toMatchObject({ id: rejected?.id, status: "posted", revision: 1 });
    expect(t.sink.files.size).toBe(1);
    const attempts = await t.stores.audit.listAttempts(rejected?.id ?? "");
    expect(attempts.map((a) => `${a.operation}:${a.outcome}`)).toEqual([
      "replay:failure",
      "sps.upload:success",
      "replay:success",
    ]);
    await expect(t.connector.replay(rejected?.id ?? "")).rejects.toThrow(/only rejected, failed or rejected_by_sps/);
  });

  it("replay refuses when a newer document of the same natural key exists", async () => {
    const t = setupOutbound({ flows: { "asns-out": { partnerRules: { ACME: acmeRules } } } });
    const order = await t.receive({ po: "9002" });
    t.salesOrder(order);
    t.feed.putDelivery(delivery(order));
    await t.connector.runOnce("asns-out");
    const [rejected] = (await t.stores.audit.findDocuments({ type: "856" })).items;
    t.feed.putDelivery(delivery(order, { billOfLading: "BOL-9002" }));
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    await expect(t.connector.replay(rejected?.id ?? "")).rejects.toThrow(/newer 856/);
  });

  it("SPS refusing a file is a rejection (kept, replayable), not a retry on every run", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "9003" });
    t.salesOrder(order);
    t.sink.refuseNext = 1;
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ rejected: 1 });
    expect((await t.connector.runOnce("acks-out")).documents).toBe(0);
    const [doc] = (await t.stores.audit.findDocuments({ type: "855" })).items;
    expect(doc?.reasons[0]?.code).toBe("upload_validation");
    expect((await t.connector.replay(doc?.id ?? "")).outcome).toBe("posted");
  });

  it("the whole chain of one PO: 850 → order → 855, delivery → 856, invoice → 810", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "9004" });
    await t.receive({ po: "9005" });
    t.salesOrder(order);
    t.feed.putDelivery(delivery(order));
    t.feed.putInvoice(
      sampleInvoice("INV0100", order, {
        reference: "9004",
        paymentTerms: undefined,
        totalExcludingTax: 171,
        charges: [],
      }),
    );
    for (const flow of ["acks-out", "asns-out", "invoices-out"] as const) {
      expect((await t.connector.runOnce(flow)).outcomes).toEqual({ posted: 1 });
    }
    const chain = await t.stores.audit.chain({ poNumber: "9004" });
    expect(chain.documents.map((d) => `${d.type}:${d.status}`)).toEqual([
      "850:created",
      "855:posted",
      "856:posted",
      "810:posted",
    ]);
    expect(chain.records.map((r) => `${r.entity}:${r.key}`).sort()).toEqual(
      [`SDELIVERY:SDH0100`, `SINVOICE:INV0100`, `SORDER:${order}`].sort(),
    );
    const relations = chain.links.map((l) => l.relation).sort();
    expect(relations).toEqual(["acknowledges", "bills", "created", "fulfils", "invoices", "ships"]);
  });
});
