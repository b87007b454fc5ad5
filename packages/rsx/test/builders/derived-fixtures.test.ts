import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commonRules, parseRsx, parseRsxFileName } from "../../src/index.js";
import { deriveFiles } from "../fixtures/derive.js";
import { fixturesDir, loadOrderFixtures } from "../helpers/fixtures.js";

describe("fixtures built from the 850s", () => {
  const fixtures = loadOrderFixtures();

  it("are what the builders produce today (regenerate with `pnpm --filter @ml-connector/rsx fixtures`)", () => {
    for (const fixture of fixtures) {
      for (const file of deriveFiles(fixture)) {
        expect(readFileSync(new URL(file.name, fixturesDir), "utf8"), file.name).toBe(file.text);
      }
    }
  });

  it("every file parses as the type its name says and passes commonRules, echoing its 850", () => {
    const orders = new Map(fixtures.map((f) => [f.order.Header.OrderHeader.PurchaseOrderNumber, f.order]));
    const files = [
      ...readdirSync(new URL("orders/", fixturesDir)).map((n) => `orders/${n}`),
      ...readdirSync(new URL("derived/", fixturesDir)).map((n) => `derived/${n}`),
    ];
    expect(files).toHaveLength(32);
    for (const name of files) {
      const info = parseRsxFileName(name);
      const order = orders.get(info?.id.replace(/-1$/, "") ?? "");
      const result = parseRsx(readFileSync(new URL(name, fixturesDir)), {
        fileName: name,
        rules: commonRules,
        ...(order ? { related: { order } } : {}),
      });
      expect(result.ok ? [] : result.issues, name).toEqual([]);
      expect(result.ok && result.type, name).toBe(info?.type);
      expect(result.ok && result.format, name).toBe(info?.format);
    }
  });
});
