import {
  type CostCentreMapping,
  type ItemMapping,
  type MappingStore,
  type ShipToMapping,
  storeSupport,
  type TradingPartner,
  type UomMapping,
} from "@ml-connector/state";
import type { Db, SqlValue } from "./database.js";

/** '' stands for "none" in key columns (partner ids and departments are never blank). */
const scope = (value: string | undefined | null) => value?.trim() ?? "";
const t = (value: string) => value.trim();

type R = { record: string };
type Run = (sql: string, params: SqlValue[]) => Promise<unknown>;

/** One mapping table: its name and key columns. The record is kept as validated JSON beside the keys. */
function mappingTable<T>(db: Db, name: string, keys: readonly string[]) {
  const table = db.table(name);
  const where = (count: number) => keys.slice(0, count).map((key, i) => `${key} = $${i + 1}`);
  return {
    async get(...values: string[]): Promise<T | undefined> {
      const row = await db.one<R>(`SELECT record FROM ${table} WHERE ${where(keys.length).join(" AND ")}`, values);
      return row === undefined ? undefined : (JSON.parse(row.record) as T);
    },
    /** All records, or those whose first key column equals `first`, in key order. */
    async list(first?: string): Promise<T[]> {
      const rows =
        first === undefined
          ? await db.query<R>(`SELECT record FROM ${table} ORDER BY ${keys.join(", ")}`)
          : await db.query<R>(
              `SELECT record FROM ${table} WHERE ${keys[0]} = $1 ORDER BY ${keys.slice(1).join(", ")}`,
              [first],
            );
      return rows.map((row) => JSON.parse(row.record) as T);
    },
    put(run: Run, values: string[], record: T) {
      const placeholders = keys.map((_, i) => `$${i + 1}`).join(", ");
      return run(
        `INSERT INTO ${table} (${keys.join(", ")}, record) VALUES (${placeholders}, $${keys.length + 1}::jsonb)
         ON CONFLICT (${keys.join(", ")}) DO UPDATE SET record = excluded.record`,
        [...values, JSON.stringify(record)],
      );
    },
    async delete(...values: string[]) {
      const rows = await db.query(
        `DELETE FROM ${table} WHERE ${where(keys.length).join(" AND ")} RETURNING 1 AS one`,
        values,
      );
      return rows.length > 0;
    },
  };
}

export function createPostgresMappingStore(db: Db): MappingStore {
  const partners = mappingTable<TradingPartner>(db, "mapping_partners", ["partner_id"]);
  const shipTos = mappingTable<ShipToMapping>(db, "mapping_ship_tos", ["partner_id", "location_number"]);
  const items = mappingTable<ItemMapping>(db, "mapping_items", ["partner_id", "kind", "value"]);
  const uoms = mappingTable<UomMapping>(db, "mapping_uoms", ["partner_id", "edi_unit"]);
  const costCentres = mappingTable<CostCentreMapping>(db, "mapping_cost_centres", ["partner_id", "department"]);
  const run: Run = (sql, params) => db.query(sql, params);

  const putPartner = (p: TradingPartner, via = run) => partners.put(via, [p.partnerId], p);
  const putShipTo = (s: ShipToMapping, via = run) => shipTos.put(via, [s.partnerId, s.locationNumber], s);
  const putItem = (i: ItemMapping, via = run) => items.put(via, [scope(i.partnerId), i.kind, i.value], i);
  const putUom = (u: UomMapping, via = run) => uoms.put(via, [scope(u.partnerId), u.ediUnit], u);
  const putCostCentre = (c: CostCentreMapping, via = run) =>
    costCentres.put(via, [c.partnerId, scope(c.department)], c);

  const store: MappingStore = {
    async getPartner(partnerId) {
      return partners.get(t(partnerId));
    },
    async listPartners() {
      return partners.list();
    },
    async upsertPartner(input) {
      const partner = storeSupport.parseTradingPartner(input);
      await putPartner(partner);
      return partner;
    },
    async deletePartner(partnerId) {
      return partners.delete(t(partnerId));
    },

    async getShipTo(partnerId, locationNumber) {
      return shipTos.get(t(partnerId), t(locationNumber));
    },
    async listShipTos(partnerId) {
      return shipTos.list(partnerId === undefined ? undefined : t(partnerId));
    },
    async upsertShipTo(input) {
      const shipTo = storeSupport.parseShipTo(input);
      await putShipTo(shipTo);
      return shipTo;
    },
    async deleteShipTo(partnerId, locationNumber) {
      return shipTos.delete(t(partnerId), t(locationNumber));
    },

    async findItem(partnerId, identifiers, order) {
      return storeSupport.resolveItem(store, partnerId, identifiers, order);
    },
    async getItem(key) {
      return items.get(scope(key.partnerId), key.kind, t(key.value));
    },
    async listItems(partnerId) {
      return items.list(partnerId === undefined ? undefined : scope(partnerId));
    },
    async upsertItem(input) {
      const item = storeSupport.parseItemMapping(input);
      await putItem(item);
      return item;
    },
    async deleteItem(key) {
      return items.delete(scope(key.partnerId), key.kind, t(key.value));
    },

    async findUom(partnerId, ediUnit) {
      const unit = t(ediUnit);
      const own = partnerId === undefined ? undefined : await uoms.get(scope(partnerId), unit);
      return own ?? uoms.get("", unit);
    },
    async listUoms(partnerId) {
      return uoms.list(partnerId === undefined ? undefined : scope(partnerId));
    },
    async upsertUom(input) {
      const uom = storeSupport.parseUomMapping(input);
      await putUom(uom);
      return uom;
    },
    async deleteUom(key) {
      return uoms.delete(scope(key.partnerId), t(key.ediUnit));
    },

    async findCostCentre(partnerId, department) {
      const dept = scope(department);
      const own = dept === "" ? undefined : await costCentres.get(t(partnerId), dept);
      return own ?? costCentres.get(t(partnerId), "");
    },
    async listCostCentres(partnerId) {
      return costCentres.list(partnerId === undefined ? undefined : t(partnerId));
    },
    async upsertCostCentre(input) {
      const costCentre = storeSupport.parseCostCentre(input);
      await putCostCentre(costCentre);
      return costCentre;
    },
    async deleteCostCentre(key) {
      return costCentres.delete(t(key.partnerId), scope(key.department));
    },

    async upsertMany(input) {
      const set = storeSupport.parseMappingSet(input);
      await db.transaction(async (client) => {
        const via: Run = (sql, params) => db.query(sql, params, client);
        for (const partner of set.partners) await putPartner(partner, via);
        for (const shipTo of set.shipTos) await putShipTo(shipTo, via);
        for (const item of set.items) await putItem(item, via);
        for (const uom of set.uoms) await putUom(uom, via);
        for (const costCentre of set.costCentres) await putCostCentre(costCentre, via);
      });
      return storeSupport.countMappings(set);
    },
  };
  return store;
}
