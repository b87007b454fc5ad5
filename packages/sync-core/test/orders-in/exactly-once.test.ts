import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { createConnector, createMemoryStores } from "../../src/index.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";

function setup() {
  const mailbox = new MemoryMailbox();
  const x3 = new MemoryX3();
  const stores = createMemoryStores();
  const connector = createConnector({
    stores,
    orderSource: mailbox,
    orderGateway: x3,
    mappings: acmeMappings,
    inDoubtWindowMs: 0,
  });
  return { mailbox, x3, stores, connector };
}

describe("orders-in: exactly-once effects (in-memory systems)", () => {
  it("an answer lost after X3 created the order: the file stays, the next run reconciles, one order in total", async () => {
    const { mailbox, x3, stores, connector } = setup();
    mailbox.put("PO7001.json", bytesOf(make850({ po: "7001" })));
    x3.loseCreateAnswers = 1;
    const first = await connector.runOnce("orders-in");
    expect(first.outcomes).toEqual({ failed: 1 });
    expect(mailbox.files.size).toBe(1);
    // The entry is closed, not left in progress: marked as possibly done, so the next attempt looks first.
    expect(await stores.audit.listInProgress()).toHaveLength(0);
    expect(await stores.audit.getEffect("orders-in:create:ACME:7001")).toMatchObject({
      state: "failed",
      error: { kind: "uncertain" },
    });

    // A new connector over the same stores: a restart.
    const restarted = createConnector({
      stores,
      orderSource: mailbox,
      orderGateway: x3,
      mappings: acmeMappings,
      inDoubtWindowMs: 0,
    });
    const second = await restarted.runOnce("orders-in");
    expect(second.outcomes).toEqual({ created: 1 });
    expect(x3.calls.create).toBe(1);
    expect(x3.orders.size).toBe(1);
    expect(mailbox.files.size).toBe(0);
    const [doc] = (await stores.audit.findDocuments({ poNumber: "7001" })).items;
    expect(doc?.status).toBe("created");
    expect(doc?.x3Key).toBe([...x3.orders.keys()][0]);
  });

  it("a failed delete after the create: the next run removes the file without a second order", async () => {
    const { mailbox, x3, connector } = setup();
    mailbox.put("PO7002.json", bytesOf(make850({ po: "7002" })));
    mailbox.failRemovals = 1;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(mailbox.files.size).toBe(1);
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ already_handled: 1 });
    expect(mailbox.files.size).toBe(0);
    expect(x3.calls.create).toBe(1);
  });

  it("an order that X3 already has (created outside the ledger) is found before any create", async () => {
    const { mailbox, x3, connector } = setup();
    await x3.create({
      kind: "sales",
      counterparty: "C0001",
      site: "US01",
      orderType: "SON",
      currency: "USD",
      poNumber: "7003",
      lines: [],
    });
    mailbox.put("PO7003.json", bytesOf(make850({ po: "7003" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ duplicate: 1 });
    expect(x3.calls.create).toBe(1);
  });

  it("two runOnce calls at the same time: one runs, the other skips", async () => {
    const { mailbox, x3, connector } = setup();
    for (let i = 0; i < 10; i += 1) mailbox.put(`PO80${i}.json`, bytesOf(make850({ po: `80${i}` })));
    const [a, b] = await Promise.all([connector.runOnce("orders-in"), connector.runOnce("orders-in")]);
    const skipped = [a, b].filter((s) => s.skipped);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.skipped).toMatch(/holds the lock/);
    expect(x3.orders.size).toBe(10);
  });

  it("the same PO twice in one page is serialized: one create, one duplicate", async () => {
    const { mailbox, x3, connector } = setup();
    mailbox.put("PO9001-a.json", bytesOf(make850({ po: "9001" })));
    mailbox.put("PO9001-b.json", bytesOf(make850({ po: "9001", department: "D1" })));
    const summary = await connector.runOnce("orders-in");
    expect(summary.outcomes).toEqual({ created: 1, duplicate: 1 });
    expect(x3.calls.create).toBe(1);
  });

  it("an unexpected failure on one document (the store throws) leaves its file and does not stop the others", async () => {
    const { mailbox, x3, stores, connector } = setup();
    const findUom = stores.mappings.findUom.bind(stores.mappings);
    stores.mappings.findUom = async (partnerId, ediUnit) => {
      if (ediUnit === "CA") throw new Error("disk I/O error");
      return findUom(partnerId, ediUnit);
    };
    // The same failure when the store answers the order's reads at once.
    const readOrder = stores.mappings.readOrder?.bind(stores.mappings);
    if (readOrder) {
      stores.mappings.readOrder = async (query) => {
        if (query.units.includes("CA")) throw new Error("disk I/O error");
        return readOrder(query);
      };
    }
    mailbox.put("PO9101.json", bytesOf(make850({ po: "9101", lines: [{ vendorPart: "WID-001", qty: 1, uom: "CA" }] })));
    mailbox.put("PO9102.json", bytesOf(make850({ po: "9102" })));
    const summary = await connector.runOnce("orders-in");
    expect(summary.error).toBeUndefined();
    expect(summary.outcomes).toEqual({ failed: 1, created: 1 });
    expect([...mailbox.files.keys()]).toEqual(["PO9101.json"]);
    expect(x3.orders.size).toBe(1);
  });
});
