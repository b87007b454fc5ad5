import { bytesOf, changeFileNameOf, make850, make860 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { type OutboundSystems, useOutboundSystems } from "../outbound/support/over-http.js";

const start = useOutboundSystems();

type Line = { SOPLIN: number; ITMREF: string; QTY: number; GROPRI?: number; SOQSTA?: number };
type Ack = {
  Header: { OrderHeader: { TsetPurposeCode?: string; PurchaseOrderNumber: string } };
  LineItem: {
    OrderLine: { LineSequenceNumber?: string; OrderQty?: number; PurchasePrice?: number };
    LineItemAcknowledgement: { ItemStatusCode: string; ItemScheduleQty: number }[];
  }[];
};

const lines = (s: OutboundSystems, key: string) =>
  ((s.x3.data.get("SORDER", key)?.SOHSOP ?? []) as Line[]).map((line) => [
    line.ITMREF,
    Number(line.QTY),
    Number(line.GROPRI),
    Number(line.SOQSTA ?? 1),
  ]);

function ack(s: OutboundSystems, key: string, revision: number): Ack {
  const file = s.inbound().find((f) => f.name === `PR${key}-${revision}-v7.7-BulkImport.json`);
  if (!file) throw new Error(`no 855 revision ${revision} in in/: ${s.inbound().map((f) => f.name)}`);
  return JSON.parse(file.text) as Ack;
}

const ackLines = (document: Ack) =>
  document.LineItem.map((item) => [
    item.OrderLine.LineSequenceNumber,
    item.OrderLine.PurchasePrice,
    item.LineItemAcknowledgement.map((a) => `${a.ItemStatusCode}:${a.ItemScheduleQty}`).join(" "),
  ]);

describe("order changes end to end (Sage X3 and SPS sandboxes over HTTP)", () => {
  it("850 → 860 (quantity, price, add, delete) → 05 → refused 860 on a delivered line → 860 01: X3 ends as the last word says, each step audited and acknowledged", async () => {
    const s = await start();
    const po = "3001";
    const [key = ""] = await s.receive({
      po,
      lines: [
        { vendorPart: "WID-001", qty: 24, price: 4.5 },
        { vendorPart: "WID-002", qty: 12, price: 5.25 },
        { upc: "012345678936", qty: 5, price: 20 },
      ],
    });
    s.x3.data.allocate(key);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });

    // The 860: line 1 up to 30, line 2 at a new price, line 3 deleted, line 4 added.
    s.sps.mailbox.putOutbound(
      changeFileNameOf({ po }),
      bytesOf(
        make860({
          po,
          sequence: "1",
          lines: [
            { line: "1", change: "QI", qty: 30, previousQty: 24 },
            { line: "2", change: "PC", price: 5.5 },
            { line: "3", change: "DI" },
            { line: "4", change: "AI", upc: "012345678929", qty: 6, uom: "EA", price: 12 },
          ],
        }),
      ),
    );
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    expect(lines(s, key)).toEqual([
      ["WID-001", 30, 4.5, 1],
      ["WID-002", 12, 5.5, 1],
      ["GAD-100", 6, 12, 1],
    ]);
    s.x3.data.allocate(key);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const second = ack(s, key, 2);
    expect(second.Header.OrderHeader.TsetPurposeCode).toBe("05");
    expect(ackLines(second)).toEqual([
      ["1", 4.5, "IA:30"],
      ["2", 5.5, "IA:12"],
      ["4", 12, "IA:6"],
    ]);

    // A 05 replace: the whole order restated, two lines.
    s.sps.mailbox.putOutbound(
      `PO${po}-2-v7.7-BulkImport.json`,
      bytesOf(
        make850({
          po,
          purpose: "05",
          lines: [
            { vendorPart: "WID-001", qty: 10, price: 4.5 },
            { vendorPart: "WID-002", qty: 12, price: 5.5 },
          ],
        }),
      ),
    );
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(lines(s, key)).toEqual([
      ["WID-001", 10, 4.5, 1],
      ["WID-002", 12, 5.5, 1],
    ]);
    s.x3.data.allocate(key);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(ackLines(ack(s, key, 3))).toEqual([
      ["1", 4.5, "IA:10"],
      ["2", 5.5, "IA:12"],
    ]);

    // Part of line 1 leaves; an 860 deleting it is refused with the reason, and X3 keeps the line.
    s.x3.data.deliver(key, { lines: { 1000: 4 }, carrier: "UPSN", billOfLading: "BOL-3001" });
    s.sps.mailbox.putOutbound(
      changeFileNameOf({ po }, "2"),
      bytesOf(make860({ po, sequence: "2", lines: [{ line: "1", change: "DI" }] })),
    );
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const refused = (await s.stores.audit.findDocuments({ type: "860", status: "rejected" })).items[0];
    expect(refused?.reasons.map((reason) => reason.code)).toEqual(["line_delivered", "x3_field"]);
    expect(refused?.reasons[1]?.message).toContain("4 already delivered");
    expect(lines(s, key)).toEqual([
      ["WID-001", 10, 4.5, 1],
      ["WID-002", 12, 5.5, 1],
    ]);

    // The 01: the order is closed.
    s.sps.mailbox.putOutbound(changeFileNameOf({ po }, "3"), bytesOf(make860({ po, purpose: "01", sequence: "3" })));
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ cancelled: 1 });
    expect(s.x3.data.get("SORDER", key)?.ORDSTA).toBe(2);
    expect(s.x3.data.list("SORDER").filter((order) => order.CUSORDREF === po)).toHaveLength(1);

    // The audit chain: each step once, in order, linked to the one X3 order.
    const chain = await s.stores.audit.chain({ poNumber: po, partnerId: "ACME" });
    expect(chain.documents.map((d) => [d.type, d.purposeCode ?? "", d.status])).toEqual([
      ["850", "00", "created"],
      ["855", "00", "posted"],
      ["860", "04", "updated"],
      ["855", "05", "posted"],
      ["850", "05", "updated"],
      ["855", "05", "posted"],
      ["860", "04", "rejected"],
      ["860", "01", "cancelled"],
    ]);
    expect(chain.records.filter((r) => r.entity === "SORDER")).toEqual([{ entity: "SORDER", key }]);
    const changes = chain.documents.filter((d) => d.type === "860" && d.status !== "rejected");
    for (const change of changes) {
      const relations = chain.links.filter((l) => l.from.kind === "document" && l.from.id === change.id);
      expect(relations.map((l) => l.relation).sort()).toEqual(["revises", change.status].sort());
    }
    expect(
      (await s.stores.audit.listAttempts(changes[0]?.id ?? "")).filter((a) => a.operation === "x3.change"),
    ).toHaveLength(1);
  });

  it("change 2 applied before change 1 (held up): change 1 is merged in its place, and each 855 acknowledges the changes in sequence", async () => {
    const s = await start();
    const po = "3003";
    const [key = ""] = await s.receive({
      po,
      lines: [
        { vendorPart: "WID-001", qty: 24, price: 4.5 },
        { vendorPart: "WID-002", qty: 12, price: 5.25 },
      ],
    });
    s.x3.data.allocate(key);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });

    s.sps.mailbox.putOutbound(
      changeFileNameOf({ po }, "2"),
      bytesOf(make860({ po, sequence: "2", lines: [{ line: "1", change: "PQ", qty: 7, price: 4.8 }] })),
    );
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    s.x3.data.allocate(key);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(ackLines(ack(s, key, 2))).toEqual([
      ["1", 4.8, "IA:7"],
      ["2", 5.25, "IA:12"],
    ]);

    // Change 1 raises line 1 and reprices line 2; change 2 (applied) set line 1 to 7 at 4.80 after it.
    s.sps.mailbox.putOutbound(
      changeFileNameOf({ po }, "1"),
      bytesOf(
        make860({
          po,
          sequence: "1",
          lines: [
            { line: "1", change: "QI", qty: 30 },
            { line: "2", change: "PC", price: 6 },
          ],
        }),
      ),
    );
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(lines(s, key)).toEqual([
      ["WID-001", 7, 4.8, 1],
      ["WID-002", 12, 6, 1],
    ]);
    s.x3.data.allocate(key);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(ackLines(ack(s, key, 3))).toEqual([
      ["1", 4.8, "IA:7"],
      ["2", 6, "IA:12"],
    ]);
    const changes = await s.stores.audit.findDocuments({ type: "860" });
    expect(changes.items.map((d) => d.status)).toEqual(["updated", "updated"]);
  });

  it("an 860 whose $edit answer is lost, then a crash right after X3 applied one: each change lands once, no duplicated line", async () => {
    const s = await start();
    const po = "3002";
    const [key = ""] = await s.receive({ po });
    const put = (sequence: string, change: Parameters<typeof make860>[0]["lines"]) =>
      s.sps.mailbox.putOutbound(changeFileNameOf({ po }, sequence), bytesOf(make860({ po, sequence, lines: change })));

    // X3 applies the edit, the answer is lost: failed for now, the file stays; the next run finds nothing left to do.
    put("1", [{ line: "3", change: "AI", upc: "012345678929", qty: 6, uom: "EA", price: 12 }]);
    s.x3.faults.add({ route: s.x3.routes.update, resetAfterHandler: true, times: 1 });
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ failed: 1 });
    expect(s.sps.mailbox.paths("out")).toHaveLength(1);
    const updatesAfterLoss = s.x3.counters.get(s.x3.routes.update);
    expect((await s.restart().runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(s.x3.counters.get(s.x3.routes.update)).toBe(updatesAfterLoss);

    // The process dies as X3 applies the next one (the ledger entry stays in progress): the restart settles it and
    // redoes it as a repeatable edit against the order as X3 has it.
    put("2", [{ line: "1", change: "QD", qty: 20 }]);
    const pick = s.x3.faults.pick.bind(s.x3.faults);
    s.x3.faults.pick = (route, method) => {
      if (route === s.x3.routes.update) s.crash.crash();
      return pick(route, method);
    };
    await s.connector.runOnce("orders-in").catch(() => undefined);
    s.x3.faults.pick = pick;
    s.crash.restart();
    expect(await s.stores.audit.listInProgress()).toHaveLength(1);
    expect((await s.restart().runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(await s.stores.audit.listInProgress()).toHaveLength(0);

    expect(lines(s, key)).toEqual([
      ["WID-001", 20, 4.5, 1],
      ["WID-002", 12, 5.25, 1],
      ["GAD-100", 6, 12, 1],
    ]);
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    const changes = (await s.stores.audit.findDocuments({ type: "860", order: "asc" })).items;
    expect(changes.map((d) => d.status)).toEqual(["updated", "updated"]);
  });
});
