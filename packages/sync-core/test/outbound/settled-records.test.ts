import { describe, expect, it } from "vitest";
import { readWindowCursor } from "../../src/flows/outbound/change-window.js";
import { useOutboundSystems } from "./support/over-http.js";

const oneLine = [{ vendorPart: "WID-001", buyerPart: "B-1001", qty: 24, price: 4.5 }];

const start = useOutboundSystems();

describe("settled X3 records: a posted invoice already handled is not read in detail again", () => {
  it("the re-read of the look-back span skips the $details of posted invoices sent; an unposted one is read again, and sent once posted", async () => {
    const s = await start();
    const [first, second] = await s.receive({ po: "7101", lines: oneLine }, { po: "7102", lines: oneLine });
    if (!first || !second) throw new Error("orders missing");
    for (const order of [first, second]) s.x3.data.allocate(order, { 1000: 24 });
    const posted = s.x3.data.invoice(String(s.x3.data.deliver(first, { lines: { 1000: 24 } }).SDHNUM));
    const waiting = s.x3.data.invoice(String(s.x3.data.deliver(second, { lines: { 1000: 24 } }).SDHNUM), {
      post: false,
    });
    s.tick();
    expect((await s.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    const cursor = await readWindowCursor(s.stores.cursors, { flow: "invoices-out", source: "sage-x3:SEED:SINVOICE" });
    expect(cursor?.settled).toEqual([posted.NUM]);
    expect(Object.keys(cursor?.seen ?? {}).sort()).toEqual([posted.NUM, waiting.NUM].sort());
    // Key and UPDDATTIM identify the posted one: its version is not hashed, and the cursor keeps no hash of it.
    expect(Object.keys(cursor?.versions ?? {})).toEqual([waiting.NUM]);

    // Inside the 2-minute look-back, both are listed again: only the unposted one is read in detail.
    s.x3.counters.reset();
    s.tick(10_000);
    expect((await s.connector.runOnce("invoices-out")).documents).toBe(0);
    expect(s.x3.counters.get(s.x3.routes.query)).toBe(1);
    expect(s.x3.counters.get(s.x3.routes.details)).toBe(1);

    // Posted now: a new UPDDATTIM, read, sent once; the first is still not read again.
    s.x3.data.postInvoice(String(waiting.NUM));
    s.tick();
    s.x3.counters.reset();
    expect((await s.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    expect(s.inbound().map((file) => file.name)).toEqual([
      `IN${String(posted.NUM)}-1-v7.7-BulkImport.json`,
      `IN${String(waiting.NUM)}-1-v7.7-BulkImport.json`,
    ]);
    // Its invoice, its order and its delivery; nothing of the invoice sent before.
    expect(s.x3.counters.get(s.x3.routes.details)).toBe(3);
  });
});
