import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import { type SageX3Sandbox, startSageX3Sandbox } from "@ml-connector/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { createSageX3OrderGateway, planLineEdit, salesLineFields } from "../../src/index.js";
import type { OrderDraft } from "../../src/ports/order-gateway.js";

let x3: SageX3Sandbox | undefined;
afterEach(async () => {
  await x3?.close();
  x3 = undefined;
});

type Line = { SOPLIN: number; ITMREF: string; QTY: number; GROPRI: number; SOQSTA: number; DEMDLVDAT?: string };

function draft(lines: [item: string, qty: number, price?: number][], date = "2026-12-01"): OrderDraft {
  return {
    kind: "sales",
    counterparty: "C0001",
    site: "US01",
    orderType: "SON",
    currency: "USD",
    poNumber: "PO-CHG",
    requestedDeliveryDate: date,
    lines: lines.map(([itemRef, quantity, unitPrice], index) => ({
      sourceLine: String(index + 1),
      itemRef,
      quantity,
      unit: "EA",
      unitPrice,
    })),
  };
}

async function start() {
  x3 = await startSageX3Sandbox();
  const client = createSageX3Client({
    serverUrl: x3.baseUrl,
    endpoint: x3.endpoint,
    auth: { mode: "basic", ...x3.credentials.basic },
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
  });
  return { x3, client };
}

const linesOf = (sandbox: SageX3Sandbox, key: string) => (sandbox.data.get("SORDER", key)?.SOHSOP ?? []) as Line[];

describe("a whole-order change is one $edit planned against the order as X3 has it", () => {
  it("plans kept, changed, added, removed and closed lines", () => {
    const current = [
      { $uuid: "u1", SOPLIN: 1000, ITMREF: "A", QTY: 5, GROPRI: 1 },
      { $uuid: "u2", SOPLIN: 2000, ITMREF: "B", QTY: 5, GROPRI: 1 },
      { $uuid: "u3", SOPLIN: 3000, ITMREF: "C", QTY: 5, GROPRI: 1 },
      { $uuid: "u4", SOPLIN: 4000, ITMREF: "D", QTY: 5, GROPRI: 1, DLVQTY: 2 },
      { $uuid: "u5", SOPLIN: 5000, ITMREF: "E", QTY: 5, GROPRI: 1, SOQSTA: 3 },
    ];
    const wanted = [
      { sourceLine: "1", properties: { ITMREF: "A", QTY: 5, GROPRI: 1 } },
      { sourceLine: "2", properties: { ITMREF: "B", QTY: 7, GROPRI: 1.5 } },
      { sourceLine: "6", properties: { ITMREF: "F", QTY: 1 } },
    ];
    const edit = planLineEdit(current, wanted, salesLineFields);
    expect(edit).toMatchObject({ kept: 1, changed: 1, added: 1, removed: 1, closed: 1 });
    expect(edit.lines).toEqual([
      { $uuid: "u2", SOPLIN: 2000, QTY: 7, GROPRI: 1.5 },
      { ITMREF: "F", QTY: 1 },
      { $uuid: "u3", SOPLIN: 3000, $isDeleted: true },
      { $uuid: "u4", SOPLIN: 4000, SOQSTA: 3 },
    ]);
  });

  it("pairs by the retailer's line number when X3 keeps it", () => {
    const current = [
      { $uuid: "u1", SOPLIN: 1000, ITMREF: "A", QTY: 5, ZSRCLIN: "10" },
      { $uuid: "u2", SOPLIN: 2000, ITMREF: "A", QTY: 6, ZSRCLIN: "20" },
    ];
    const wanted = [{ sourceLine: "20", properties: { ITMREF: "A", QTY: 6, ZSRCLIN: "20" } }];
    const edit = planLineEdit(current, wanted, salesLineFields, { sourceLineField: "ZSRCLIN" });
    expect(edit.lines).toEqual([{ $uuid: "u1", SOPLIN: 1000, $isDeleted: true }]);
  });

  it("over HTTP: X3 ends exactly as the last word says, no duplicated or orphaned line; again is a no-op", async () => {
    const { x3, client } = await start();
    const gateway = createSageX3OrderGateway(client);
    const order = await gateway.create(
      draft([
        ["WID-001", 10, 4.4],
        ["GAD-100", 2],
        ["GIZ-200", 3],
      ]),
    );
    const lineNumbers = linesOf(x3, order.key).map((line) => line.SOPLIN);
    x3.data.allocate(order.key, { 3000: 1 });
    x3.data.deliver(order.key, { lines: { 3000: 1 } });

    const puts = x3.counters.get(x3.routes.update) ?? 0;
    // Quantity and price change on line 1, line 2 deleted, line 3 (partly delivered) dropped, one line added.
    const edited = draft(
      [
        ["WID-001", 12, 4.2],
        ["WID-002", 5, 5],
      ],
      "2026-12-08",
    );
    await gateway.replace(order, edited);
    expect(x3.counters.get(x3.routes.update)).toBe(puts + 1);
    expect(
      linesOf(x3, order.key).map((line) => [line.SOPLIN, line.ITMREF, line.QTY, line.GROPRI, line.SOQSTA]),
    ).toEqual([
      [1000, "WID-001", 12, 4.2, 1],
      [3000, "GIZ-200", 3, expect.any(Number), 3],
      [4000, "WID-002", 5, 5, 1],
    ]);
    expect(linesOf(x3, order.key).map((line) => line.SOPLIN)).toContain(lineNumbers[0]);
    expect(x3.data.get("SORDER", order.key)?.DEMDLVDAT).toBe("2026-12-08");
    expect(linesOf(x3, order.key).find((line) => line.SOPLIN === 1000)?.DEMDLVDAT).toBe("2026-12-08");

    // The same edit again: nothing left to change, no PUT.
    await gateway.replace(order, edited);
    expect(x3.counters.get(x3.routes.update)).toBe(puts + 1);
  });

  it("a line edited away meanwhile: X3 refuses the stale $uuid, the gateway reads again and applies the change", async () => {
    const { x3, client } = await start();
    const gateway = createSageX3OrderGateway(client);
    const order = await gateway.create(
      draft([
        ["WID-001", 10],
        ["GAD-100", 2],
      ]),
    );
    const [, second] = linesOf(x3, order.key) as (Line & { AUUID: string })[];
    let interfered = false;
    const racing: SageX3Client = {
      ...client,
      async update(className, key, changes, options) {
        if (!interfered) {
          interfered = true; // someone in X3 deletes line 2000 between our read and our write
          await client.update("SORDER", key, { SOHSOP: [{ $uuid: second?.AUUID, $isDeleted: true }] });
        }
        return client.update(className, key, changes, options);
      },
    };
    await createSageX3OrderGateway(racing).replace(
      order,
      draft([
        ["WID-001", 10],
        ["GAD-100", 4],
      ]),
    );
    expect(linesOf(x3, order.key).map((line) => [line.ITMREF, line.QTY])).toEqual([
      ["WID-001", 10],
      ["GAD-100", 4],
    ]);
  });

  it("the run's AbortSignal reaches every X3 call: an aborted run sends nothing", async () => {
    const { x3, client } = await start();
    const gateway = createSageX3OrderGateway(client);
    const order = await gateway.create(draft([["WID-001", 1]]));
    const stopped = new AbortController();
    stopped.abort();
    const before = {
      ...Object.fromEntries(Object.values(x3.routes).map((route) => [route, x3.counters.get(route) ?? 0])),
    };
    await expect(gateway.find("sales", "C0001", "PO-CHG", stopped.signal)).rejects.toThrow();
    await expect(gateway.create(draft([["WID-001", 1]]), stopped.signal)).rejects.toThrow();
    await expect(gateway.replace(order, draft([["WID-001", 2]]), stopped.signal)).rejects.toThrow();
    await expect(gateway.close(order, stopped.signal)).rejects.toThrow();
    const after = Object.fromEntries(Object.values(x3.routes).map((route) => [route, x3.counters.get(route) ?? 0]));
    expect(after).toEqual(before);
    expect(linesOf(x3, order.key).map((line) => line.QTY)).toEqual([1]);
  });

  it("a purchase order: created with its requested date per line, replaced line by line, closed by a cancel", async () => {
    const { x3, client } = await start();
    const gateway = createSageX3OrderGateway(client);
    const purchase = (lines: [string, number, number?][], date: string): OrderDraft => ({
      ...draft(lines, date),
      kind: "purchase",
      counterparty: "S0001",
      orderType: "PO",
    });
    const order = await gateway.create(
      purchase(
        [
          ["WID-001", 10, 2],
          ["GAD-100", 4, 3],
        ],
        "2026-12-01",
      ),
    );
    expect(order.kind).toBe("purchase");
    type PoLine = { POPLIN: number; ITMREF: string; QTYUOM: number; GROPRI: number; EXTRCPDAT: string };
    const poLines = () => (x3.data.get("PORDER", order.key)?.POHPOP ?? []) as PoLine[];
    expect(poLines().map((line) => [line.POPLIN, line.ITMREF, line.EXTRCPDAT])).toEqual([
      [1000, "WID-001", "2026-12-01"],
      [2000, "GAD-100", "2026-12-01"],
    ]);
    expect(x3.data.get("PORDER", order.key)?.ORDREF).toBe("PO-CHG");

    await gateway.replace(
      order,
      purchase(
        [
          ["WID-001", 12, 2],
          ["GIZ-200", 1, 9],
        ],
        "2026-12-05",
      ),
    );
    expect(poLines().map((line) => [line.POPLIN, line.ITMREF, line.QTYUOM, line.GROPRI, line.EXTRCPDAT])).toEqual([
      [1000, "WID-001", 12, 2, "2026-12-05"],
      [3000, "GIZ-200", 1, 9, "2026-12-05"],
    ]);

    await gateway.close(order);
    expect(x3.data.get("PORDER", order.key)?.CLEFLG).toBe(2);
  });
});
