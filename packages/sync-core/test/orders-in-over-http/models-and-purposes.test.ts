import { bytesOf, fileNameOf, make850, type OrderModel, type OrderSpec } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { type Systems, useSystems } from "../support/systems.js";

const start = useSystems();

function drop(s: Systems, spec: OrderSpec, suffix = "1") {
  s.sps.mailbox.putOutbound(fileNameOf(spec, suffix), bytesOf(make850(spec)));
}

describe("orders-in over real HTTP (SPS and Sage X3 sandboxes)", () => {
  it("creates one X3 sales order per 850 for all four models, and empties out/", async () => {
    const s = await start();
    const models: OrderModel[] = ["BulkImport", "CrossDock", "DropShip", "MultiStore"];
    for (const [index, model] of models.entries()) drop(s, { po: `PO-M${index}`, model });
    const summary = await s.connector.runOnce("orders-in");
    expect(summary.outcomes).toEqual({ created: 4 });
    expect(s.sps.mailbox.paths("out")).toEqual([]);

    const orders = s.x3.data.list("SORDER");
    expect(orders.map((o) => o.CUSORDREF).sort()).toEqual(["PO-M0", "PO-M1", "PO-M2", "PO-M3"]);
    for (const order of orders) {
      expect(order).toMatchObject({ BPCORD: "C0001", SALFCY: "US01", SOHTYP: "SON", CUR: "USD" });
      expect((order.SOHSOP as unknown[]).length).toBe(2);
    }
    const bulk = orders.find((o) => o.CUSORDREF === "PO-M0");
    expect(bulk).toMatchObject({ BPAADD: "DC01", DEMDLVDAT: "2026-12-01", DIE: ["CCT"], CCE: ["RETAIL"] });

    const chain = await s.connector.audit.chain({ poNumber: "PO-M0", partnerId: "ACME" });
    expect(chain.records).toEqual([{ entity: "SORDER", key: bulk?.SOHNUM }]);
    const attempts = await s.connector.audit.listAttempts(chain.documents[0]?.id ?? "");
    expect(attempts.map((a) => `${a.operation}:${a.outcome}`)).toEqual(["x3.create:success", "sps.delete:success"]);
  });

  it("the same 850 twice, then 07, 05 and 01: one order, replaced, then closed", async () => {
    const s = await start();
    drop(s, { po: "PO-R1" }, "1");
    drop(s, { po: "PO-R1" }, "2");
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ created: 1, duplicate: 1 });
    drop(s, { po: "PO-R1", purpose: "07" }, "3");
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ duplicate: 1 });
    drop(s, { po: "PO-R1", purpose: "05", lines: [{ vendorPart: "WID-002", qty: 5, uom: "EA", price: 5 }] }, "4");
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });

    const [order] = s.x3.data.list("SORDER");
    expect(s.x3.data.list("SORDER")).toHaveLength(1);
    const lines = (order?.SOHSOP ?? []) as { ITMREF: string; QTY: number }[];
    expect(lines.map((l) => [l.ITMREF, l.QTY])).toEqual([["WID-002", 5]]);

    drop(s, { po: "PO-R1", purpose: "01" }, "5");
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ cancelled: 1 });
    expect(s.x3.data.get("SORDER", String(order?.SOHNUM))?.ORDSTA).toBe(2);
    expect(s.sps.mailbox.paths("out")).toEqual([]);
  });

  it("an unknown item is rejected with its path; once mapped, replay creates the order over HTTP", async () => {
    const s = await start();
    drop(s, {
      po: "PO-U1",
      lines: [
        { vendorPart: "WID-001", qty: 2 },
        { vendorPart: "MYSTERY-9", qty: 1 },
      ],
    });
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    expect(s.x3.data.list("SORDER")).toEqual([]);
    expect(s.sps.mailbox.paths("out")).toEqual([]); // kept in the audit store, not in the mailbox
    const [doc] = (await s.connector.audit.findDocuments({ status: "rejected" })).items;
    expect(doc?.reasons.map((r) => r.path)).toEqual(["LineItem[1].OrderLine.VendorPartNumber"]);

    await s.stores.mappings.upsertItem({
      partnerId: "ACME",
      kind: "vendorPartNumber",
      value: "MYSTERY-9",
      itemRef: "GIZ-200",
    });
    const replayed = await s.connector.replay(doc?.id ?? "");
    expect(replayed.outcome).toBe("created");
    expect(s.x3.data.list("SORDER")).toHaveLength(1);
  });

  it("an unknown trading partner is rejected and does not hold back the others", async () => {
    const s = await start();
    drop(s, { po: "PO-P1", partnerId: "STRANGER" });
    drop(s, { po: "PO-P2" });
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1, created: 1 });
  });

  it("X3 refusing an order (a business check) rejects the document with X3's field messages", async () => {
    const s = await start();
    await s.stores.mappings.upsertItem({
      partnerId: "ACME",
      kind: "vendorPartNumber",
      value: "GHOST",
      itemRef: "NOT-IN-X3",
    });
    drop(s, { po: "PO-X1", lines: [{ vendorPart: "GHOST", qty: 1 }] });
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const [doc] = (await s.connector.audit.findDocuments({ status: "rejected" })).items;
    expect(JSON.stringify(doc?.reasons)).toContain("Product NOT-IN-X3 does not exist");
    expect(await s.stores.audit.listInProgress()).toEqual([]);
  });
});
