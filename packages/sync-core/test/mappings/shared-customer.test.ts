import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  applyMappings,
  createMemoryStores,
  importMappingCsvFile,
  isConnectorError,
  loadMappingsFromConfig,
} from "../../src/index.js";

// Two SPS partners on one X3 customer would share the X3 key (customer + PO number): the second partner's PO 1001
// would be found as the first one's order and dropped as a duplicate. Refused wherever partners come in.

const acme = { partnerId: "ACME", x3Customer: "C0001", site: "US01", orderType: "SON", currency: "USD" };
const bigbox = { ...acme, partnerId: "BIGBOX" };

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function mappingMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isConnectorError(error) && error.kind === "mapping") return error.message;
    throw error;
  }
  throw new Error("expected a mapping error");
}

describe("two partners on one X3 customer", () => {
  it("are refused in a config, naming both and the customer", () => {
    const message = mappingMessage(() => loadMappingsFromConfig({ partners: [acme, bigbox] }, { source: "c.json" }));
    expect(message).toContain("partners ACME, BIGBOX are all mapped to X3 customer C0001");
  });

  it("one partner per customer is fine, and so is one customer for sales and the same code as a supplier", () => {
    const set = loadMappingsFromConfig({
      partners: [
        acme,
        { ...bigbox, x3Customer: "C0002" },
        { ...bigbox, partnerId: "SUPPLY", orderKind: "purchase", x3Customer: undefined, x3Supplier: "C0001" },
      ],
    });
    expect(set.partners.map((partner) => partner.partnerId)).toEqual(["ACME", "BIGBOX", "SUPPLY"]);
  });

  it("are refused by `mappings import` against the partners already stored, and nothing is written", async () => {
    const { mappings } = createMemoryStores();
    await applyMappings(mappings, { partners: [acme] });
    dir = mkdtempSync(join(tmpdir(), "ml-connector-partners-"));
    const file = join(dir, "partners.csv");
    writeFileSync(file, "partnerId,x3Customer,site,orderType,currency\nBIGBOX,C0001,US01,SON,USD\n");
    await expect(importMappingCsvFile(mappings, "partners", file)).rejects.toMatchObject({
      kind: "mapping",
      message: expect.stringContaining("ACME, BIGBOX"),
    });
    expect((await mappings.listPartners()).map((partner) => partner.partnerId)).toEqual(["ACME"]);

    // Re-importing ACME itself (its own customer) replaces it: no conflict with itself.
    writeFileSync(file, "partnerId,x3Customer,site,orderType,currency\nACME,C0001,US02,SON,USD\n");
    expect(await importMappingCsvFile(mappings, "partners", file)).toBe(1);
  });

  it("are refused by applyMappings against the stored partners", async () => {
    const { mappings } = createMemoryStores();
    await applyMappings(mappings, { partners: [acme] });
    await expect(applyMappings(mappings, { partners: [bigbox] })).rejects.toMatchObject({ kind: "mapping" });
  });
});
