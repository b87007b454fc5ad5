import { defaultItemLookupOrder, type ItemIdentifierKind, type ItemMapping } from "../../ports/mapping-records.js";
import type {
  ItemIdentifiers,
  ItemMappingKey,
  ItemMatch,
  MappingStore,
  OrderMappingQuery,
  OrderMappingReads,
} from "../../ports/mapping-store.js";

/**
 * One lookup of `findItem`: the key to read, and the scope a mapping found under it answers with. One object, read as
 * the key itself (an 850 line lists up to eight).
 */
export interface ItemLookup extends Readonly<ItemMappingKey> {
  readonly scope: ItemMatch["scope"];
}

/**
 * The `MappingStore.findItem` algorithm, shared by every adapter so they agree: the lookups to make, in order. For
 * each identifier kind of `kinds` that the line carries (blank ones skipped), the partner's mapping, then the global
 * one. The first mapping found wins (see `resolveItem`, `resolveItemByKind`).
 */
export function itemLookups(partnerId: string, identifiers: ItemIdentifiers, kinds: readonly ItemIdentifierKind[]) {
  const lookups: ItemLookup[] = [];
  for (const [kind, value] of itemValues(identifiers, kinds)) {
    lookups.push({ partnerId, kind, value, scope: "partner" });
    lookups.push({ partnerId: undefined, kind, value, scope: "global" });
  }
  return lookups;
}

/** The identifiers of `kinds` that the line carries, in order, trimmed (blank ones skipped). */
function itemValues(identifiers: ItemIdentifiers, kinds: readonly ItemIdentifierKind[]) {
  const values: [ItemIdentifierKind, string][] = [];
  for (const kind of kinds) {
    const value = itemValue(identifiers, kind);
    if (value !== undefined) values.push([kind, value]);
  }
  return values;
}

/** The line's identifier of one kind, trimmed; undefined when it has none, or a blank one. */
function itemValue(identifiers: ItemIdentifiers, kind: ItemIdentifierKind): string | undefined {
  const value = identifiers[kind]?.trim();
  return value === "" ? undefined : value;
}

/** The identifier kinds `findItem` tries: explicit, else the partner's `itemLookupOrder`, else the default. */
export function itemLookupKinds(
  order: readonly ItemIdentifierKind[] | undefined,
  partnerOrder: readonly ItemIdentifierKind[] | undefined,
): readonly ItemIdentifierKind[] {
  return order ?? partnerOrder ?? defaultItemLookupOrder;
}

/** `findItem` over a store's `getPartner` and `getItem` (a store that reads asynchronously). */
export async function resolveItem(
  store: Pick<MappingStore, "getPartner" | "getItem">,
  partnerId: string,
  identifiers: ItemIdentifiers,
  order?: readonly ItemIdentifierKind[],
): Promise<ItemMatch | undefined> {
  const kinds = itemLookupKinds(order, order ? undefined : (await store.getPartner(partnerId))?.itemLookupOrder);
  for (const lookup of itemLookups(partnerId, identifiers, kinds)) {
    const found = await store.getItem(lookup);
    if (found !== undefined) return itemMatch(found, lookup.scope);
  }
  return undefined;
}

/**
 * `findItem` over a store that reads a kind's partner and global mappings in one lookup (SQLite: one statement instead
 * of two; memory: two Map reads, with no key object): the same kinds in the same order as `resolveItem`. `read.either`
 * answers the partner's mapping of that kind and value if there is one, else the global one, with the scope it was
 * found under.
 */
export function resolveItemByKind(
  read: {
    partnerOrder: (partnerId: string) => readonly ItemIdentifierKind[] | undefined;
    either: (
      partnerId: string,
      kind: ItemIdentifierKind,
      value: string,
    ) => { item: ItemMapping; scope: ItemMatch["scope"] } | undefined;
  },
  partnerId: string,
  identifiers: ItemIdentifiers,
  order?: readonly ItemIdentifierKind[],
): ItemMatch | undefined {
  const kinds = itemLookupKinds(order, order ? undefined : read.partnerOrder(partnerId));
  // The kinds of itemValues, read in place: no list made per line.
  for (let index = 0; index < kinds.length; index++) {
    const kind = kinds[index] as ItemIdentifierKind;
    const value = itemValue(identifiers, kind);
    if (value === undefined) continue;
    const found = read.either(partnerId, kind, value);
    if (found !== undefined) return itemMatch(found.item, found.scope);
  }
  return undefined;
}

function itemMatch(item: ItemMapping, scope: ItemMatch["scope"]): ItemMatch {
  return { itemRef: item.itemRef, matchedBy: item.kind, value: item.value, scope };
}

/**
 * `MappingStore.readOrder` made of the store's own reads, one after the other (nothing for an unknown partner but the
 * partner): what orders-in does with a store that has no `readOrder`, and what a store's `readOrder` must answer.
 */
export async function readOrderOneByOne(
  store: Pick<MappingStore, "getPartner" | "getShipTo" | "findItem" | "findUom" | "findCostCentre">,
  query: OrderMappingQuery,
): Promise<OrderMappingReads> {
  const { partnerId } = query;
  const partner = await store.getPartner(partnerId);
  if (partner === undefined) return noOrderReads();
  const shipTo = query.shipTo === undefined ? undefined : await store.getShipTo(partnerId, query.shipTo);
  const items: (ItemMatch | undefined)[] = [];
  for (const line of query.lines) items.push(await store.findItem(partnerId, line, partner.itemLookupOrder));
  const uoms: OrderMappingReads["uoms"] = [];
  for (const unit of query.units) uoms.push(await store.findUom(partnerId, unit));
  const costCentre = await store.findCostCentre(partnerId, query.department);
  return { partner, shipTo, items, uoms, costCentre };
}

/** The reads of an order whose partner is not mapped: nothing else was read. */
export const noOrderReads = (): OrderMappingReads => ({
  partner: undefined,
  shipTo: undefined,
  items: [],
  uoms: [],
  costCentre: undefined,
});
