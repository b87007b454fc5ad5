import { defineRuleSet, isValidSscc } from "@ml-connector/rsx";
import { acmeMappings } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { type OutboundSystems, useOutboundSystems } from "./support/over-http.js";

const threeLines = [
  { vendorPart: "WID-001", buyerPart: "B-1001", qty: 24, price: 4.5 },
  { vendorPart: "WID-002", buyerPart: "B-1002", qty: 12, price: 5.25 },
  { upc: "012345678929", buyerPart: "B-1003", qty: 5, price: 10 },
];

type Doc = Record<string, unknown> & {
  Header: Record<string, Record<string, unknown> & Record<string, unknown>[]>;
};

function json(s: OutboundSystems, name: string): Doc {
  const file = s.inbound().find((f) => f.name === name);
  if (!file)
    throw new Error(
      `no ${name} in in/: ${s
        .inbound()
        .map((f) => f.name)
        .join(", ")}`,
    );
  return JSON.parse(file.text) as Doc;
}

const ackStatuses = (ack: Doc) =>
  (ack.LineItem as { LineItemAcknowledgement: { ItemStatusCode: string; ItemScheduleQty: number }[] }[]).map((item) =>
    item.LineItemAcknowledgement.map((a) => `${a.ItemStatusCode}:${a.ItemScheduleQty}`),
  );

const packIds = (asn: Doc) =>
  (asn.OrderLevel as { PackLevel: { Pack: { ShippingSerialID: string } }[] }[]).flatMap((level) =>
    level.PackLevel.map((pack) => pack.Pack.ShippingSerialID),
  );

const start = useOutboundSystems();

describe("outbound flows end to end (Sage X3 and SPS sandboxes over HTTP)", () => {
  it("orders-in → allocate in part, reject a line → 855; two deliveries → two 856; an invoice with a charge → 810", async () => {
    const s = await start();
    const posted: string[] = [];
    s.connector.on((event) => {
      if (event.type === "document.posted") posted.push(`${event.flow}:${event.fileName}`);
    });
    const [order, untouched] = await s.receive({ po: "1001", lines: threeLines }, { po: "1002" });
    if (!order || !untouched) throw new Error("orders missing");

    // X3 users: stock for line 1, half of line 2; line 3 closed (rejected).
    s.x3.data.allocate(order, { 1000: 24, 2000: 6, 3000: 0 });
    s.x3.data.changeLines(order, [{ SOPLIN: 3000, SOQSTA: 3 }]);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const ack = json(s, `PR${order}-1-v7.7-BulkImport.json`);
    expect(ack.Header.OrderHeader).toMatchObject({ PurchaseOrderNumber: "1001", AcknowledgementType: "AC" });
    expect(ackStatuses(ack)).toEqual([["IA:24"], ["IA:6", "IB:6"], ["IR:5"]]);

    // Two deliveries for the one order; the order's UPDDATTIM moves but nothing acknowledged changes.
    const first = s.x3.data.deliver(order, {
      lines: { 1000: 10 },
      carrier: "UPSN",
      mode: "ROAD",
      billOfLading: "BOL-1001",
      tracking: "1Z1001",
      grossWeight: 20,
    });
    s.x3.data.deliver(order, { lines: { 1000: 14, 2000: 6 }, carrier: "UPSN", billOfLading: "BOL-1002" });
    s.tick();
    expect((await s.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 2 });
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ unchanged: 1 });
    const asn = json(s, `SH${String(first.SDHNUM)}-1-v7.7-BulkImport.json`);
    expect(asn.Header.ShipmentHeader).toMatchObject({
      BillOfLadingNumber: "BOL-1001",
      ShipmentIdentification: first.SDHNUM,
    });
    expect(asn.Header.CarrierInformation?.[0]).toMatchObject({ CarrierAlphaCode: "UPSN", CarrierTransMethodCode: "M" });
    const ssccs = s
      .inbound()
      .filter((f) => f.name.startsWith("SH"))
      .flatMap((f) => packIds(JSON.parse(f.text) as Doc));
    expect(ssccs).toHaveLength(2);
    expect(new Set(ssccs).size).toBe(2);
    expect(ssccs.every(isValidSscc)).toBe(true);

    // The first delivery invoiced with freight, posted.
    const invoice = s.x3.data.invoice(String(first.SDHNUM), { charges: [{ code: "FREIGHT", amount: 12.5 }] });
    s.tick();
    expect((await s.connector.runOnce("invoices-out")).outcomes).toEqual({ posted: 1 });
    const edi810 = json(s, `IN${String(invoice.NUM)}-1-v7.7-BulkImport.json`);
    expect(edi810.Summary).toMatchObject({ TotalSalesAmount: 45, TotalChargesAmount: 12.5, TotalAmount: 57.5 });
    expect(edi810.Header.PaymentTerms?.[0]).toMatchObject({ TermsNetDueDays: 30 });
    expect(edi810.Header.InvoiceHeader).toMatchObject({ BillOfLadingNumber: "BOL-1001", ShipDate: first.SHIDAT });

    // Every file SPS received validates; the chain of PO 1001 is whole; PO 1002 (not allocated) sent nothing.
    expect(s.inbound().map((f) => [f.name.slice(0, 2), f.status])).toEqual([
      ["PR", "accepted"],
      ["SH", "accepted"],
      ["SH", "accepted"],
      ["IN", "accepted"],
    ]);
    const chain = await s.stores.audit.chain({ poNumber: "1001" });
    expect(chain.documents.map((d) => `${d.type}:${d.status}`)).toEqual([
      "850:created",
      "855:posted",
      "856:posted",
      "856:posted",
      "810:posted",
    ]);
    expect(new Set(chain.records.map((r) => r.entity))).toEqual(new Set(["SORDER", "SDELIVERY", "SINVOICE"]));
    expect((await s.stores.audit.findDocuments({ poNumber: "1002", direction: "out" })).items).toHaveLength(0);
    const flowOf = { PR: "acks-out", SH: "asns-out", IN: "invoices-out" } as Record<string, string>;
    expect(posted.sort()).toEqual(
      s
        .inbound()
        .map((f) => `${flowOf[f.name.slice(0, 2)]}:${f.name}`)
        .sort(),
    );
  });

  it("equal UPDDATTIM values across X3 page boundaries: every order acknowledged once", async () => {
    const s = await start({ maxCount: 2 });
    const keys = await s.receive(...["2001", "2002", "2003", "2004", "2005"].map((po) => ({ po })));
    const at = s.x3.clock.now();
    for (const key of keys) {
      s.x3.clock.set(at);
      s.x3.data.allocate(key);
    }
    const stamps = new Set(keys.map((key) => s.x3.data.get("SORDER", key)?.UPDDATTIM));
    expect(stamps.size).toBe(1);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 5 });
    s.tick();
    expect((await s.connector.runOnce("acks-out")).documents).toBe(0);
    expect(s.inbound()).toHaveLength(5);
    expect(s.inbound().every((f) => f.status === "accepted")).toBe(true);
  });

  it("clock skew of ±2 minutes between X3 and the connector: nothing lost, nothing twice", async () => {
    const s = await start();
    const [ahead, behind] = await s.receive({ po: "3001" }, { po: "3002" });
    if (!ahead || !behind) throw new Error("orders missing");
    // X3 runs 2 minutes ahead of the connector: its fresh stamps are in the connector's future.
    s.clock.offsetMs = -2 * 60_000;
    s.x3.data.allocate(ahead);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).documents).toBe(0);
    s.tick(2 * 60_000);
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    // Now 2 minutes behind.
    s.clock.offsetMs = 2 * 60_000;
    s.x3.data.allocate(behind);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    s.tick();
    expect((await s.connector.runOnce("acks-out")).documents).toBe(0);
    expect(
      s
        .inbound()
        .map((f) => f.name)
        .sort(),
    ).toEqual([`PR${ahead}-1-v7.7-BulkImport.json`, `PR${behind}-1-v7.7-BulkImport.json`].sort());
  });

  it("a crash after the upload and before the ledger write: restart → one file in in/", async () => {
    const s = await start();
    const [order] = await s.receive({ po: "4001" });
    s.x3.data.allocate(order ?? "");
    const delivery = s.x3.data.deliver(order ?? "", { billOfLading: "BOL-4001" });
    s.tick();
    s.afterUpload.hook = () => {
      s.afterUpload.hook = undefined;
      s.crash.crash();
    };
    expect((await s.connector.runOnce("asns-out")).outcomes).toEqual({ failed: 1 });
    expect(s.inbound()).toHaveLength(1);
    s.crash.restart();
    const restarted = s.restart();
    expect((await restarted.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    expect(s.inbound().map((f) => [f.name, f.status])).toEqual([
      [`SH${String(delivery.SDHNUM)}-1-v7.7-BulkImport.json`, "accepted"],
    ]);
    // Serial 1 in the one file, 2 taken ahead by the process that crashed (skipped); the restart took none.
    expect(await s.stores.sequences.current("sscc:0614141")).toBe(2);
    expect((await s.stores.audit.findDocuments({ type: "856" })).items.map((d) => d.status)).toEqual(["posted"]);
  });

  it("a partner rule failure: rejected, not sent; fixed in X3 → replay → accepted by SPS", async () => {
    const rules = defineRuleSet({
      name: "acme",
      documents: { Shipment: { required: ["Header.ShipmentHeader.BillOfLadingNumber"] } },
    });
    const s = await start({ flows: { "asns-out": { partnerRules: { ACME: rules } } } });
    const [order] = await s.receive({ po: "5001" });
    s.x3.data.allocate(order ?? "");
    const delivery = s.x3.data.deliver(order ?? "");
    s.tick();
    expect((await s.connector.runOnce("asns-out")).outcomes).toEqual({ rejected: 1 });
    expect(s.inbound()).toHaveLength(0);
    const [rejected] = (await s.stores.audit.findDocuments({ type: "856", status: "rejected" })).items;
    expect(rejected?.reasons[0]?.path).toBe("Header.ShipmentHeader.BillOfLadingNumber");

    s.x3.data.put("SDELIVERY", { ...delivery, BOLNUM: "BOL-5001" });
    const replayed = await s.connector.replay(rejected?.id ?? "");
    expect(replayed.outcome).toBe("posted");
    expect(s.inbound().map((f) => f.status)).toEqual(["accepted"]);
    expect(json(s, `SH${String(delivery.SDHNUM)}-1-v7.7-BulkImport.json`).Header.ShipmentHeader).toMatchObject({
      BillOfLadingNumber: "BOL-5001",
    });
  });

  it("an order a user keyed in X3: its 856 ships to the partner's location of the X3 address, or is refused naming it", async () => {
    // ACME's locations: 0042 is C0001's address ST042, 0001 is DC01 (one location per address).
    const s = await start({ mappings: acmeMappings });
    const keyed = async (po: string, address?: string) => {
      const key = await s.x3Client.createKey("SORDER", {
        BPCORD: "C0001",
        SALFCY: "US01",
        CUSORDREF: po,
        ...(address ? { BPAADD: address } : {}),
        SOHSOP: [{ ITMREF: "WID-001", QTY: 6, GROPRI: 4.5, SAU: "UN" }],
      });
      s.x3.data.allocate(key);
      return { key, delivery: s.x3.data.deliver(key) };
    };
    const toStore = await keyed("9101", "ST042");
    // Keyed without an address, X3 gives the order the customer's default one (HQ), which ACME has no location for.
    const toHeadOffice = await keyed("9102");
    expect(toHeadOffice.delivery.BPAADD).toBe("HQ");
    s.tick();
    expect((await s.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1, rejected: 1 });

    const asn = json(s, `SH${String(toStore.delivery.SDHNUM)}-1-v7.7-BulkImport.json`);
    expect(asn.Header.Address?.find((address) => address.AddressTypeCode === "ST")).toEqual({
      AddressTypeCode: "ST",
      LocationCodeQualifier: "92",
      AddressLocationNumber: "0042",
    });
    expect(s.inbound().map((f) => f.status)).toEqual(["accepted"]);
    const [refused] = (await s.stores.audit.findDocuments({ type: "856", status: "rejected" })).items;
    expect(refused?.x3Key).toBe(toHeadOffice.delivery.SDHNUM);
    expect(refused?.reasons.map((reason) => reason.code)).toEqual(["unknown_ship_to"]);
    expect(refused?.reasons[0]?.message).toContain("X3 address HQ of customer C0001");
  });
});
