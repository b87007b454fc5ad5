import {
  type CostCentreMapping,
  type ItemMapping,
  type MappingStore,
  type ShipToMapping,
  storeSupport,
  type TradingPartner,
  type UomMapping,
} from "@ml-connector/state";
import type { Db } from "./database.js";

/** '' stands for "none" in key columns (partner ids and departments are never blank). */
const scope = (value: string | undefined | null) => value?.trim() ?? "";
const t = (value: string) => value.trim();
const parse = <T>(rows: { record: string }[]): T[] => rows.map((row) => JSON.parse(row.record) as T);
const one = <T>(row: { record: string } | undefined): T | undefined =>
  row === undefined ? undefined : (JSON.parse(row.record) as T);

type R = { record: string };

export function createSqliteMappingStore(db: Db): MappingStore {
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

  const putPartner = (p: TradingPartner) => q.putPartner.run(p.partnerId, JSON.stringify(p));
  const putShipTo = (s: ShipToMapping) => q.putShipTo.run(s.partnerId, s.locationNumber, JSON.stringify(s));
  const putItem = (i: ItemMapping) => q.putItem.run(scope(i.partnerId), i.kind, i.value, JSON.stringify(i));
  const putUom = (u: UomMapping) => q.putUom.run(scope(u.partnerId), u.ediUnit, JSON.stringify(u));
  const putCostCentre = (c: CostCentreMapping) =>
    q.putCostCentre.run(c.partnerId, scope(c.department), JSON.stringify(c));

  // The reads of findItem (made once: an 850 line is one findItem).
  const readItems: Parameters<typeof storeSupport.resolveItemByKind>[0] = {
    partnerOrder: (id) => one<TradingPartner>(q.partner.get(t(id)))?.itemLookupOrder,
    either: (partnerId, kind, value) => {
      const partner = scope(partnerId);
      const row = q.itemEither.get(partner, kind, value);
      if (row === undefined) return undefined;
      return { item: JSON.parse(row.record) as ItemMapping, scope: row.partner_id === partner ? "partner" : "global" };
    },
  };

  const store: MappingStore = {
    async getPartner(partnerId) {
      return one(q.partner.get(t(partnerId)));
    },
    async listPartners() {
      return parse(q.partners.all());
    },
    async upsertPartner(input) {
      const partner = storeSupport.parseTradingPartner(input);
      putPartner(partner);
      return partner;
    },
    async deletePartner(partnerId) {
      return q.deletePartner.run(t(partnerId)).changes > 0;
    },

    async getShipTo(partnerId, locationNumber) {
      return one(q.shipTo.get(t(partnerId), t(locationNumber)));
    },
    async listShipTos(partnerId) {
      return parse(partnerId === undefined ? q.shipTos.all() : q.shipTosOf.all(t(partnerId)));
    },
    async upsertShipTo(input) {
      const shipTo = storeSupport.parseShipTo(input);
      putShipTo(shipTo);
      return shipTo;
    },
    async deleteShipTo(partnerId, locationNumber) {
      return q.deleteShipTo.run(t(partnerId), t(locationNumber)).changes > 0;
    },

    async findItem(partnerId, identifiers, order) {
      // better-sqlite3 reads synchronously: the lookups need no promise each.
      return storeSupport.resolveItemByKind(readItems, partnerId, identifiers, order);
    },
    async getItem(key) {
      return one(q.item.get(scope(key.partnerId), key.kind, t(key.value)));
    },
    async listItems(partnerId) {
      return parse(partnerId === undefined ? q.items.all() : q.itemsOf.all(scope(partnerId)));
    },
    async upsertItem(input) {
      const item = storeSupport.parseItemMapping(input);
      putItem(item);
      return item;
    },
    async deleteItem(key) {
      return q.deleteItem.run(scope(key.partnerId), key.kind, t(key.value)).changes > 0;
    },

    async findUom(partnerId, ediUnit) {
      const unit = t(ediUnit);
      return one(partnerId === undefined ? q.uom.get("", unit) : q.uomEither.get(scope(partnerId), unit));
    },
    async listUoms(partnerId) {
      return parse(partnerId === undefined ? q.uoms.all() : q.uomsOf.all(scope(partnerId)));
    },
    async upsertUom(input) {
      const uom = storeSupport.parseUomMapping(input);
      putUom(uom);
      return uom;
    },
    async deleteUom(key) {
      return q.deleteUom.run(scope(key.partnerId), t(key.ediUnit)).changes > 0;
    },

    async findCostCentre(partnerId, department) {
      const dept = scope(department);
      return one(dept === "" ? q.costCentre.get(t(partnerId), "") : q.costCentreEither.get(t(partnerId), dept));
    },
    async listCostCentres(partnerId) {
      return parse(partnerId === undefined ? q.costCentres.all() : q.costCentresOf.all(t(partnerId)));
    },
    async upsertCostCentre(input) {
      const costCentre = storeSupport.parseCostCentre(input);
      putCostCentre(costCentre);
      return costCentre;
    },
    async deleteCostCentre(key) {
      return q.deleteCostCentre.run(t(key.partnerId), scope(key.department)).changes > 0;
    },

    async upsertMany(input) {
      const set = storeSupport.parseMappingSet(input);
      db.transaction(() => {
        for (const partner of set.partners) putPartner(partner);
        for (const shipTo of set.shipTos) putShipTo(shipTo);
        for (const item of set.items) putItem(item);
        for (const uom of set.uoms) putUom(uom);
        for (const costCentre of set.costCentres) putCostCentre(costCentre);
      }).immediate();
      return storeSupport.countMappings(set);
    },
  };
  return store;
}
