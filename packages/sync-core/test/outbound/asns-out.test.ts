import { isValidSscc } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import { createConnector, createMemoryStores } from "../../src/index.js";
import type { X3Delivery } from "../../src/ports/x3-change-feed.js";
import { MemoryChangeFeed, MemorySink } from "./support/memory-outbound.js";
import { GS1_PREFIX, setupOutbound } from "./support/setup.js";

type Shipment = {
  Header: {
    ShipmentHeader: Record<string, unknown>;
    Address: Record<string, unknown>[];
    CarrierInformation?: Record<string, unknown>[];
  };
  OrderLevel: {
    OrderHeader: Record<string, unknown>;
    PackLevel: { Pack: Record<string, unknown>; ItemLevel: { ShipmentLine: Record<string, unknown> }[] }[];
  }[];
};

function delivery(key: string, orderKey: string, lines: [number, number][], extra: Partial<X3Delivery> = {}) {
  return {
    key,
    orderKey,
    customer: "C0001",
    validated: true,
    shipDate: "2026-11-29",
    site: "US01",
    lines: lines.map(([orderLine, quantity], index) => ({
      lineNumber: (index + 1) * 1000,
      orderKey,
      orderLineNumber: orderLine,
      itemRef: orderLine === 1000 ? "WID-001" : "WID-002",
      quantity,
    })),
    ...extra,
  };
}

const ssccs = (shipment: Shipment) =>
  shipment.OrderLevel.flatMap((level) => level.PackLevel.map((pack) => String(pack.Pack.ShippingSerialID)));

describe("asns-out: 856 from validated X3 deliveries (in-memory systems)", () => {
  it("Order/Pack/Item with SSCC-18, carrier, BOL, PRO, tracking, ship-from and ship-to", async () => {
    const t = setupOutbound({ flows: { "asns-out": { transportModes: { ROAD: "M" } } } });
    const order = await t.receive({ po: "7001" });
    t.salesOrder(order);
    t.feed.putDelivery(
      delivery(
        "SDH0001",
        order,
        [
          [1000, 24],
          [2000, 12],
        ],
        {
          carrier: "UPSN",
          deliveryMode: "ROAD",
          billOfLading: "BOL123",
          proNumber: "PRO9",
          trackingNumber: "1Z999",
          grossWeightLb: 40,
        },
      ),
    );
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    const asn = t.sink.json("in/SHSDH0001-1-v7.7-BulkImport.json") as unknown as Shipment;
    expect(asn.Header.ShipmentHeader).toMatchObject({
      TradingPartnerId: "ACME",
      ShipmentIdentification: "SDH0001",
      ShipDate: "2026-11-29",
      BillOfLadingNumber: "BOL123",
      CarrierProNumber: "PRO9",
    });
    expect(asn.Header.CarrierInformation?.[0]).toMatchObject({ CarrierAlphaCode: "UPSN", CarrierTransMethodCode: "M" });
    expect(asn.Header.Address.map((a) => a.AddressTypeCode)).toEqual(["SF", "ST"]);
    expect(asn.Header.Address[1]).toMatchObject({ AddressLocationNumber: "0042", City: "Chicago" });
    expect(asn.OrderLevel[0]?.OrderHeader).toMatchObject({
      PurchaseOrderNumber: "7001",
      PurchaseOrderDate: "2026-11-20",
    });
    const pack = asn.OrderLevel[0]?.PackLevel[0];
    expect(pack?.Pack.CarrierPackageID).toBe("1Z999");
    expect(pack?.ItemLevel.map((i) => [i.ShipmentLine.BuyerPartNumber, i.ShipmentLine.ShipQty])).toEqual([
      ["B-1001", 24],
      ["B-1002", 12],
    ]);
    const [sscc] = ssccs(asn);
    expect(sscc).toMatch(new RegExp(`^000${GS1_PREFIX}`));
    expect(isValidSscc(sscc ?? "")).toBe(true);
  });

  it("two deliveries for one order: two 856s, every pack a different SSCC, serials never reused", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "7002" });
    t.salesOrder(order, [{ allocated: 24 }, { allocated: 12 }]);
    t.feed.putDelivery(
      delivery("SDH0002", order, [[1000, 10]], {
        packs: [
          { items: [{ lineNumber: 1000, quantity: 6 }], trackingNumber: "T1" },
          { items: [{ lineNumber: 1000, quantity: 4 }], trackingNumber: "T2" },
        ],
      }),
    );
    t.feed.putDelivery(
      delivery("SDH0003", order, [
        [1000, 14],
        [2000, 12],
      ]),
    );
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 2 });
    const first = ssccs(t.sink.json("in/SHSDH0002-1-v7.7-BulkImport.json") as unknown as Shipment);
    const second = ssccs(t.sink.json("in/SHSDH0003-1-v7.7-BulkImport.json") as unknown as Shipment);
    const all = [...first, ...second];
    expect(all).toHaveLength(3);
    expect(new Set(all).size).toBe(3);
    // Three serials used and one taken ahead for the next new carton.
    expect(await t.stores.sequences.current(`sscc:${GS1_PREFIX}`)).toBe(4);

    // A delivery changed after it was sent (a tracking number added): revision 2 keeps the cartons' SSCCs.
    t.feed.putDelivery(
      delivery(
        "SDH0003",
        order,
        [
          [1000, 14],
          [2000, 12],
        ],
        { trackingNumber: "1Z777" },
      ),
    );
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    const revised = t.sink.json("in/SHSDH0003-2-v7.7-BulkImport.json") as unknown as Shipment;
    expect(ssccs(revised)).toEqual(second);
    expect(revised.Header.ShipmentHeader.TsetPurposeCode).toBe("05");
    expect(await t.stores.sequences.current(`sscc:${GS1_PREFIX}`)).toBe(4);
  });

  it("a retried upload reuses the serials it took (no new SSCC for the same cartons)", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "7003" });
    t.salesOrder(order);
    t.feed.putDelivery(delivery("SDH0004", order, [[1000, 24]]));
    t.sink.failNext = 1;
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ failed: 1 });
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    // The one serial used and one taken ahead: the retry took none.
    expect(await t.stores.sequences.current(`sscc:${GS1_PREFIX}`)).toBe(2);
    expect(t.sink.files.size).toBe(1);
  });

  it("an unvalidated delivery waits; validated later, it is sent", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "7004" });
    t.salesOrder(order);
    t.feed.putDelivery(delivery("SDH0005", order, [[1000, 24]], { validated: false }));
    expect((await t.connector.runOnce("asns-out")).documents).toBe(0);
    t.feed.putDelivery(delivery("SDH0005", order, [[1000, 24]]));
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
  });

  it("the delivery is linked to the order it fulfils and the 856 to the delivery it ships", async () => {
    const t = setupOutbound();
    const order = await t.receive({ po: "7005" });
    t.salesOrder(order);
    t.feed.putDelivery(delivery("SDH0006", order, [[1000, 24]]));
    await t.connector.runOnce("asns-out");
    const links = await t.stores.audit.linksOf({ kind: "x3", entity: "SDELIVERY", key: "SDH0006" });
    expect(links.map((l) => l.relation).sort()).toEqual(["fulfils", "ships"]);
  });

  it("asns-out without a GS1 company prefix is a configuration error at once, unless it is disabled", () => {
    const stores = createMemoryStores();
    const parts = { stores, changeFeed: new MemoryChangeFeed(), documentSink: new MemorySink() };
    expect(() => createConnector(parts)).toThrow(/gs1CompanyPrefix/);
    expect(() => createConnector({ ...parts, flows: { "asns-out": { gs1CompanyPrefix: "12AB" } } })).toThrow(
      /7-10 digits/,
    );
    const connector = createConnector({ ...parts, flows: { "asns-out": { enabled: false } } });
    expect(connector.flows).toEqual(["acks-out", "invoices-out"]);
  });
});
