import { acmeMappings, bytesOf, changeFileNameOf, make850, make860 } from "@ml-connector/sandbox";
import { beforeEach, describe, expect, it } from "vitest";
import { type Connector, createConnector, createMemoryStores } from "../../src/index.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";

let mailbox: MemoryMailbox;
let x3: MemoryX3;
let connector: Connector;
let now: number;
const hour = 3_600_000;

beforeEach(() => {
  mailbox = new MemoryMailbox();
  x3 = new MemoryX3();
  now = Date.UTC(2026, 10, 25, 12);
  connector = createConnector({
    stores: createMemoryStores(),
    orderSource: mailbox,
    orderGateway: x3,
    mappings: acmeMappings,
    flows: { "orders-in": { changeWaitMs: 6 * hour, now: () => new Date(now) } },
  });
});

const onlyOrder = () => {
  expect(x3.orders.size).toBe(1);
  return [...x3.orders.values()][0];
};
const linesOf = () => onlyOrder()?.lines.map((line) => [line.sourceLine, line.itemRef, line.quantity, line.unitPrice]);

describe("orders-in: 860 order changes (in-memory systems)", () => {
  it("applies line changes by LineChangeCode and header changes to the PO's order, linked 850 → 860 → X3", async () => {
    mailbox.put("PO2001-1.json", bytesOf(make850({ po: "2001" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    mailbox.put(
      changeFileNameOf({ po: "2001" }),
      bytesOf(
        make860({
          po: "2001",
          sequence: "1",
          requestedDate: "2026-12-09",
          shipTo: "0001",
          lines: [
            { line: "1", change: "QI", qty: 30 },
            { line: "2", change: "PC", price: 5.5 },
            { line: "3", change: "AI", upc: "012345678929", qty: 6, uom: "EA", price: 12 },
          ],
        }),
      ),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(mailbox.files.size).toBe(0);
    expect(linesOf()).toEqual([
      ["1", "WID-001", 30, 4.5],
      ["2", "WID-002", 12, 5.5],
      ["3", "GAD-100", 6, 12],
    ]);
    expect(onlyOrder()).toMatchObject({ requestedDeliveryDate: "2026-12-09", shipToAddressCode: "DC01" });

    mailbox.put(
      changeFileNameOf({ po: "2001" }, "2"),
      bytesOf(
        make860({
          po: "2001",
          sequence: "2",
          lines: [
            { line: "1", change: "DI" },
            { line: "3", change: "QD", previousQty: 6, variance: 2 },
          ],
        }),
      ),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(linesOf()).toEqual([
      ["2", "WID-002", 12, 5.5],
      ["3", "GAD-100", 4, 12],
    ]);

    const chain = await connector.audit.chain({ poNumber: "2001", partnerId: "ACME" });
    expect(chain.documents.map((d) => [d.type, d.status])).toEqual([
      ["850", "created"],
      ["860", "updated"],
      ["860", "updated"],
    ]);
    const [created, first, second] = chain.documents;
    expect(chain.links.filter((l) => l.relation === "revises").map((l) => [l.from, l.to])).toEqual([
      [
        { kind: "document", id: first?.id },
        { kind: "document", id: created?.id },
      ],
      [
        { kind: "document", id: second?.id },
        { kind: "document", id: created?.id },
      ],
    ]);
    expect(chain.records).toEqual([{ entity: "SORDER", key: onlyOrder()?.key }]);
    expect(x3.calls.replace).toBe(2);
  });

  it("an 860 before its 850 waits in the mailbox, and is applied once the order exists", async () => {
    mailbox.put(
      changeFileNameOf({ po: "2002" }),
      bytesOf(make860({ po: "2002", lines: [{ line: "2", change: "QI", qty: 20 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    expect(mailbox.files.size).toBe(1);
    const [waiting] = (await connector.audit.findDocuments({ type: "860" })).items;
    expect(waiting).toMatchObject({ status: "received", reasons: [{ code: "waiting_for_order" }] });

    now += hour;
    mailbox.put("PO2002-1.json", bytesOf(make850({ po: "2002" })));
    const summary = await connector.runOnce("orders-in");
    // The listing is by name: the 850 (PO…) comes after the 860 (PC…), so the 860 waits one more run.
    expect(summary.outcomes).toEqual({ created: 1, waiting: 1 });
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(mailbox.files.size).toBe(0);
    expect(linesOf()).toEqual([
      ["1", "WID-001", 24, 4.5],
      ["2", "WID-002", 20, 5.25],
    ]);
  });

  it("an 860 that waited for its 850 counts in the order as changed: a later change keeps it", async () => {
    mailbox.put(
      changeFileNameOf({ po: "2008" }),
      bytesOf(make860({ po: "2008", sequence: "1", lines: [{ line: "2", change: "QI", qty: 20 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    mailbox.put("PO2008-1.json", bytesOf(make850({ po: "2008" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1, waiting: 1 });
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    mailbox.put(
      changeFileNameOf({ po: "2008" }, "2"),
      bytesOf(make860({ po: "2008", sequence: "2", lines: [{ line: "1", change: "PC", price: 6 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(linesOf()).toEqual([
      ["1", "WID-001", 24, 6],
      ["2", "WID-002", 20, 5.25],
    ]);
  });

  it("an 860 whose PO never comes is rejected after changeWaitMs by the injected clock, and its file removed", async () => {
    mailbox.put(
      changeFileNameOf({ po: "2003" }),
      bytesOf(make860({ po: "2003", lines: [{ line: "1", change: "DI" }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    now += 6 * hour - 1;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    now += 1;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    expect(mailbox.files.size).toBe(0);
    const [rejected] = (await connector.audit.findDocuments({ type: "860" })).items;
    expect(rejected?.reasons[0]?.code).toBe("order_not_found");
    expect(x3.calls.replace).toBe(0);
  });

  it("a change that comes after a later one was applied is merged in its place: X3 ends as the retailer's last word", async () => {
    mailbox.put("PO2004-1.json", bytesOf(make850({ po: "2004" })));
    await connector.runOnce("orders-in");
    // Change 1 was held up (a failed download): change 2 goes first.
    mailbox.put(
      changeFileNameOf({ po: "2004" }, "b"),
      bytesOf(make860({ po: "2004", sequence: "2", lines: [{ line: "1", change: "PC", price: 6 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(linesOf()?.[0]).toEqual(["1", "WID-001", 24, 6]);
    mailbox.put(
      changeFileNameOf({ po: "2004" }, "a"),
      bytesOf(make860({ po: "2004", sequence: "1", lines: [{ line: "1", change: "PQ", qty: 10, price: 5 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    // 850, then change 1 (10 at 5), then change 2 (at 6): not change 2 undone by change 1.
    expect(linesOf()?.[0]).toEqual(["1", "WID-001", 10, 6]);

    // Later changes build on all of them in the retailer's order, not in the order they arrived.
    mailbox.put(
      changeFileNameOf({ po: "2004" }, "c"),
      bytesOf(make860({ po: "2004", sequence: "3", lines: [{ line: "2", change: "QI", qty: 30 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(linesOf()).toEqual([
      ["1", "WID-001", 10, 6],
      ["2", "WID-002", 30, 5.25],
    ]);
    const changes = (await connector.audit.findDocuments({ type: "860" })).items;
    expect(changes.map((d) => d.status)).toEqual(["updated", "updated", "updated"]);
  });

  it("a change whose number was applied already with other content is refused, whatever came in between", async () => {
    mailbox.put("PO2011-1.json", bytesOf(make850({ po: "2011" })));
    await connector.runOnce("orders-in");
    for (const [suffix, sequence, qty] of [
      ["a", "3", 40],
      ["b", "1", 30],
      ["c", "3", 50],
    ] as const) {
      mailbox.put(
        changeFileNameOf({ po: "2011" }, suffix),
        bytesOf(make860({ po: "2011", sequence, lines: [{ line: "1", change: "QI", qty }] })),
      );
      await connector.runOnce("orders-in");
    }
    const [third] = (await connector.audit.findDocuments({ type: "860", status: "rejected" })).items;
    expect(third?.reasons[0]).toMatchObject({
      code: "change_number_applied",
      path: "Header.OrderHeader.ChangeOrderSeqNumber",
    });
    expect(linesOf()?.[0]).toEqual(["1", "WID-001", 40, 4.5]);
  });

  it("a change naming a line an earlier change adds waits for that change, then both apply in order", async () => {
    mailbox.put("PO2012-1.json", bytesOf(make850({ po: "2012" })));
    await connector.runOnce("orders-in");
    mailbox.put(
      changeFileNameOf({ po: "2012" }, "2"),
      bytesOf(make860({ po: "2012", sequence: "2", lines: [{ line: "3", change: "QI", qty: 9 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    const [waiting] = (await connector.audit.findDocuments({ type: "860" })).items;
    expect(waiting).toMatchObject({ status: "received", reasons: [{ code: "waiting_for_earlier_change" }] });
    expect(waiting?.reasons[0]?.message).toContain("Line 3 (QI) is not a line of the order");

    mailbox.put(
      changeFileNameOf({ po: "2012" }, "1"),
      bytesOf(
        make860({
          po: "2012",
          sequence: "1",
          lines: [{ line: "3", change: "AI", upc: "012345678929", qty: 6, uom: "EA", price: 12 }],
        }),
      ),
    );
    const outcomes: Record<string, number> = {};
    for (let run = 0; run < 3 && mailbox.files.size > 0; run += 1) {
      for (const [outcome, n] of Object.entries((await connector.runOnce("orders-in")).outcomes)) {
        outcomes[outcome] = (outcomes[outcome] ?? 0) + (n ?? 0);
      }
    }
    expect(outcomes.updated).toBe(2);
    expect(outcomes.rejected).toBeUndefined();
    expect(linesOf()).toEqual([
      ["1", "WID-001", 24, 4.5],
      ["2", "WID-002", 12, 5.25],
      ["3", "GAD-100", 9, 12],
    ]);
  });

  it("a change waiting for an earlier one that never comes is rejected after changeWaitMs with why", async () => {
    mailbox.put("PO2013-1.json", bytesOf(make850({ po: "2013" })));
    await connector.runOnce("orders-in");
    mailbox.put(
      changeFileNameOf({ po: "2013" }, "2"),
      bytesOf(make860({ po: "2013", sequence: "2", lines: [{ line: "3", change: "QI", qty: 9 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    now += 6 * hour;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const [rejected] = (await connector.audit.findDocuments({ type: "860" })).items;
    expect(rejected?.reasons[0]).toMatchObject({
      code: "earlier_change_not_applied",
      path: "LineItem[0].OrderLine.LineSequenceNumber",
    });
    expect(x3.calls.replace).toBe(0);
  });

  it("an earlier change in hand holds a later one for changeWaitMs at most: then the later one goes ahead", async () => {
    mailbox.put("PO2014-1.json", bytesOf(make850({ po: "2014" })));
    await connector.runOnce("orders-in");
    // Change 1 is in hand (its last try stopped before an outcome) but its file is gone.
    await connector.audit.recordDocument({
      direction: "in",
      type: "860",
      flow: "orders-in",
      partnerId: "ACME",
      naturalKey: "860:ACME:2014",
      poNumber: "2014",
      status: "received",
      metadata: { change: { sequence: "1" } },
      fileName: "PC2014-1-v7.7-BulkImport.json",
      payload: bytesOf(make860({ po: "2014", sequence: "1", lines: [{ line: "1", change: "PC", price: 5 }] })),
    });
    mailbox.put(
      changeFileNameOf({ po: "2014" }, "2"),
      bytesOf(make860({ po: "2014", sequence: "2", lines: [{ line: "2", change: "QI", qty: 13 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    now += 6 * hour;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(linesOf()?.[1]).toEqual(["2", "WID-002", 13, 5.25]);
  });

  it("two changes in one listing apply in their sequence, whatever their file names", async () => {
    mailbox.put("PA2005-1.json", bytesOf(make850({ po: "2005" })));
    await connector.runOnce("orders-in");
    mailbox.put(
      "PC2005-a.json",
      bytesOf(make860({ po: "2005", sequence: "2", lines: [{ line: "1", change: "QI", qty: 50 }] })),
    );
    mailbox.put(
      "PC2005-b.json",
      bytesOf(make860({ po: "2005", sequence: "1", lines: [{ line: "2", change: "PC", price: 6 }] })),
    );
    const first = await connector.runOnce("orders-in");
    expect(first.outcomes).toEqual({ updated: 1, waiting: 1 });
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(linesOf()).toEqual([
      ["1", "WID-001", 50, 4.5],
      ["2", "WID-002", 12, 6],
    ]);
  });

  it("an 860 01 received before its 850 closes the order once it exists, and a later change to it is refused", async () => {
    mailbox.put(changeFileNameOf({ po: "2009" }), bytesOf(make860({ po: "2009", purpose: "01", sequence: "1" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ waiting: 1 });
    mailbox.put("PO2009-1.json", bytesOf(make850({ po: "2009" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1, waiting: 1 });
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ cancelled: 1 });
    expect(onlyOrder()?.closed).toBe(true);
    mailbox.put(
      changeFileNameOf({ po: "2009" }, "2"),
      bytesOf(make860({ po: "2009", sequence: "2", lines: [{ line: "1", change: "QI", qty: 99 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const rejected = (await connector.audit.findDocuments({ type: "860", status: "rejected" })).items[0];
    expect(rejected?.reasons[0]?.code).toBe("order_cancelled");
    expect(x3.calls.replace).toBe(0);
  });

  it("an 860 01 closes the order; a later change to it is refused", async () => {
    mailbox.put("PO2006-1.json", bytesOf(make850({ po: "2006" })));
    await connector.runOnce("orders-in");
    mailbox.put(changeFileNameOf({ po: "2006" }), bytesOf(make860({ po: "2006", purpose: "01", sequence: "1" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ cancelled: 1 });
    expect(onlyOrder()?.closed).toBe(true);
    mailbox.put(
      changeFileNameOf({ po: "2006" }, "2"),
      bytesOf(make860({ po: "2006", sequence: "2", lines: [{ line: "1", change: "QI", qty: 99 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const rejected = (await connector.audit.findDocuments({ type: "860", status: "rejected" })).items[0];
    expect(rejected?.reasons[0]?.code).toBe("order_cancelled");
    expect(x3.calls.close).toBe(1);
    expect(x3.calls.replace).toBe(0);
  });

  it("an 860 07 (duplicate) is recorded and ignored: no X3 call, no link to the 850", async () => {
    mailbox.put("PO2017-1.json", bytesOf(make850({ po: "2017" })));
    await connector.runOnce("orders-in");
    mailbox.put(
      changeFileNameOf({ po: "2017" }),
      bytesOf(make860({ po: "2017", purpose: "07", lines: [{ line: "1", change: "QI", qty: 30 }] })),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ duplicate: 1 });
    const duplicate = (await connector.audit.findDocuments({ type: "860" })).items[0];
    expect(duplicate).toMatchObject({ status: "duplicate", x3Key: undefined });
    expect(duplicate?.reasons.map((r) => r.code)).toEqual(["purpose_duplicate"]);
    expect(await connector.audit.linksOf({ kind: "document", id: duplicate?.id ?? "" })).toEqual([]);
    expect(x3.calls.replace).toBe(0);
    expect(linesOf()?.[0]?.[2]).toBe(24);
  });

  it("a change that does not apply (an unknown line, an unknown LineChangeCode) is refused with every reason", async () => {
    mailbox.put("PO2007-1.json", bytesOf(make850({ po: "2007" })));
    await connector.runOnce("orders-in");
    mailbox.put(
      changeFileNameOf({ po: "2007" }),
      bytesOf(
        make860({
          po: "2007",
          lines: [
            { line: "9", change: "QI", qty: 3 },
            { line: "1", change: "ZZ" },
          ],
        }),
      ),
    );
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    const rejected = (await connector.audit.findDocuments({ type: "860" })).items[0];
    expect(rejected?.reasons.map((r) => [r.path, r.code])).toEqual([
      ["LineItem[0].OrderLine.LineSequenceNumber", "unknown_line"],
      ["LineItem[1].OrderLine.LineChangeCode", "unsupported_line_change"],
    ]);
    expect(x3.calls.replace).toBe(0);
  });

  it("an 860 parked by an earlier version is applied by replay", async () => {
    mailbox.put("PO2008-1.json", bytesOf(make850({ po: "2008" })));
    await connector.runOnce("orders-in");
    const parked = await connector.audit.recordDocument({
      direction: "in",
      type: "860",
      flow: "orders-in",
      partnerId: "ACME",
      naturalKey: "file:PC2008-1-v7.7-BulkImport.json",
      poNumber: "2008",
      status: "parked",
      reasons: [{ path: "", code: "not_an_order", message: "parked by an earlier version" }],
      fileName: "PC2008-1-v7.7-BulkImport.json",
      payload: bytesOf(make860({ po: "2008", lines: [{ line: "2", change: "QD", qty: 2 }] })),
    });
    const replayed = await connector.replay(parked.id);
    expect(replayed.outcome).toBe("updated");
    expect(linesOf()?.[1]).toEqual(["2", "WID-002", 2, 5.25]);
    const links = await connector.audit.linksOf({ kind: "document", id: parked.id });
    expect(links.map((link) => link.relation).sort()).toEqual(["revises", "updated"]);
  });

  it("a replayed 860 that must wait for its order is parked with why, and tried again each run until it applies", async () => {
    const parked = await connector.audit.recordDocument({
      direction: "in",
      type: "860",
      flow: "orders-in",
      partnerId: "ACME",
      naturalKey: "file:PC2015-1-v7.7-BulkImport.json",
      poNumber: "2015",
      status: "parked",
      reasons: [{ path: "", code: "not_an_order", message: "parked by an earlier version" }],
      fileName: "PC2015-1-v7.7-BulkImport.json",
      payload: bytesOf(make860({ po: "2015", lines: [{ line: "2", change: "QD", qty: 2 }] })),
    });
    const replayed = await connector.replay(parked.id);
    expect(replayed.outcome).toBe("parked");
    const waiting = await connector.audit.getDocument(parked.id);
    expect(waiting).toMatchObject({ status: "parked", reasons: [{ code: "waiting_for_order" }] });
    expect(waiting?.reasons[0]?.message).toContain("tries it again from its stored bytes");
    // Still waiting: not said again.
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({});
    expect((await connector.audit.getDocument(parked.id))?.status).toBe("parked");

    mailbox.put("PO2015-1.json", bytesOf(make850({ po: "2015" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1, updated: 1 });
    expect((await connector.audit.getDocument(parked.id))?.status).toBe("updated");
    expect(linesOf()?.[1]).toEqual(["2", "WID-002", 2, 5.25]);
  });

  it("a replayed 860 whose order never comes is rejected after changeWaitMs", async () => {
    const parked = await connector.audit.recordDocument({
      direction: "in",
      type: "860",
      flow: "orders-in",
      partnerId: "ACME",
      naturalKey: "file:PC2016-1-v7.7-BulkImport.json",
      poNumber: "2016",
      status: "parked",
      reasons: [{ path: "", code: "not_an_order", message: "parked by an earlier version" }],
      fileName: "PC2016-1-v7.7-BulkImport.json",
      payload: bytesOf(make860({ po: "2016", lines: [{ line: "2", change: "QD", qty: 2 }] })),
    });
    expect((await connector.replay(parked.id)).outcome).toBe("parked");
    now += 6 * hour;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    expect((await connector.audit.getDocument(parked.id))?.reasons[0]?.code).toBe("order_not_found");
  });

  it("waiting replays beyond the first page are tried too: 130 replayed 860s rejected in one run after changeWaitMs", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 130; i += 1) {
      const po = String(3000 + i);
      const fileName = `PC${po}-1-v7.7-BulkImport.json`;
      const parked = await connector.audit.recordDocument({
        direction: "in",
        type: "860",
        flow: "orders-in",
        partnerId: "ACME",
        naturalKey: `file:${fileName}`,
        poNumber: po,
        status: "parked",
        reasons: [{ path: "", code: "not_an_order", message: "parked by an earlier version" }],
        fileName,
        payload: bytesOf(make860({ po, lines: [{ line: "2", change: "QD", qty: 2 }] })),
      });
      expect((await connector.replay(parked.id)).outcome).toBe("parked");
      ids.push(parked.id);
    }
    now += 6 * hour;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 130 });
    for (const id of ids) expect((await connector.audit.getDocument(id))?.status).toBe("rejected");
  });

  it("a changed line's groups that do not reach X3 (its Notes, say) are audit warnings, never dropped in silence", async () => {
    mailbox.put("PO2400-1.json", bytesOf(make850({ po: "2400" })));
    await connector.runOnce("orders-in");
    const change = make860({ po: "2400", lines: [{ line: "2", change: "QI", qty: 15 }] }) as {
      LineItem: Record<string, unknown>[];
    };
    const note = { NoteCode: "GEN", Note: "Pack in one carton" };
    (change.LineItem[0] as Record<string, unknown>).Notes = [note];
    mailbox.put(changeFileNameOf({ po: "2400" }), bytesOf(change));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(linesOf()?.[1]).toEqual(["2", "WID-002", 15, 5.25]);
    const [changed] = (await connector.audit.findDocuments({ type: "860", poNumber: "2400" })).items;
    const warnings = (changed?.metadata?.warnings ?? []) as { path: string; code: string; message: string }[];
    expect(warnings.filter((warning) => warning.code === "change_not_applied")).toEqual([
      {
        path: "LineItem[0].Notes",
        code: "change_not_applied",
        message:
          "Notes of line 2 changed: not applied to the Sage X3 order (no X3 field is mapped from a line's Notes); kept on the order as changed.",
      },
    ]);

    // The same note restated by a later change is no change: no warning.
    const again = make860({ po: "2400", sequence: "2", lines: [{ line: "2", change: "QI", qty: 16 }] }) as {
      LineItem: Record<string, unknown>[];
    };
    (again.LineItem[0] as Record<string, unknown>).Notes = [note];
    mailbox.put(changeFileNameOf({ po: "2400" }, "2"), bytesOf(again));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    const latest = (await connector.audit.findDocuments({ type: "860", poNumber: "2400" })).items.find(
      (document) => document.id !== changed?.id,
    );
    expect(latest?.status).toBe("updated");
    expect(
      ((latest?.metadata?.warnings ?? []) as { code: string }[]).filter((w) => w.code === "change_not_applied"),
    ).toEqual([]);
  });
});
