import { describe, expect, it } from "vitest";
import { client, collect, sandbox } from "../helpers.js";

describe("changedSince (UPDDATTIM, then key)", () => {
  it("follows what X3 users do: allocate, deliver, invoice", async () => {
    const x3 = await sandbox({ maxCount: 2, startTime: new Date("2026-11-28T10:00:00Z"), clockRuns: false });
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    const orders = [];
    for (const reference of ["PO-1", "PO-2", "PO-3"]) {
      orders.push(
        await x3Client.create("SORDER", {
          BPCORD: "C0001",
          SALFCY: "US01",
          CUSORDREF: reference,
          SOHSOP: [
            { ITMREF: "WID-001", QTY: 10 },
            { ITMREF: "GIZ-200", QTY: 4 },
          ],
        }),
      );
    }
    x3.clock.advance(1000); // UPDDATTIM has second precision
    const cursor = new Date(x3.clock.now());
    x3.clock.advance(60_000);
    const second = orders[1]?.key ?? "";
    x3.data.allocate(second, { 1000: 6, 2000: 4 });
    const changed = await collect(x3Client.changedSince("SORDER", cursor));
    expect(changed.map((order) => order.SOHNUM)).toEqual([second]);
    expect(changed[0]).toMatchObject({ ALLSTA: 2 });

    const lines = (await x3Client.read("SORDER", second))?.SOHSOP ?? [];
    expect(lines.map((line) => [line.ALLQTY, line.LINALLSTA])).toEqual([
      [6, 2],
      [4, 3],
    ]);

    x3.clock.advance(60_000);
    const delivery = x3.data.deliver(second, { carrier: "UPSN", billOfLading: "BOL1", tracking: "1Z999" });
    const deliveries = await collect(x3Client.changedSince("SDELIVERY", cursor));
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      SDHNUM: delivery.SDHNUM,
      BPTNUM: "UPSN",
      BOLNUM: "BOL1",
      TRKNUM: "1Z999",
      CFMFLG: 2,
    });
    const full = await x3Client.read("SDELIVERY", String(delivery.SDHNUM));
    expect(full?.SDHSDD?.map((line) => [line.SOPLIN, line.QTY])).toEqual([
      [1000, 6],
      [2000, 4],
    ]);

    x3.clock.advance(60_000);
    const invoice = x3.data.invoice(String(delivery.SDHNUM), { charges: [{ code: "FRT", amount: 12.5 }] });
    const invoices = await collect(x3Client.changedSince("SINVOICE", cursor));
    expect(invoices.map((record) => record.NUM)).toEqual([invoice.NUM]);
    expect(invoices[0]).toMatchObject({ INVSTA: 3, AMTNOT: 6 * 4.5 + 4 * 12 + 12.5 });
  });

  it("orders ties on UPDDATTIM by key and pages through them; until is exclusive", async () => {
    const x3 = await sandbox({ maxCount: 3, startTime: new Date("2026-11-28T10:00:00Z"), clockRuns: false });
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    x3.clock.advance(2000); // past the seed's UPDDATTIM
    const start = new Date(x3.clock.now());
    for (const number of ["P9", "P3", "P7", "P1", "P5"]) {
      x3.data.put("ITMMASTER", { ITMREF: number, ITMDES1: number }); // same second: equal UPDDATTIM
    }
    x3.clock.advance(5_000);
    x3.data.put("ITMMASTER", { ITMREF: "P0", ITMDES1: "later" });
    const tied = await collect(x3Client.changedSince("ITMMASTER", start, { until: new Date(start.getTime() + 1000) }));
    expect(tied.map((record) => record.ITMREF)).toEqual(["P1", "P3", "P5", "P7", "P9"]);
    const all = await collect(x3Client.changedSince("ITMMASTER", start));
    expect(all.map((record) => record.ITMREF)).toEqual(["P1", "P3", "P5", "P7", "P9", "P0"]);
    const pages = await collect(x3Client.changedPages("ITMMASTER", start));
    expect(pages.map((page) => page.records.map((record) => record.ITMREF))).toEqual([
      ["P1", "P3", "P5"],
      ["P7", "P9", "P0"],
    ]);
    expect(pages[0]?.nextUrl).toContain("key=gt.");
    expect(pages[1]?.nextUrl).toBeUndefined();
  });
});
