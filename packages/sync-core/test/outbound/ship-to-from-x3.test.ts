import { describe, expect, it } from "vitest";
import type { X3Delivery, X3SalesOrder } from "../../src/ports/x3-change-feed.js";
import { setupOutbound } from "./support/setup.js";

type Shipment = { Header: { Address: { AddressTypeCode: string; [field: string]: unknown }[] } };

/**
 * A user keyed an order for ACME's customer C0001 in X3 (no 850 behind it) and delivered it. ACME's ship-to mappings
 * (acmeMappings): location 0042 is X3 address ST042, location 0001 is DC01.
 */
function keyedOrder(
  t: ReturnType<typeof setupOutbound>,
  key: string,
  shipTo: { order?: string; delivery?: string },
): { put(): void } {
  const lines = [{ lineNumber: 1000, itemRef: "WID-001", quantity: 6, unitPrice: 4.5 }];
  const order: Omit<X3SalesOrder, "updatedAt"> = {
    key,
    customer: "C0001",
    reference: `PO-${key}`,
    orderDate: "2026-11-20",
    shipToAddressCode: shipTo.order,
    confirmed: true,
    allocation: "full",
    closed: false,
    lines: lines.map((line) => ({ ...line, allocatedQuantity: 6, deliveredQuantity: 6, closed: false })),
  };
  const delivery: Omit<X3Delivery, "updatedAt"> = {
    key: `SDH-${key}`,
    orderKey: key,
    customer: "C0001",
    validated: true,
    shipDate: "2026-11-29",
    site: "US01",
    shipToAddressCode: shipTo.delivery,
    lines: lines.map((line) => ({
      lineNumber: 1000,
      orderKey: key,
      orderLineNumber: line.lineNumber,
      itemRef: line.itemRef,
      quantity: line.quantity,
    })),
  };
  return {
    put() {
      t.feed.putOrder(order);
      t.feed.putDelivery(delivery);
    },
  };
}

function shipToOf(t: ReturnType<typeof setupOutbound>, key: string) {
  const bytes = t.sink.files.get(`in/SHSDH-${key}-1-v7.7-BulkImport.json`);
  if (!bytes) throw new Error(`no 856 for ${key}: ${[...t.sink.files.keys()].join(", ")}`);
  const shipment = JSON.parse(new TextDecoder().decode(bytes)) as Shipment;
  return shipment.Header.Address.find((address) => address.AddressTypeCode === "ST");
}

async function rejectionOf(t: ReturnType<typeof setupOutbound>, key: string) {
  const { items } = await t.stores.audit.findDocuments({ type: "856", x3Key: `SDH-${key}` });
  expect(items.map((document) => document.status)).toEqual(["rejected"]);
  return items[0]?.reasons;
}

describe("asns-out: the ship-to of an order keyed in X3 (no 850 to echo)", () => {
  it("is the partner's location mapped to the X3 address the delivery goes to", async () => {
    const t = setupOutbound();
    keyedOrder(t, "HAND1", { order: "DC01", delivery: "ST042" }).put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    // The delivery's address wins over the order's: it is where the goods went.
    expect(shipToOf(t, "HAND1")).toEqual({
      AddressTypeCode: "ST",
      LocationCodeQualifier: "92",
      AddressLocationNumber: "0042",
    });
  });

  it("falls back to the order's address when the delivery names none", async () => {
    const t = setupOutbound();
    keyedOrder(t, "HAND2", { order: "DC01" }).put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    expect(shipToOf(t, "HAND2")?.AddressLocationNumber).toBe("0001");
  });

  it("an address mapped to no location is refused with a reason naming it; once mapped, the next read sends it", async () => {
    const t = setupOutbound();
    const keyed = keyedOrder(t, "HAND3", { delivery: "HQ" });
    keyed.put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ rejected: 1 });
    const [reason] = (await rejectionOf(t, "HAND3")) ?? [];
    expect(reason?.code).toBe("unknown_ship_to");
    expect(reason?.path).toBe("x3.BPAADD");
    expect(reason?.message).toContain("X3 address HQ of customer C0001");
    expect(reason?.message).toContain("ship-to.csv");
    expect(t.sink.files.size).toBe(0);

    // The same refusal is not recorded twice while nothing changed.
    keyed.put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ unchanged: 1 });

    await t.stores.mappings.upsertShipTo({ partnerId: "ACME", locationNumber: "0100", x3AddressCode: "HQ" });
    keyed.put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ posted: 1 });
    expect(shipToOf(t, "HAND3")?.AddressLocationNumber).toBe("0100");
  });

  it("an address mapped to several locations is refused, naming them: the connector does not guess", async () => {
    const t = setupOutbound();
    await t.stores.mappings.upsertShipTo({ partnerId: "ACME", locationNumber: "0099", x3AddressCode: "ST042" });
    keyedOrder(t, "HAND4", { delivery: "ST042" }).put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ rejected: 1 });
    const [reason] = (await rejectionOf(t, "HAND4")) ?? [];
    expect(reason?.code).toBe("ambiguous_ship_to");
    expect(reason?.message).toContain("0042, 0099");
  });

  it("a location mapped for another business partner's address is not this customer's", async () => {
    const t = setupOutbound();
    await t.stores.mappings.upsertShipTo({
      partnerId: "ACME",
      locationNumber: "0200",
      x3AddressCode: "ST9",
      x3Customer: "C0777",
    });
    keyedOrder(t, "HAND5", { delivery: "ST9" }).put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ rejected: 1 });
    expect((await rejectionOf(t, "HAND5"))?.[0]?.code).toBe("unknown_ship_to");
  });

  it("no address in X3 at all is refused with its own reason", async () => {
    const t = setupOutbound();
    keyedOrder(t, "HAND6", {}).put();
    expect((await t.connector.runOnce("asns-out")).outcomes).toEqual({ rejected: 1 });
    const [reason] = (await rejectionOf(t, "HAND6")) ?? [];
    expect(reason?.code).toBe("missing_ship_to");
    expect(reason?.message).toContain("delivery SDH-HAND6 of order HAND6 names no ship-to address (BPAADD)");
  });
});
