import {
  countMappings,
  parseCostCentre,
  parseItemMapping,
  parseMappingSet,
  parseShipTo,
  parseTradingPartner,
  parseUomMapping,
} from "../../mappings/validate.js";
import type {
  CostCentreMapping,
  ItemMapping,
  ShipToMapping,
  TradingPartner,
  UomMapping,
} from "../../ports/mapping-records.js";
import type { MappingStore } from "../../ports/mapping-store.js";
import { copyPlain as copy } from "../support/copy.js";
import { resolveItemSync } from "../support/item-lookup.js";

/**
 * The Map key of a lookup: each part trimmed and written with its length (an absent part as `-`), so no two lists of
 * parts share a key whatever characters they hold; a read builds it without JSON.stringify.
 */
const k = (...parts: (string | undefined)[]): string => {
  let key = "";
  for (const part of parts) {
    if (part === undefined || part === null) key += "-";
    else {
      const trimmed = part.trim();
      key += `${trimmed.length}:${trimmed}`;
    }
  }
  return key;
};
/** The order listings are sorted in: by the parts as text, in turn. */
const sortKey = (...parts: (string | undefined)[]) => JSON.stringify(parts.map((part) => part?.trim() ?? null));
const sorted = <T>(values: Iterable<T>, key: (value: T) => string): T[] =>
  [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(copy);

/** A `MappingStore` in Maps. */
export function createMemoryMappingStore(): MappingStore {
  const partners = new Map<string, TradingPartner>();
  const shipTos = new Map<string, ShipToMapping>();
  const items = new Map<string, ItemMapping>();
  const uoms = new Map<string, UomMapping>();
  const costCentres = new Map<string, CostCentreMapping>();

  const putPartner = (p: TradingPartner) => partners.set(k(p.partnerId), p);
  const putShipTo = (s: ShipToMapping) => shipTos.set(k(s.partnerId, s.locationNumber), s);
  const putItem = (i: ItemMapping) => items.set(k(i.partnerId, i.kind, i.value), i);
  const putUom = (u: UomMapping) => uoms.set(k(u.partnerId, u.ediUnit), u);
  const putCostCentre = (c: CostCentreMapping) => costCentres.set(k(c.partnerId, c.department), c);

  // Read in place, by findItem (made once: an 850 line is one findItem).
  const readItems: Parameters<typeof resolveItemSync>[0] = {
    partnerOrder: (id) => partners.get(k(id))?.itemLookupOrder,
    item: (key) => items.get(k(key.partnerId, key.kind, key.value)),
  };

  const store: MappingStore = {
    async getPartner(partnerId) {
      const found = partners.get(k(partnerId));
      return found === undefined ? undefined : copy(found);
    },
    async listPartners() {
      return sorted(partners.values(), (p) => p.partnerId);
    },
    async upsertPartner(input) {
      const partner = parseTradingPartner(input);
      putPartner(partner);
      return copy(partner);
    },
    async deletePartner(partnerId) {
      return partners.delete(k(partnerId));
    },

    async getShipTo(partnerId, locationNumber) {
      const found = shipTos.get(k(partnerId, locationNumber));
      return found === undefined ? undefined : copy(found);
    },
    async listShipTos(partnerId) {
      const all = [...shipTos.values()].filter((s) => partnerId === undefined || s.partnerId === partnerId);
      return sorted(all, (s) => sortKey(s.partnerId, s.locationNumber));
    },
    async upsertShipTo(input) {
      const shipTo = parseShipTo(input);
      putShipTo(shipTo);
      return copy(shipTo);
    },
    async deleteShipTo(partnerId, locationNumber) {
      return shipTos.delete(k(partnerId, locationNumber));
    },

    async findItem(partnerId, identifiers, order) {
      // Read in place: a match holds strings only, so nothing of the stored mappings is handed out.
      return resolveItemSync(readItems, partnerId, identifiers, order);
    },
    async getItem(key) {
      const found = items.get(k(key.partnerId, key.kind, key.value));
      return found === undefined ? undefined : copy(found);
    },
    async listItems(partnerId) {
      const all = [...items.values()].filter(
        (i) => partnerId === undefined || (partnerId === null ? i.partnerId === undefined : i.partnerId === partnerId),
      );
      return sorted(all, (i) => sortKey(i.partnerId ?? "", i.kind, i.value));
    },
    async upsertItem(input) {
      const item = parseItemMapping(input);
      putItem(item);
      return copy(item);
    },
    async deleteItem(key) {
      return items.delete(k(key.partnerId, key.kind, key.value));
    },

    async findUom(partnerId, ediUnit) {
      const found =
        (partnerId === undefined ? undefined : uoms.get(k(partnerId, ediUnit))) ?? uoms.get(k(undefined, ediUnit));
      return found === undefined ? undefined : copy(found);
    },
    async listUoms(partnerId) {
      const all = [...uoms.values()].filter(
        (u) => partnerId === undefined || (partnerId === null ? u.partnerId === undefined : u.partnerId === partnerId),
      );
      return sorted(all, (u) => sortKey(u.partnerId ?? "", u.ediUnit));
    },
    async upsertUom(input) {
      const uom = parseUomMapping(input);
      putUom(uom);
      return copy(uom);
    },
    async deleteUom(key) {
      return uoms.delete(k(key.partnerId, key.ediUnit));
    },

    async findCostCentre(partnerId, department) {
      const found =
        (department === undefined || department.trim() === ""
          ? undefined
          : costCentres.get(k(partnerId, department))) ?? costCentres.get(k(partnerId, undefined));
      return found === undefined ? undefined : copy(found);
    },
    async listCostCentres(partnerId) {
      const all = [...costCentres.values()].filter((c) => partnerId === undefined || c.partnerId === partnerId);
      return sorted(all, (c) => sortKey(c.partnerId, c.department ?? ""));
    },
    async upsertCostCentre(input) {
      const costCentre = parseCostCentre(input);
      putCostCentre(costCentre);
      return copy(costCentre);
    },
    async deleteCostCentre(key) {
      return costCentres.delete(k(key.partnerId, key.department));
    },

    async upsertMany(input) {
      const set = parseMappingSet(input);
      set.partners.forEach(putPartner);
      set.shipTos.forEach(putShipTo);
      set.items.forEach(putItem);
      set.uoms.forEach(putUom);
      set.costCentres.forEach(putCostCentre);
      return countMappings(set);
    },
  };
  return store;
}
