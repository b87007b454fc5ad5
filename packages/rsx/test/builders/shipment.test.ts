import { describe, expect, it } from "vitest";
import {
  buildShipment,
  commonRules,
  isValidSscc,
  RsxBuildError,
  type ShipmentOptions,
  validateRsx,
} from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

const { order } = orderFixture("CrossDock");
const base: ShipmentOptions = {
  shipmentId: "DLV-9",
  shipDate: "2026-03-09",
  gs1CompanyPrefix: "0614141",
  extensionDigit: 3,
  shipFrom: { AddressName: "Northwind DC", City: "Dayton" },
  packs: [
    { serial: 1, items: [{ line: "1", quantity: 20 }], weightLb: 10.25, markForLocation: "0187" },
    {
      serial: 2,
      items: [
        { line: "1", quantity: 16 },
        { line: "3", quantity: 60 },
      ],
      weightLb: 12.5,
      trackingNumber: "1Z1",
    },
  ],
};

describe("buildShipment", () => {
  it("builds Shipment / Order / Pack / Item with SSCC-18 pack ids", () => {
    const shipment = buildShipment(order, base);
    expect(shipment.Header.ShipmentHeader).toMatchObject({
      TradingPartnerId: "ACMALLRETAIL01",
      ShipmentIdentification: "DLV-9",
      ShipDate: "2026-03-09",
      ShipNoticeDate: "2026-03-09",
      ASNStructureCode: "0001",
    });
    expect(shipment.Header.Address?.map((a) => a.AddressTypeCode)).toEqual(["SF", "ST"]);
    expect(shipment.Header.Address?.[1]?.AddressLocationNumber).toBe("0614141000036");
    expect(shipment.Header.QuantityAndWeight).toEqual([
      { PackingMedium: "CTN", LadingQuantity: 2, WeightQualifier: "G", Weight: 22.75, WeightUOM: "LB" },
    ]);
    const level = shipment.OrderLevel?.[0];
    expect(level?.OrderHeader).toMatchObject({
      PurchaseOrderNumber: "4500012346",
      PurchaseOrderDate: "2026-03-02",
      ReleaseNumber: "R-0007",
    });
    const packs = level?.PackLevel ?? [];
    expect(packs).toHaveLength(2);
    expect(packs[0]?.Pack?.ShippingSerialID).toBe("00306141410000000013");
    for (const pack of packs) {
      expect(pack.Pack?.ShippingSerialID).toMatch(/^00\d{18}$/);
      expect(isValidSscc(pack.Pack?.ShippingSerialID ?? "")).toBe(true);
    }
    expect(packs[0]?.Address).toEqual([
      { AddressTypeCode: "Z7", LocationCodeQualifier: "92", AddressLocationNumber: "0187" },
    ]);
    expect(packs[1]?.Pack?.CarrierPackageID).toBe("1Z1");
    expect(
      packs[1]?.ItemLevel?.map((i) => [
        i.ShipmentLine?.LineSequenceNumber,
        i.ShipmentLine?.ShipQty,
        i.ShipmentLine?.BuyerPartNumber,
      ]),
    ).toEqual([
      ["1", 16, "ACM-200410"],
      ["3", 60, "ACM-200412"],
    ]);
    expect(shipment.Summary).toEqual({ TotalOrders: 1, TotalLineItemNumber: 3 });
    const result = validateRsx("Shipment", shipment, { rules: commonRules, related: { order } });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("refuses over-shipping, unknown lines, empty packs and a missing ship-to", () => {
    expect(() =>
      buildShipment(order, { ...base, packs: [{ serial: 1, items: [{ line: "1", quantity: 37 }] }] }),
    ).toThrow(/37 shipped but only 36/);
    expect(() =>
      buildShipment(order, { ...base, packs: [{ serial: 1, items: [{ line: "X", quantity: 1 }] }] }),
    ).toThrow(RsxBuildError);
    expect(() => buildShipment(order, { ...base, packs: [{ serial: 1, items: [] }] })).toThrow(/empty/);
    expect(() => buildShipment(order, { ...base, packs: [] })).toThrow(/at least one pack/);
    const noShipTo = { ...order, Header: { ...order.Header, Address: [] } };
    expect(() => buildShipment(noShipTo, base)).toThrow(/ship-to/);
    expect(buildShipment(noShipTo, { ...base, shipTo: { AddressName: "Store 1" } }).Header.Address?.[1]).toEqual({
      AddressTypeCode: "ST",
      AddressName: "Store 1",
    });
  });
});
