import {
  type CostCentreMapping,
  type ItemMapping,
  type MappingStore,
  type OrderMappingReads,
  type ShipToMapping,
  storeSupport,
  type TradingPartner,
  type UomMapping,
} from "@ml-connector/state";
import type Database from "better-sqlite3";
import type { Db } from "./database.js";
import type { GroupCommit } from "./group-commit.js";

/** '' stands for "none" in key columns (partner ids and departments are never blank). */
const scope = (value: string | undefined | null) => value?.trim() ?? "";
const t = (value: string) => value.trim();
const parse = <T>(rows: { record: string }[]): T[] => rows.map((row) => JSON.parse(row.record) as T);
const one = <T>(row: { record: string } | undefined): T | undefined =>
  row === undefined ? undefined : (JSON.parse(row.record) as T);

type R = { record: string };

/** Cached lookups per table at most; past it the table's cache starts over (a bound, not a policy: mappings are few). */
const CACHE_LIMIT = 4_096;

/**
 * Parsed mapping rows by lookup, so that a repeated lookup (every 850 reads its partner, ship-to, items, unit and cost
 * centre) is a Map lookup and one `PRAGMA data_version` instead of a statement and a JSON parse. Valid while no write
 * happened since: `data_version` changes when another connection (another process) commits, and this store's writes,
 * each committed before it returns, clear the cache.
 */
function createReadCache(db: Db, writes: GroupCommit) {
  const dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  const tables: Map<string, unknown>[] = [];
  let version: number | undefined;
  /** Inside `together`: the version was read for these reads already. */
  let checked = false;
  /** The group's open transaction in which the version was last read: it cannot change before that one ends. */
  let readIn: number | undefined;
  const clear = () => {
    for (const table of tables) table.clear();
  };
  // Each read of the version outside a transaction starts a read transaction of its own (locks on the WAL index):
  // several times a cached lookup's own work.
  const check = () => {
    if (checked) return;
    const transaction = writes.openTransaction;
    if (transaction !== undefined && transaction === readIn) return;
    readIn = transaction;
    const current = dataVersion.get();
    if (current !== version) {
      clear();
      version = current;
    }
  };
  return {
    /** Call after every write to a mapping table, committed or failed. */
    wrote: clear,
    /** Runs `reads` (synchronous lookups, no writes) with one check of the version for them all. */
    together<T>(reads: () => T): T {
      check();
      checked = true;
      try {
        return reads();
      } finally {
        checked = false;
      }
    },
    /** `read` through a cache by `key` (not found is cached too, as null). */
    cached<A extends unknown[], T>(key: (...args: A) => string, read: (...args: A) => T | undefined) {
      const table = new Map<string, T | null>();
      tables.push(table);
      return (...args: A): T | undefined => {
        check();
        const k = key(...args);
        const hit = table.get(k);
        if (hit !== undefined) return hit === null ? undefined : hit;
        const found = read(...args);
        if (table.size >= CACHE_LIMIT) table.clear();
        table.set(k, found ?? null);
        return found;
      };
    },
  };
}

/**
 * `writes`: the audit store's group commit on the same connection. A mapping write commits what it holds first, so that
 * the write is committed by itself when it returns (never rolled back with audit writes after the cache saw it).
 */
export function createSqliteMappingStore(db: Db, writes: GroupCommit): MappingStore {
  const q = {
    partner: db.prepare<[string], R>("SELECT record FROM mapping_partners WHERE partner_id = ?"),
    partners: db.prepare<[], R>("SELECT record FROM mapping_partners ORDER BY partner_id"),
    putPartner: db.prepare<[string, string]>(
      "INSERT INTO mapping_partners (partner_id, record) VALUES (?, ?) ON CONFLICT DO UPDATE SET record = excluded.record",
    ),
    deletePartner: db.prepare<[string]>("DELETE FROM mapping_partners WHERE partner_id = ?"),

    shipTo: db.prepare<[string, string], R>(
      "SELECT record FROM mapping_ship_tos WHERE partner_id = ? AND location_number = ?",
    ),
    shipTos: db.prepare<[], R>("SELECT record FROM mapping_ship_tos ORDER BY partner_id, location_number"),
    shipTosOf: db.prepare<[string], R>(
      "SELECT record FROM mapping_ship_tos WHERE partner_id = ? ORDER BY location_number",
    ),
    putShipTo: db.prepare<[string, string, string]>(
      `INSERT INTO mapping_ship_tos (partner_id, location_number, record) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET record = excluded.record`,
    ),
    deleteShipTo: db.prepare<[string, string]>(
      "DELETE FROM mapping_ship_tos WHERE partner_id = ? AND location_number = ?",
    ),

    item: db.prepare<[string, string, string], R>(
      "SELECT record FROM mapping_items WHERE partner_id = ? AND kind = ? AND value = ?",
    ),
    // The partner's mapping, else the global one ('' sorts first): one statement instead of two lookups. The index
    // answers the two keys in its order, so ORDER BY costs no sort.
    itemEither: db.prepare<[string, string, string], R & { partner_id: string }>(
      `SELECT partner_id, record FROM mapping_items WHERE partner_id IN (?, '') AND kind = ? AND value = ?
       ORDER BY partner_id DESC LIMIT 1`,
    ),
    items: db.prepare<[], R>("SELECT record FROM mapping_items ORDER BY partner_id, kind, value"),
    itemsOf: db.prepare<[string], R>("SELECT record FROM mapping_items WHERE partner_id = ? ORDER BY kind, value"),
    putItem: db.prepare<[string, string, string, string]>(
      `INSERT INTO mapping_items (partner_id, kind, value, record) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET record = excluded.record`,
    ),
    deleteItem: db.prepare<[string, string, string]>(
      "DELETE FROM mapping_items WHERE partner_id = ? AND kind = ? AND value = ?",
    ),

    uom: db.prepare<[string, string], R>("SELECT record FROM mapping_uoms WHERE partner_id = ? AND edi_unit = ?"),
    uomEither: db.prepare<[string, string], R>(
      `SELECT record FROM mapping_uoms WHERE partner_id IN (?, '') AND edi_unit = ?
       ORDER BY partner_id DESC LIMIT 1`,
    ),
    uoms: db.prepare<[], R>("SELECT record FROM mapping_uoms ORDER BY partner_id, edi_unit"),
    uomsOf: db.prepare<[string], R>("SELECT record FROM mapping_uoms WHERE partner_id = ? ORDER BY edi_unit"),
    putUom: db.prepare<[string, string, string]>(
      `INSERT INTO mapping_uoms (partner_id, edi_unit, record) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET record = excluded.record`,
    ),
    deleteUom: db.prepare<[string, string]>("DELETE FROM mapping_uoms WHERE partner_id = ? AND edi_unit = ?"),

    costCentre: db.prepare<[string, string], R>(
      "SELECT record FROM mapping_cost_centres WHERE partner_id = ? AND department = ?",
    ),
    costCentreEither: db.prepare<[string, string], R>(
      `SELECT record FROM mapping_cost_centres WHERE partner_id = ? AND department IN (?, '')
       ORDER BY department DESC LIMIT 1`,
    ),
    costCentres: db.prepare<[], R>("SELECT record FROM mapping_cost_centres ORDER BY partner_id, department"),
    costCentresOf: db.prepare<[string], R>(
      "SELECT record FROM mapping_cost_centres WHERE partner_id = ? ORDER BY department",
    ),
    putCostCentre: db.prepare<[string, string, string]>(
      `INSERT INTO mapping_cost_centres (partner_id, department, record) VALUES (?, ?, ?)
       ON CONFLICT DO UPDATE SET record = excluded.record`,
    ),
    deleteCostCentre: db.prepare<[string, string]>(
      "DELETE FROM mapping_cost_centres WHERE partner_id = ? AND department = ?",
    ),
  };

  const cache = createReadCache(db, writes);
  /** Runs `work` (writes to the mapping tables) committed by itself, then clears the cache. */
  const committed = <T>(work: () => T): T => {
    writes.flush();
    try {
      return work();
    } finally {
      cache.wrote();
    }
  };
  const putPartner = (p: TradingPartner) => q.putPartner.run(p.partnerId, JSON.stringify(p));
  const putShipTo = (s: ShipToMapping) => q.putShipTo.run(s.partnerId, s.locationNumber, JSON.stringify(s));
  const putItem = (i: ItemMapping) => q.putItem.run(scope(i.partnerId), i.kind, i.value, JSON.stringify(i));
  const putUom = (u: UomMapping) => q.putUom.run(scope(u.partnerId), u.ediUnit, JSON.stringify(u));
  const putCostCentre = (c: CostCentreMapping) =>
    q.putCostCentre.run(c.partnerId, scope(c.department), JSON.stringify(c));
  /** Runs a delete statement; true when it removed a row. */
  const remove = (deleted: () => Database.RunResult) => committed(() => deleted().changes > 0);

  // The lookups, each by its trimmed key. The parsed records are shared by the cache: handed out as copies.
  const partner = cache.cached(
    (id: string) => id,
    (id: string) => one<TradingPartner>(q.partner.get(id)),
  );
  const shipTo = cache.cached(
    (id: string, location: string) => `${id}\0${location}`,
    (id: string, location: string) => one<ShipToMapping>(q.shipTo.get(id, location)),
  );
  const item = cache.cached(
    (id: string, kind: string, value: string) => `${id}\0${kind}\0${value}`,
    (id: string, kind: string, value: string) => one<ItemMapping>(q.item.get(id, kind, value)),
  );
  // '' (global) reads the global unit only; a partner its own unit, else the global one.
  const uom = cache.cached(
    (id: string, unit: string) => `${id}\0${unit}`,
    (id: string, unit: string) => one<UomMapping>(id === "" ? q.uom.get("", unit) : q.uomEither.get(id, unit)),
  );
  // '' (no department) reads the partner's default only; a department its own, else the default.
  const costCentre = cache.cached(
    (id: string, department: string) => `${id}\0${department}`,
    (id: string, department: string) =>
      one<CostCentreMapping>(department === "" ? q.costCentre.get(id, "") : q.costCentreEither.get(id, department)),
  );

  // The reads of findItem (made once: an 850 line is one findItem). A match holds strings only: the cached records are
  // read in place.
  const readItems: Parameters<typeof storeSupport.resolveItemByKind>[0] = {
    partnerOrder: (id) => partner(t(id))?.itemLookupOrder,
    either: cache.cached(
      (partnerId: string, kind: string, value: string) => `${scope(partnerId)}\0${kind}\0${value}`,
      (partnerId: string, kind: ItemMapping["kind"], value: string) => {
        const id = scope(partnerId);
        const row = q.itemEither.get(id, kind, value);
        if (row === undefined) return undefined;
        const found = JSON.parse(row.record) as ItemMapping;
        return { item: found, scope: row.partner_id === id ? ("partner" as const) : ("global" as const) };
      },
    ),
  };
  const copy = <T>(value: T | undefined) => (value === undefined ? undefined : storeSupport.copyPlain(value));

  const store: MappingStore = {
    async getPartner(partnerId) {
      return copy(partner(t(partnerId)));
    },
    async listPartners() {
      return parse(q.partners.all());
    },
    async upsertPartner(input) {
      const partner = storeSupport.parseTradingPartner(input);
      committed(() => putPartner(partner));
      return partner;
    },
    async deletePartner(partnerId) {
      return remove(() => q.deletePartner.run(t(partnerId)));
    },

    async getShipTo(partnerId, locationNumber) {
      return copy(shipTo(t(partnerId), t(locationNumber)));
    },
    async listShipTos(partnerId) {
      return parse(partnerId === undefined ? q.shipTos.all() : q.shipTosOf.all(t(partnerId)));
    },
    async upsertShipTo(input) {
      const shipTo = storeSupport.parseShipTo(input);
      committed(() => putShipTo(shipTo));
      return shipTo;
    },
    async deleteShipTo(partnerId, locationNumber) {
      return remove(() => q.deleteShipTo.run(t(partnerId), t(locationNumber)));
    },

    async findItem(partnerId, identifiers, order) {
      // better-sqlite3 reads synchronously: the lookups need no promise each.
      return storeSupport.resolveItemByKind(readItems, partnerId, identifiers, order);
    },
    async getItem(key) {
      return copy(item(scope(key.partnerId), key.kind, t(key.value)));
    },
    async listItems(partnerId) {
      return parse(partnerId === undefined ? q.items.all() : q.itemsOf.all(scope(partnerId)));
    },
    async upsertItem(input) {
      const item = storeSupport.parseItemMapping(input);
      committed(() => putItem(item));
      return item;
    },
    async deleteItem(key) {
      return remove(() => q.deleteItem.run(scope(key.partnerId), key.kind, t(key.value)));
    },

    async findUom(partnerId, ediUnit) {
      return copy(uom(scope(partnerId), t(ediUnit)));
    },
    async listUoms(partnerId) {
      return parse(partnerId === undefined ? q.uoms.all() : q.uomsOf.all(scope(partnerId)));
    },
    async upsertUom(input) {
      const uom = storeSupport.parseUomMapping(input);
      committed(() => putUom(uom));
      return uom;
    },
    async deleteUom(key) {
      return remove(() => q.deleteUom.run(scope(key.partnerId), t(key.ediUnit)));
    },

    async findCostCentre(partnerId, department) {
      return copy(costCentre(t(partnerId), scope(department)));
    },
    async listCostCentres(partnerId) {
      return parse(partnerId === undefined ? q.costCentres.all() : q.costCentresOf.all(t(partnerId)));
    },
    async upsertCostCentre(input) {
      const costCentre = storeSupport.parseCostCentre(input);
      committed(() => putCostCentre(costCentre));
      return costCentre;
    },
    async deleteCostCentre(key) {
      return remove(() => q.deleteCostCentre.run(t(key.partnerId), scope(key.department)));
    },

    async readOrder(query) {
      // One promise and one check of the cache for the order's reads: an 850 line's item was a promise and a
      // `PRAGMA data_version` (a read transaction) of its own.
      return cache.together((): OrderMappingReads => {
        const partnerId = t(query.partnerId);
        const found = partner(partnerId);
        if (found === undefined) return storeSupport.noOrderReads();
        const items = query.lines.map((line) =>
          storeSupport.resolveItemByKind(readItems, query.partnerId, line, found.itemLookupOrder),
        );
        const unitScope = scope(query.partnerId);
        return {
          partner: copy(found),
          shipTo: query.shipTo === undefined ? undefined : copy(shipTo(partnerId, t(query.shipTo))),
          items,
          uoms: query.units.map((unit) => copy(uom(unitScope, t(unit)))),
          costCentre: copy(costCentre(partnerId, scope(query.department))),
        };
      });
    },

    async upsertMany(input) {
      const set = storeSupport.parseMappingSet(input);
      committed(() =>
        db
          .transaction(() => {
            for (const partner of set.partners) putPartner(partner);
            for (const shipTo of set.shipTos) putShipTo(shipTo);
            for (const item of set.items) putItem(item);
            for (const uom of set.uoms) putUom(uom);
            for (const costCentre of set.costCentres) putCostCentre(costCentre);
          })
          .immediate(),
      );
      return storeSupport.countMappings(set);
    },
  };
  return store;
}
