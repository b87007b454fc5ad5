import {
  bytesOf,
  changeFileNameOf,
  fileNameOf,
  make850,
  make860,
  type OrderSpec,
  withSupplyPartner,
} from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { sandboxMappings, useSystems } from "../support/systems.js";

// A buy-side partner (`orderKind: "purchase"`): its 850s are purchase orders placed with X3 supplier S0001, so they
// become X3 purchase orders (PORDER), changed by 860s and 05 replaces, closed by an 01, all over real HTTP.

// SUPPLY buys from us: its 850s become X3 purchase orders, its ship-to locations receiving sites.
const purchaseMappings = withSupplyPartner(sandboxMappings);
const start = useSystems({ connector: { mappings: purchaseMappings } });

type PurchaseLine = {
  POPLIN: number;
  ITMREF: string;
  QTYUOM: number;
  GROPRI: number;
  LINSTA: number;
  EXTRCPDAT?: string;
  PRHFCY?: string;
};

const spec = (extra: Partial<OrderSpec> = {}): OrderSpec => ({ partnerId: "SUPPLY", po: "B-100", ...extra });

describe("a buy-side partner over real HTTP: 850, 860, 05, 01 on an X3 purchase order", () => {
  it("creates the PORDER with receiving site and receipt dates, applies each change exactly, then closes it", async () => {
    const s = await start();
    const lines = () => {
      const [order] = s.x3.data.list("PORDER");
      return ((order?.POHPOP ?? []) as PurchaseLine[]).map((line) => [
        line.POPLIN,
        line.ITMREF,
        line.QTYUOM,
        line.GROPRI,
        line.LINSTA,
        line.EXTRCPDAT,
        line.PRHFCY,
      ]);
    };

    s.sps.mailbox.putOutbound(fileNameOf(spec()), bytesOf(make850(spec())));
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(s.x3.data.list("SORDER")).toEqual([]);
    const [created] = s.x3.data.list("PORDER");
    expect(created).toMatchObject({ BPSNUM: "S0001", POHFCY: "US01", ORDREF: "B-100", CUR: "USD", CLEFLG: 1 });
    expect(lines()).toEqual([
      [1000, "WID-001", 24, 4.5, 1, "2026-12-01", "US02"],
      [2000, "WID-002", 12, 5.25, 1, "2026-12-01", "US02"],
    ]);
    const key = String(created?.POHNUM);

    // 860: quantity up on line 1, new price on line 2, a line added, a new date and ship-to.
    const change1 = { partnerId: "SUPPLY", po: "B-100", sequence: "1", requestedDate: "2026-12-09", shipTo: "0001" };
    s.sps.mailbox.putOutbound(
      changeFileNameOf(change1),
      bytesOf(
        make860({
          ...change1,
          lines: [
            { line: "1", change: "QI", qty: 30 },
            { line: "2", change: "PC", price: 5.5 },
            { line: "3", change: "AI", upc: "012345678929", qty: 6, uom: "EA", price: 12 },
          ],
        }),
      ),
    );
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(lines()).toEqual([
      [1000, "WID-001", 30, 4.5, 1, "2026-12-09", "US01"],
      [2000, "WID-002", 12, 5.5, 1, "2026-12-09", "US01"],
      [3000, "GAD-100", 6, 12, 1, "2026-12-09", "US01"],
    ]);

    // 860: line 1 deleted.
    const change2 = { partnerId: "SUPPLY", po: "B-100", sequence: "2" };
    s.sps.mailbox.putOutbound(
      changeFileNameOf(change2, "2"),
      bytesOf(make860({ ...change2, lines: [{ line: "1", change: "DI" }] })),
    );
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(lines().map(([number, item, qty]) => [number, item, qty])).toEqual([
      [2000, "WID-002", 12],
      [3000, "GAD-100", 6],
    ]);

    // 05 replace: the retailer's last word is one line of WID-002.
    const replace = spec({ purpose: "05", lines: [{ vendorPart: "WID-002", qty: 5, uom: "EA", price: 5 }] });
    s.sps.mailbox.putOutbound(fileNameOf(replace, "3"), bytesOf(make850(replace)));
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(lines()).toEqual([[2000, "WID-002", 5, 5, 1, "2026-12-01", "US02"]]);

    // 01 cancel closes it.
    const cancel = spec({ purpose: "01" });
    s.sps.mailbox.putOutbound(fileNameOf(cancel, "4"), bytesOf(make850(cancel)));
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ cancelled: 1 });
    expect(s.x3.data.list("PORDER")).toHaveLength(1);
    expect(s.x3.data.get("PORDER", key)?.CLEFLG).toBe(2);
    expect(s.sps.mailbox.paths("out")).toEqual([]);

    const chain = await s.connector.audit.chain({ poNumber: "B-100", partnerId: "SUPPLY" });
    expect(chain.documents.map((d) => [d.type, d.status])).toEqual([
      ["850", "created"],
      ["860", "updated"],
      ["860", "updated"],
      ["850", "updated"],
      ["850", "cancelled"],
    ]);
    expect(chain.records).toEqual([{ entity: "PORDER", key }]);
  });
});
