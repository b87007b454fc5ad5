import { defaultItemLookupOrder, type ItemIdentifierKind, type ItemMapping } from "../../ports/mapping-records.js";
import type { ItemIdentifiers, ItemMatch, MappingStore } from "../../ports/mapping-store.js";

/**
 * The `MappingStore.findItem` algorithm, shared by every adapter so they agree: the identifier kinds in `order`
 * (explicit, else the partner's `itemLookupOrder`, else the default), for each the partner's mapping, then the global one.
 */
export async function resolveItem(
  store: Pick<MappingStore, "getPartner" | "getItem">,
  partnerId: string,
  identifiers: ItemIdentifiers,
  order?: readonly ItemIdentifierKind[],
): Promise<ItemMatch | undefined> {
  const kinds = order ?? (await store.getPartner(partnerId))?.itemLookupOrder ?? defaultItemLookupOrder;
  for (const kind of kinds) {
    const value = identifiers[kind]?.trim();
    if (value === undefined || value === "") continue;
    const own = await store.getItem({ partnerId, kind, value });
    if (own !== undefined) return match(own, "partner");
    const global = await store.getItem({ kind, value });
    if (global !== undefined) return match(global, "global");
  }
  return undefined;
}

function match(item: ItemMapping, scope: ItemMatch["scope"]): ItemMatch {
  return { itemRef: item.itemRef, matchedBy: item.kind, value: item.value, scope };
}
