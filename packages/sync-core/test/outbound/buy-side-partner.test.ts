import { bytesOf, fileNameOf, make850, type OrderSpec, withSupplyPartner } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { sandboxMappings, useOutboundSystems } from "./support/over-http.js";

// A buy-side partner (`orderKind: "purchase"`): its 850s become X3 purchase orders, on which this company is the
// buyer. The 855, 856 and 810 are the seller's documents, so the outbound flows send that partner nothing, while a
// sales partner's order handled in the same runs is answered as usual.

const start = useOutboundSystems();

// SUPPLY buys from us: its 850s become X3 purchase orders, its ship-to locations receiving sites.
const mappings = withSupplyPartner(sandboxMappings);

type PurchaseLine = { POPLIN: number; QTYUOM: number; RCPQTYPUU?: number };

describe("a buy-side partner gets no 855, 856 or 810 (both sandboxes over HTTP)", () => {
  it("its PORDER, received in X3, sends nothing to SPS while the sales partner's order gets its 855, 856 and 810", async () => {
    const s = await start({ mappings });
    const posted: string[] = [];
    s.connector.on((event) => {
      if (event.type === "document.posted") posted.push(`${event.flow}:${event.fileName}`);
    });

    // One 850 from each partner, in the same orders-in run.
    const sales: OrderSpec = { po: "S-1" };
    const purchase: OrderSpec = { partnerId: "SUPPLY", po: "B-1" };
    for (const spec of [sales, purchase]) s.sps.mailbox.putOutbound(fileNameOf(spec), bytesOf(make850(spec)));
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ created: 2 });
    const [salesOrder] = s.x3.data.list("SORDER");
    const [purchaseOrder] = s.x3.data.list("PORDER");
    expect(salesOrder).toMatchObject({ BPCORD: "C0001", CUSORDREF: "S-1" });
    expect(purchaseOrder).toMatchObject({ BPSNUM: "S0001", ORDREF: "B-1", POHFCY: "US01" });
    const salesKey = String(salesOrder?.SOHNUM);

    // X3 users: the sales order allocated, delivered and invoiced; the purchase order received in full. The sandbox
    // has no purchase receipt or supplier invoice class: the receipt shows as the received quantity on each PO line,
    // which is what a receipt writes back to the order (and it moves the order's UPDDATTIM).
    s.x3.data.allocate(salesKey);
    const poLines = (purchaseOrder?.POHPOP ?? []) as PurchaseLine[];
    expect(poLines.length).toBeGreaterThan(0);
    s.x3.data.put("PORDER", {
      ...purchaseOrder,
      POHPOP: poLines.map((line) => ({ ...line, RCPQTYPUU: line.QTYUOM })),
    });
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const delivery = s.x3.data.deliver(salesKey, { carrier: "UPSN", mode: "ROAD", billOfLading: "BOL-S1" });
    s.tick();
    expect((await s.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    const invoice = s.x3.data.invoice(String(delivery.SDHNUM));
    s.tick();
    expect((await s.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });

    // Another pass of every outbound flow after a user saved the purchase order again: still nothing for it.
    s.x3.data.put("PORDER", { ...s.x3.data.get("PORDER", String(purchaseOrder?.POHNUM)) });
    s.tick();
    for (const flow of ["acks-out", "asns-out", "invoices-out"] as const) {
      expect((await s.connector.runOnce(flow)).outcomes.posted ?? 0).toBe(0);
    }

    // SPS received exactly the sales partner's three documents.
    expect(s.inbound().map((f) => [f.name, f.status])).toEqual([
      [`PR${salesKey}-1-v7.7-BulkImport.json`, "accepted"],
      [`SH${String(delivery.SDHNUM)}-1-v7.7-BulkImport.json`, "accepted"],
      [`IN${String(invoice.NUM)}-1-v7.7-BulkImport.json`, "accepted"],
    ]);
    expect(s.inbound().every((f) => !f.text.includes('"SUPPLY"') && !f.text.includes('"B-1"'))).toBe(true);
    expect(posted).toHaveLength(3);

    // The audit trail: the buy-side partner's only document is its 850, linked to the PORDER; no document out.
    const buySide = await s.stores.audit.findDocuments({ partnerId: "SUPPLY" });
    expect(buySide.items.map((d) => `${d.direction}:${d.type}:${d.status}`)).toEqual(["in:850:created"]);
    expect((await s.stores.audit.findDocuments({ partnerId: "SUPPLY", direction: "out" })).items).toEqual([]);
    expect((await s.stores.audit.findDocuments({ poNumber: "B-1", direction: "out" })).items).toEqual([]);
    const salesChain = await s.stores.audit.chain({ poNumber: "S-1" });
    expect(salesChain.documents.map((d) => `${d.type}:${d.status}`)).toEqual([
      "850:created",
      "855:posted",
      "856:posted",
      "810:posted",
    ]);
  });
});
