import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { ConnectorError } from "@ml-connector/transport";
import { beforeEach, describe, expect, it } from "vitest";
import { type Connector, createConnector, createMemoryStores } from "../../src/index.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";

let mailbox: MemoryMailbox;
let x3: MemoryX3;
let connector: Connector;

beforeEach(() => {
  mailbox = new MemoryMailbox();
  x3 = new MemoryX3();
  connector = createConnector({
    stores: createMemoryStores(),
    orderSource: mailbox,
    orderGateway: x3,
    mappings: acmeMappings,
  });
});

describe("orders-in: purpose codes and dedup (in-memory systems)", () => {
  it("00 creates one sales order with mapped lines, ship-to and cost centre, then empties the mailbox", async () => {
    mailbox.put("PO1001-v7.7-BulkImport.json", bytesOf(make850({ po: "1001" })));
    const summary = await connector.runOnce("orders-in");
    expect(summary.outcomes).toEqual({ created: 1 });
    expect(mailbox.files.size).toBe(0);
    const [order] = [...x3.orders.values()];
    expect(order).toMatchObject({
      kind: "sales",
      counterparty: "C0001",
      site: "US01",
      poNumber: "1001",
      shipToAddressCode: "ST042",
      requestedDeliveryDate: "2026-12-01",
      dimensions: { CCT: "RETAIL" },
    });
    expect(order?.lines.map((l) => [l.itemRef, l.quantity, l.unit])).toEqual([
      ["WID-001", 24, "EA"],
      ["WID-002", 12, "EA"],
    ]);
  });

  it("the same 850 twice makes one order; the second is recorded as a duplicate", async () => {
    mailbox.put("PO1002-a.json", bytesOf(make850({ po: "1002" })));
    await connector.runOnce("orders-in");
    mailbox.put("PO1002-b.json", bytesOf(make850({ po: "1002" })));
    const second = await connector.runOnce("orders-in");
    expect(second.outcomes).toEqual({ duplicate: 1 });
    expect(x3.calls.create).toBe(1);
    const page = await connector.audit.findDocuments({ poNumber: "1002" });
    expect(page.items.map((d) => d.status).sort()).toEqual(["created", "duplicate"]);
  });

  it("07 is recorded and ignored; 05 replaces the same order; 01 closes it", async () => {
    mailbox.put("PO1003-1.json", bytesOf(make850({ po: "1003" })));
    await connector.runOnce("orders-in");
    mailbox.put("PO1003-2.json", bytesOf(make850({ po: "1003", purpose: "07" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ duplicate: 1 });
    // The 07 names the 850 it repeats and that 850's X3 order.
    const [created, repeated] = (await connector.audit.findDocuments({ poNumber: "1003", order: "asc" })).items;
    expect(repeated).toMatchObject({ status: "duplicate", x3Key: created?.x3Key });
    expect(repeated?.reasons.map((r) => r.code)).toEqual(["purpose_duplicate"]);
    expect(await connector.audit.linksOf({ kind: "document", id: repeated?.id ?? "" })).toMatchObject([
      { to: { kind: "document", id: created?.id }, relation: "duplicates" },
    ]);
    mailbox.put(
      "PO1003-3.json",
      bytesOf(
        make850({ po: "1003", purpose: "05", lines: [{ vendorPart: "WID-001", qty: 48, uom: "EA", price: 4.4 }] }),
      ),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    mailbox.put("PO1003-4.json", bytesOf(make850({ po: "1003", purpose: "01" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ cancelled: 1 });

    expect(x3.orders.size).toBe(1);
    const [order] = [...x3.orders.values()];
    expect(order?.lines).toHaveLength(1);
    expect(order?.lines[0]?.quantity).toBe(48);
    expect(order?.closed).toBe(true);
    const chain = await connector.audit.chain({ poNumber: "1003", partnerId: "ACME" });
    expect(chain.records).toEqual([{ entity: "SORDER", key: order?.key }]);
    expect(chain.documents.map((d) => d.status)).toEqual(["created", "duplicate", "updated", "cancelled"]);
  });

  it("a cancel for an unknown PO is rejected, not silently dropped", async () => {
    mailbox.put("PO1999.json", bytesOf(make850({ po: "1999", purpose: "01" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const [doc] = (await connector.audit.findDocuments({ poNumber: "1999" })).items;
    expect(doc?.reasons[0]?.code).toBe("no_order_to_cancel");
  });

  it("a cancel whose 850 is still in hand waits for it instead of being rejected, then closes the order", async () => {
    // A 503 leaves the create in doubt; the window before it is redone is tested in ledger/in-doubt-window.test.ts.
    connector = createConnector({
      stores: createMemoryStores(),
      orderSource: mailbox,
      orderGateway: x3,
      mappings: acmeMappings,
      inDoubtWindowMs: 0,
    });
    // X3 refuses the create twice: the 850 stays in hand (failed), and its cancel must not be rejected meanwhile.
    let refusals = 2;
    const create = x3.create.bind(x3);
    x3.create = async (draft) => {
      if (refusals > 0) {
        refusals -= 1;
        throw new ConnectorError("X3 is down", { kind: "server", status: 503 });
      }
      return create(draft);
    };
    mailbox.put("PO1998-a.json", bytesOf(make850({ po: "1998" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ failed: 1 });
    mailbox.put("PO1998-b.json", bytesOf(make850({ po: "1998", purpose: "01" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ failed: 1, waiting: 1 });
    expect(x3.orders.size).toBe(0);

    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1, cancelled: 1 });
    const [order] = [...x3.orders.values()];
    expect(order?.closed).toBe(true);
    const chain = await connector.audit.chain({ poNumber: "1998", partnerId: "ACME" });
    expect(chain.documents.map((d) => d.status)).toEqual(["created", "cancelled"]);
  });
});
