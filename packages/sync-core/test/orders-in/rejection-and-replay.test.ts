import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { beforeEach, describe, expect, it } from "vitest";
import { type Connector, type ConnectorStores, createConnector, createMemoryStores } from "../../src/index.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";

let mailbox: MemoryMailbox;
let x3: MemoryX3;
let stores: ConnectorStores;
let connector: Connector;

beforeEach(() => {
  mailbox = new MemoryMailbox();
  x3 = new MemoryX3();
  stores = createMemoryStores();
  connector = createConnector({ stores, orderSource: mailbox, orderGateway: x3, mappings: acmeMappings });
});

describe("orders-in: rejections and replay (in-memory systems)", () => {
  it("a bad file is rejected with every reason and its raw bytes, and does not hold back the others", async () => {
    const broken = new TextEncoder().encode(
      '{"Header": {"OrderHeader": {"TradingPartnerId": "ACME", "PurchaseOrderNumber": "2001"',
    );
    mailbox.put("PO2000.json", bytesOf(make850({ po: "2000" })));
    mailbox.put("PO2001.json", broken);
    mailbox.put("PO2002.json", bytesOf(make850({ po: "2002", unknownField: true })));
    mailbox.put("PO2003.json", bytesOf(make850({ po: "2003" })));
    const summary = await connector.runOnce("orders-in");
    expect(summary.outcomes).toEqual({ created: 2, rejected: 2 });
    expect(mailbox.files.size).toBe(0);

    const truncated = (await connector.audit.findDocuments({ fileName: "PO2001.json" })).items[0];
    expect(truncated).toMatchObject({ status: "rejected", partnerId: "ACME", poNumber: "2001" });
    expect(truncated?.reasons[0]?.code).toBe("syntax");
    expect(await connector.audit.getPayload(truncated?.id ?? "")).toEqual(broken);

    const unknown = (await connector.audit.findDocuments({ fileName: "PO2002.json" })).items[0];
    expect(unknown?.reasons).toContainEqual(expect.objectContaining({ path: "Header.OrderHeader.Surprise" }));
  });

  it("an unknown item is rejected naming the line; after the mapping is fixed, replay creates the order", async () => {
    mailbox.put(
      "PO3001.json",
      bytesOf(
        make850({
          po: "3001",
          lines: [
            { vendorPart: "WID-001", qty: 1 },
            { vendorPart: "NEW-777", upc: "099999999990", qty: 2 },
          ],
        }),
      ),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const [rejected] = (await connector.audit.findDocuments({ poNumber: "3001" })).items;
    expect(rejected?.reasons).toEqual([
      expect.objectContaining({ path: "LineItem[1].OrderLine.VendorPartNumber", code: "unknown_item" }),
    ]);
    expect(rejected?.reasons[0]?.message).toContain('vendorPartNumber "NEW-777"');
    expect(x3.orders.size).toBe(0);

    await stores.mappings.upsertItem({ kind: "upc", value: "099999999990", itemRef: "GIZ-200" });
    const replayed = await connector.replay(rejected?.id ?? "");
    expect(replayed.outcome).toBe("created");
    expect(x3.orders.size).toBe(1);
    expect([...x3.orders.values()][0]?.lines.map((l) => l.itemRef)).toEqual(["WID-001", "GIZ-200"]);
    const attempts = await connector.audit.listAttempts(rejected?.id ?? "");
    expect(attempts.map((a) => a.operation)).toContain("replay");
  });

  it("an unknown partner is rejected with the partner's field", async () => {
    mailbox.put("PO4001.json", bytesOf(make850({ po: "4001", partnerId: "NOBODY" })));
    await connector.runOnce("orders-in");
    const [doc] = (await connector.audit.findDocuments({ poNumber: "4001" })).items;
    expect(doc?.reasons).toEqual([
      expect.objectContaining({ path: "Header.OrderHeader.TradingPartnerId", code: "unknown_partner" }),
    ]);
  });

  it("replay refuses when a newer revision of the same PO was processed since", async () => {
    mailbox.put("PO5001-1.json", bytesOf(make850({ po: "5001", lines: [{ vendorPart: "NOPE", qty: 1 }] })));
    await connector.runOnce("orders-in");
    const [old] = (await connector.audit.findDocuments({ poNumber: "5001" })).items;
    mailbox.put("PO5001-2.json", bytesOf(make850({ po: "5001", purpose: "05" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    await expect(connector.replay(old?.id ?? "")).rejects.toMatchObject({ kind: "conflict" });
    await expect(connector.replay(old?.id ?? "")).rejects.toThrow(/newer document/);
  });

  it("replay refuses documents that are not rejected or failed, and unknown ids", async () => {
    mailbox.put("PO6001.json", bytesOf(make850({ po: "6001" })));
    await connector.runOnce("orders-in");
    const [created] = (await connector.audit.findDocuments({ poNumber: "6001" })).items;
    await expect(connector.replay(created?.id ?? "")).rejects.toMatchObject({ kind: "conflict" });
    await expect(connector.replay("no-such-id")).rejects.toMatchObject({ kind: "not-found" });
  });
});
