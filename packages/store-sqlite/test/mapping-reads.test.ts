import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-mapping-reads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every statement's `get`, counted: the reads a lookup costs (each is a round through better-sqlite3 and SQLite).
const probe = new Database(":memory:");
const statementPrototype = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { get: (...args: unknown[]) => unknown };
probe.close();
const originalGet = statementPrototype.get;
let reads = 0;
statementPrototype.get = function (this: unknown, ...args: unknown[]) {
  reads += 1;
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
});
