import { readFile } from "node:fs/promises";
import { bytesOf, changeFileNameOf, make850, make860 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { useSystems } from "../support/run.js";

const start = useSystems();

type Line = { SOPLIN: number; ITMREF: string; QTY: number; ZSRCLIN?: string };
type Ack = { LineItem: { OrderLine: { LineSequenceNumber?: string; OrderQty?: number } }[] };

/** An 850 whose two lines order the same item, numbered 10 and 20 by the retailer. */
function twoLinesOfOneItem(po: string) {
  const order = make850({
    po,
    lines: [
      { vendorPart: "WID-001", qty: 5 },
      { vendorPart: "WID-001", qty: 7 },
    ],
  });
  const items = order.LineItem as { OrderLine: { LineSequenceNumber: string } }[];
  items.forEach((item, index) => {
    item.OrderLine.LineSequenceNumber = String((index + 1) * 10);
  });
  return order;
}

describe("sageX3.sourceLineField in the config file", () => {
  it("the X3 lines keep the retailer's line numbers in that field; an 860 and the 855 find the lines by it", async () => {
    const s = await start({
      edit: (config) => {
        (config.sageX3 as Record<string, unknown>).sourceLineField = "ZSRCLIN";
      },
    });
    s.x3.clock.advance(-10_000);
    const po = "7101";
    s.sps.mailbox.putOutbound(`PO${po}-1-v7.7-BulkImport.json`, bytesOf(twoLinesOfOneItem(po)));
    expect((await s.cli("sync", "--once", "--flow", "orders-in")).code).toBe(0);
    const [order] = s.x3.data.list("SORDER");
    const key = String(order?.SOHNUM);
    const lines = () =>
      ((s.x3.data.get("SORDER", key)?.SOHSOP ?? []) as Line[]).map((l) => [l.SOPLIN, l.ITMREF, l.QTY, l.ZSRCLIN]);
    expect(lines()).toEqual([
      [1000, "WID-001", 5, "10"],
      [2000, "WID-001", 7, "20"],
    ]);

    // The retailer deletes line 10. Both lines order WID-001: only the field says which X3 line is line 10 (by item,
    // X3's first line would take line 20's quantity and its second line would go).
    s.sps.mailbox.putOutbound(
      changeFileNameOf({ po }),
      bytesOf(make860({ po, sequence: "1", lines: [{ line: "10", change: "DI" }] })),
    );
    expect((await s.cli("sync", "--once", "--flow", "orders-in")).code).toBe(0);
    expect(lines()).toEqual([[2000, "WID-001", 7, "20"]]);

    // acks-out reads the field back: the 855 line is the retailer's line 20.
    s.x3.clock.advance(1_000);
    s.x3.data.allocate(key);
    const acks = await s.cli("sync", "--once", "--flow", "acks-out");
    expect(acks.code).toBe(0);
    const file = s.sps.mailbox.inbound().find((f) => f.name.startsWith(`PR${key}-`));
    const ack = JSON.parse(new TextDecoder().decode(file?.content)) as Ack;
    expect(ack.LineItem.map((item) => [item.OrderLine.LineSequenceNumber, item.OrderLine.OrderQty])).toEqual([
      ["20", 7],
    ]);
  });

  it("a field the connector writes itself is a configuration error at its line and column (exit 2)", async () => {
    const s = await start({
      edit: (config) => {
        (config.sageX3 as Record<string, unknown>).sourceLineField = "QTY";
      },
    });
    const result = await s.cli("sync", "--once");
    expect(result.code).toBe(2);
    const text = (await readFile(s.configPath, "utf8")).split("\n");
    const line = text.findIndex((l) => l.includes('"sourceLineField"'));
    const column = (text[line] ?? "").indexOf('"QTY"') + 1;
    expect(result.stderr).toContain(
      `sageX3.sourceLineField: QTY is a line field the connector writes or reads itself: name the field your installation added for the retailer's line number (e.g. ZSRCLIN). (line ${line + 1}, column ${column})`,
    );
  });
});
