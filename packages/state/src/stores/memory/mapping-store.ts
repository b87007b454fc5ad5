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
import type { ItemMappingKey, MappingStore, OrderMappingReads } from "../../ports/mapping-store.js";
import { copyPlain as copy } from "../support/copy.js";
import { noOrderReads, resolveItemByKind } from "../support/item-lookup.js";

/** A part of a lookup key as compared: trimmed; absent (`undefined`, or `null` from JavaScript) is a part of its own. */
const part = (value: string | undefined): string | undefined =>
  value === undefined || value === null ? undefined : value.trim();

/**
 * Records under two key parts, in nested Maps: a read makes no key string (an 850 line's item is two reads), and no two
 * pairs of parts share a place whatever characters they hold. A record of one part keeps `undefined` as its second.
 */
class Table<T> {
  readonly #byFirst = new Map<string | undefined, Map<string | undefined, T>>();
  get(first: string | undefined, second?: string): T | undefined {
    return this.#byFirst.get(part(first))?.get(part(second));
  }
  set(first: string | undefined, second: string | undefined, value: T): void {
    const key = part(first);
    const inner = this.#byFirst.get(key);
    if (inner === undefined) this.#byFirst.set(key, new Map([[part(second), value]]));
    else inner.set(part(second), value);
  }
  delete(first: string | undefined, second?: string): boolean {
    const key = part(first);
    const inner = this.#byFirst.get(key);
    if (inner === undefined || !inner.delete(part(second))) return false;
    if (inner.size === 0) this.#byFirst.delete(key);
    return true;
  }
  *values(): IterableIterator<T> {
    for (const inner of this.#byFirst.values()) yield* inner.values();
  }
}

/** The order listings are sorted in: by the parts as text, in turn. */
const sortKey = (...parts: (string | undefined)[]) => JSON.stringify(parts.map((part) => part?.trim() ?? null));
const sorted = <T>(values: Iterable<T>, key: (value: T) => string): T[] =>
  [...values].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(copy);

/** A `MappingStore` in Maps. */
export function createMemoryMappingStore(): MappingStore {
  const partners = new Table<TradingPartner>();
  const shipTos = new Table<ShipToMapping>();
  // By partner (undefined: global), then identifier kind, then value.
  const items = new Map<string | undefined, Table<ItemMapping>>();
  const uoms = new Table<UomMapping>();
  const costCentres = new Table<CostCentreMapping>();

  const itemsOf = (partnerId: string | undefined) => items.get(part(partnerId));
  const getItem = (key: ItemMappingKey) => itemsOf(key.partnerId)?.get(key.kind, key.value);
  const putPartner = (p: TradingPartner) => partners.set(p.partnerId, undefined, p);
  const putShipTo = (s: ShipToMapping) => shipTos.set(s.partnerId, s.locationNumber, s);
  const putItem = (i: ItemMapping) => {
    const key = part(i.partnerId);
    let table = items.get(key);
    if (table === undefined) {
      table = new Table();
      items.set(key, table);
    }
    table.set(i.kind, i.value, i);
  };
  const putUom = (u: UomMapping) => uoms.set(u.partnerId, u.ediUnit, u);
  const putCostCentre = (c: CostCentreMapping) => costCentres.set(c.partnerId, c.department, c);
  const allItems = function* () {
    for (const table of items.values()) yield* table.values();
  };

  // Read in place, by findItem (made once: an 850 line is one findItem): the partner's mapping of a kind and value,
  // else the global one, with no key object per lookup.
  const readItems: Parameters<typeof resolveItemByKind>[0] = {
    partnerOrder: (id) => partners.get(id)?.itemLookupOrder,
    either: (partnerId, kind, value) => {
      const own = itemsOf(partnerId)?.get(kind, value);
      if (own !== undefined) return { item: own, scope: "partner" };
      const global = items.get(undefined)?.get(kind, value);
      return global === undefined ? undefined : { item: global, scope: "global" };
    },
  };

  // The reads, made at once: each method answers one, readOrder an order's all (copies, as every read hands out).
  const copyOf = <T>(found: T | undefined): T | undefined => (found === undefined ? undefined : copy(found));
  const partnerOf = (partnerId: string) => copyOf(partners.get(partnerId));
  const shipToOf = (partnerId: string, locationNumber: string) => copyOf(shipTos.get(partnerId, locationNumber));
  const uomOf = (partnerId: string | undefined, ediUnit: string) =>
    copyOf((partnerId === undefined ? undefined : uoms.get(partnerId, ediUnit)) ?? uoms.get(undefined, ediUnit));
  const costCentreOf = (partnerId: string, department: string | undefined) =>
    copyOf(
      (department === undefined || department.trim() === "" ? undefined : costCentres.get(partnerId, department)) ??
        costCentres.get(partnerId, undefined),
    );

  const store: MappingStore = {
    async getPartner(partnerId) {
      return partnerOf(partnerId);
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
      return partners.delete(partnerId);
    },

    async getShipTo(partnerId, locationNumber) {
      return shipToOf(partnerId, locationNumber);
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
      return shipTos.delete(partnerId, locationNumber);
    },

    async findItem(partnerId, identifiers, order) {
      // Read in place: a match holds strings only, so nothing of the stored mappings is handed out.
      return resolveItemByKind(readItems, partnerId, identifiers, order);
    },
    async getItem(key) {
      const found = getItem(key);
      return found === undefined ? undefined : copy(found);
    },
    async listItems(partnerId) {
      const all = [...allItems()].filter(
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
      return itemsOf(key.partnerId)?.delete(key.kind, key.value) ?? false;
    },

    async findUom(partnerId, ediUnit) {
      return uomOf(partnerId, ediUnit);
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
      return uoms.delete(key.partnerId, key.ediUnit);
    },

    async findCostCentre(partnerId, department) {
      return costCentreOf(partnerId, department);
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
      return costCentres.delete(key.partnerId, key.department);
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

    async readOrder(query) {
      // One promise for the order's reads: an 850 line's item was a promise (and a turn) of its own.
      const { partnerId } = query;
      const partner = partnerOf(partnerId);
      if (partner === undefined) return noOrderReads();
      const reads: OrderMappingReads = {
        partner,
        shipTo: query.shipTo === undefined ? undefined : shipToOf(partnerId, query.shipTo),
        items: [],
        uoms: [],
        costCentre: undefined,
      };
      for (const line of query.lines) {
        reads.items.push(resolveItemByKind(readItems, partnerId, line, partner.itemLookupOrder));
      }
      for (const unit of query.units) reads.uoms.push(uomOf(partnerId, unit));
      reads.costCentre = costCentreOf(partnerId, query.department);
      return reads;
    },
  };
  return store;
}
