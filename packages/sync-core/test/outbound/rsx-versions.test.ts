import { parseRsx } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import { useOutboundSystems } from "./support/over-http.js";

const start = useOutboundSystems();

describe("a partner on RSX 7.6 (Sage X3 and SPS sandboxes over HTTP)", () => {
  it("its 855, 856 and 810 are written in 7.6, named -v7.6-, and accepted by SPS's upload validation", async () => {
    const s = await start();
    const [order] = await s.receive({ po: "7601" });
    if (!order) throw new Error("order missing");
    const acme = await s.stores.mappings.getPartner("ACME");
    if (!acme) throw new Error("ACME is not mapped");
    expect(acme.rsxVersion).toBe("7.7");
    await s.stores.mappings.upsertPartner({ ...acme, rsxVersion: "7.6" });
    s.x3.data.allocate(order);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const delivery = s.x3.data.deliver(order, {
      lines: { 1000: 24, 2000: 12 },
      carrier: "UPSN",
      billOfLading: "BOL-7601",
    });
    s.tick();
    expect((await s.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    const invoice = s.x3.data.invoice(String(delivery.SDHNUM));
    s.tick();
    expect((await s.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });

    const files = s.inbound();
    expect(files.map((file) => [file.name, file.status])).toEqual([
      [`PR${order}-1-v7.6-BulkImport.json`, "accepted"],
      [`SH${String(delivery.SDHNUM)}-1-v7.6-BulkImport.json`, "accepted"],
      [`IN${String(invoice.NUM)}-1-v7.6-BulkImport.json`, "accepted"],
    ]);
    for (const file of files) {
      const parsed = parseRsx(file.text, { fileName: file.name });
      expect(parsed.ok && parsed.version).toBe("7.6");
    }
    // The 855 in the 7.6 layout: singular `Date` group and `PurchaseOrderTypeCode`, where 7.7 has `Dates` and
    // `PrimaryPOTypeCode` (this 856 and 810 hold nothing whose name differs between the two).
    const ack = JSON.parse(files[0]?.text ?? "{}") as { Header: Record<string, Record<string, unknown>> };
    expect(Object.keys(ack.Header)).toContain("Date");
    expect(Object.keys(ack.Header)).not.toContain("Dates");
    expect(ack.Header.OrderHeader).toHaveProperty("PurchaseOrderTypeCode", "SA");
    const posted = await s.stores.audit.findDocuments({ direction: "out" });
    expect(posted.items.map((document) => document.fileName).sort()).toEqual(files.map((file) => file.name).sort());
  });
});
