import type { Address, Order } from "@ml-connector/rsx";
import type { MappingStore, Reason } from "@ml-connector/state";

export type ShipToAddress = Omit<Address, "AddressTypeCode">;

/** Whether the order (an 850 as its 860s left it, or one rebuilt from X3) names a ship-to (ST) address. */
export function hasShipTo(order: Order): boolean {
  return order.Header.Address?.some((address) => address.AddressTypeCode === "ST") ?? false;
}

/**
 * The ship-to of an order that has none to echo (keyed in X3, no 850 behind it): the partner's location whose ship-to
 * mapping names the X3 address the goods go to (BPAADD), the reverse of what orders-in maps an 850's ship-to location
 * by. A retailer knows its stores and distribution centres by location number, so that is what the address carries.
 * Refused with a reason, never guessed: no address in X3, no location mapped to it, or several (one distribution
 * centre serving many store numbers).
 */
export async function shipToFromX3(
  mappings: MappingStore,
  query: {
    partnerId: string;
    /** BPCORD: a ship-to mapping that names another business partner (x3Customer) is not this customer's address. */
    customer: string;
    /** BPAADD of the delivery, else of the order. */
    addressCode: string | undefined;
    /** What the address was read from, for the reasons (e.g. `delivery SDH0012 of order SO0042`). */
    from: string;
  },
): Promise<{ ok: true; address: ShipToAddress } | { ok: false; reason: Reason }> {
  const { partnerId, customer, addressCode, from } = query;
  if (!addressCode) {
    return {
      ok: false,
      reason: {
        path: "x3.BPAADD",
        code: "missing_ship_to",
        message: `There is no 850 with a ship-to to echo and ${from} names no ship-to address (BPAADD): no ship-to for the 856.`,
      },
    };
  }
  const locations = (await mappings.listShipTos(partnerId)).filter(
    (mapping) =>
      mapping.x3AddressCode === addressCode && (mapping.x3Customer === undefined || mapping.x3Customer === customer),
  );
  const [only] = locations;
  if (only && locations.length === 1) {
    return { ok: true, address: { LocationCodeQualifier: "92", AddressLocationNumber: only.locationNumber } };
  }
  const numbers = locations.map((mapping) => mapping.locationNumber).join(", ");
  return {
    ok: false,
    reason: {
      path: "x3.BPAADD",
      code: locations.length === 0 ? "unknown_ship_to" : "ambiguous_ship_to",
      message:
        locations.length === 0
          ? `There is no 850 with a ship-to to echo, and X3 address ${addressCode} of customer ${customer} (${from}) is mapped to no ship-to location of partner ${partnerId} (ship-to.csv: partnerId, locationNumber, x3AddressCode): no ship-to for the 856.`
          : `There is no 850 with a ship-to to echo, and X3 address ${addressCode} of customer ${customer} (${from}) is mapped to several ship-to locations of partner ${partnerId} (${numbers}): which one the goods go to is not known, so no ship-to for the 856.`,
    },
  };
}
