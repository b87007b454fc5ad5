import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storeSupport } from "@ml-connector/state";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-mapping-reads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every statement's `get` of a table, counted: the reads a lookup costs (each is a round through better-sqlite3 and
// SQLite). The cache's `PRAGMA data_version` reads no table.
const probe = new Database(":memory:");
const statementPrototype = Object.getPrototypeOf(probe.prepare("SELECT 1")) as {
  get: (this: { source: string }, ...args: unknown[]) => unknown;
};
probe.close();
const originalGet = statementPrototype.get;
let reads = 0;
let versionChecks = 0;
statementPrototype.get = function (this: { source: string }, ...args: unknown[]) {
  if (!this.source.startsWith("PRAGMA")) reads += 1;
  else if (this.source === "PRAGMA data_version") versionChecks += 1;
  return originalGet.apply(this, args);
};
afterAll(() => {
  statementPrototype.get = originalGet;
});

describe("SQLite mapping lookups", () => {
  const stores = createSqliteStores({ path: join(dir, "state.db") });
  afterEach(() => {
    reads = 0;
  });
  afterAll(() => stores.close());

  const readsOf = async <T>(lookup: () => Promise<T>) => {
    reads = 0;
    const found = await lookup();
    return { found, reads };
  };

  it("read a kind's partner and global mappings, a unit's, a department's with its default, in one statement", async () => {
    await stores.mappings.upsertMany({
      items: [
        { kind: "vendorPartNumber", value: "WID-1", itemRef: "GLOBAL-1" },
        { partnerId: "ACME", kind: "upc", value: "0123", itemRef: "ACME-UPC" },
      ],
      uoms: [{ ediUnit: "EA", x3Unit: "UN" }],
      costCentres: [{ partnerId: "ACME", dimensions: { CCT: "RETAIL" } }],
    });
    const order = ["vendorPartNumber", "upc"] as const;
    expect(await readsOf(() => stores.mappings.findItem("ACME", { vendorPartNumber: "WID-1" }, [...order]))).toEqual({
      found: { itemRef: "GLOBAL-1", matchedBy: "vendorPartNumber", value: "WID-1", scope: "global" },
      reads: 1,
    });
    expect(
      await readsOf(() => stores.mappings.findItem("ACME", { vendorPartNumber: "NONE", upc: "0123" }, [...order])),
    ).toEqual({ found: { itemRef: "ACME-UPC", matchedBy: "upc", value: "0123", scope: "partner" }, reads: 2 });
    expect(await readsOf(() => stores.mappings.findUom("ACME", "EA"))).toEqual({
      found: { ediUnit: "EA", x3Unit: "UN" },
      reads: 1,
    });
    expect(await readsOf(() => stores.mappings.findCostCentre("ACME", "042"))).toEqual({
      found: { partnerId: "ACME", dimensions: { CCT: "RETAIL" } },
      reads: 1,
    });
  });

  it("answer a repeated lookup from the records read before, as copies, without reading a table", async () => {
    await stores.mappings.upsertMany({
      partners: [{ partnerId: "BETA", name: "Beta", x3Customer: "C1", site: "S1", orderType: "SON", currency: "USD" }],
      shipTos: [{ partnerId: "BETA", locationNumber: "0001", x3AddressCode: "B01" }],
      items: [{ partnerId: "BETA", kind: "upc", value: "111", itemRef: "B-111" }],
      uoms: [{ partnerId: "BETA", ediUnit: "CA", x3Unit: "CS" }],
      costCentres: [{ partnerId: "BETA", department: "7", dimensions: { CCT: "SEVEN" } }],
    });
    const lookups = async () => [
      await stores.mappings.getPartner("BETA"),
      await stores.mappings.getShipTo("BETA", "0001"),
      await stores.mappings.findItem("BETA", { upc: "111", vendorPartNumber: "none" }),
      await stores.mappings.findItem("BETA", { upc: "222" }),
      await stores.mappings.getItem({ partnerId: "BETA", kind: "upc", value: "111" }),
      await stores.mappings.findUom("BETA", "CA"),
      await stores.mappings.findUom(undefined, "CA"),
      await stores.mappings.findCostCentre("BETA", "7"),
      await stores.mappings.findCostCentre("BETA", "8"),
    ];
    const first = await readsOf(lookups);
    expect(first.reads).toBe(10);
    const again = await readsOf(lookups);
    expect(again).toEqual({ found: first.found, reads: 0 });

    // A caller that changes what it was handed changes nothing stored.
    const partner = await stores.mappings.getPartner("BETA");
    (partner as { name: string }).name = "changed";
    expect((await stores.mappings.getPartner("BETA"))?.name).toBe("Beta");
  });

  it("read an order's mappings at once, with one check of the cache for them all", async () => {
    await stores.mappings.upsertMany({
      partners: [{ partnerId: "ORDR", name: "Order", x3Customer: "C9", site: "S1", orderType: "SON", currency: "USD" }],
      shipTos: [{ partnerId: "ORDR", locationNumber: "0009", x3AddressCode: "O09" }],
      items: [
        { partnerId: "ORDR", kind: "vendorPartNumber", value: "P-1", itemRef: "O-1" },
        { kind: "upc", value: "999", itemRef: "G-999" },
      ],
      uoms: [{ ediUnit: "BX", x3Unit: "BOX" }],
      costCentres: [{ partnerId: "ORDR", dimensions: { CCT: "DEFAULT" } }],
    });
    const query = {
      partnerId: "ORDR",
      shipTo: "0009",
      lines: [{ vendorPartNumber: "P-1" }, { vendorPartNumber: "none", upc: "999" }, { upc: "000" }],
      units: ["BX", "EA"],
      department: "12",
    };
    const readOrder = stores.mappings.readOrder?.bind(stores.mappings);
    expect(readOrder).toBeDefined();
    const first = await readOrder?.(query);
    expect(first).toEqual(await storeSupport.readOrderOneByOne(stores.mappings, query));
    versionChecks = 0;
    const again = await readsOf(async () => readOrder?.(query));
    expect({ ...again, versionChecks }).toEqual({ found: first, reads: 0, versionChecks: 1 });
    // Copies: what a caller changes is not what the next order reads.
    (again.found?.partner as { name: string }).name = "changed";
    expect((await readOrder?.(query))?.partner?.name).toBe("Order");
  });

  it("read again after a write, through this store or another connection to the file", async () => {
    await stores.mappings.upsertItem({ kind: "upc", value: "333", itemRef: "OLD" });
    expect((await stores.mappings.findItem("GAMMA", { upc: "333" }))?.itemRef).toBe("OLD");
    await stores.mappings.upsertItem({ kind: "upc", value: "333", itemRef: "NEW" });
    expect((await stores.mappings.findItem("GAMMA", { upc: "333" }))?.itemRef).toBe("NEW");
    await stores.mappings.deleteItem({ kind: "upc", value: "333" });
    expect(await stores.mappings.findItem("GAMMA", { upc: "333" })).toBeUndefined();

    const other = createSqliteStores({ path: join(dir, "state.db") });
    try {
      await other.mappings.upsertItem({ kind: "upc", value: "333", itemRef: "OTHER" });
      expect((await stores.mappings.findItem("GAMMA", { upc: "333" }))?.itemRef).toBe("OTHER");
      await other.mappings.upsertUom({ ediUnit: "CA", x3Unit: "XX" });
      expect(await stores.mappings.findUom(undefined, "CA")).toEqual({ ediUnit: "CA", x3Unit: "XX" });
    } finally {
      await other.close();
    }
  });

  it("check the file's version once in a transaction the audit writes hold open, and again in the next one", async () => {
    await stores.mappings.upsertItem({ kind: "upc", value: "444", itemRef: "FIRST" });
    const held = (naturalKey: string) =>
      stores.audit.recordDocument({ direction: "in", type: "850", partnerId: "ACME", naturalKey, status: "received" });
    await held("850:ACME:V1");
    // The transaction holds the write lock: no other connection commits before it ends.
    versionChecks = 0;
    expect((await stores.mappings.findItem("EPS", { upc: "444" }))?.itemRef).toBe("FIRST");
    await stores.mappings.findUom(undefined, "ZZ");
    await stores.mappings.getPartner("EPS");
    expect(versionChecks).toBe(1);
    await stores.audit.flush();

    const other = createSqliteStores({ path: join(dir, "state.db") });
    try {
      await other.mappings.upsertItem({ kind: "upc", value: "444", itemRef: "SECOND" });
    } finally {
      await other.close();
    }
    // The next transaction reads the version again, and so the other connection's write.
    await held("850:ACME:V2");
    expect((await stores.mappings.findItem("EPS", { upc: "444" }))?.itemRef).toBe("SECOND");
    await stores.audit.flush();
  });

  it("commit a mapping write by itself, with the audit writes held open before it", async () => {
    const document = await stores.audit.recordDocument({
      direction: "in",
      type: "850",
      partnerId: "ACME",
      naturalKey: "850:ACME:HELD",
      status: "received",
    });
    const before = stores.auditTransactions;
    await stores.mappings.upsertPartner({
      partnerId: "DELTA",
      name: "Delta",
      x3Customer: "C2",
      site: "S1",
      orderType: "SON",
      currency: "USD",
    });
    // The held document was committed first, then the partner by itself (no transaction left open to roll back).
    expect(stores.auditTransactions).toBe(before + 1);
    const other = createSqliteStores({ path: join(dir, "state.db") });
    try {
      expect((await other.audit.getDocument(document.id))?.id).toBe(document.id);
      expect((await other.mappings.getPartner("DELTA"))?.name).toBe("Delta");
    } finally {
      await other.close();
    }
  });
});
