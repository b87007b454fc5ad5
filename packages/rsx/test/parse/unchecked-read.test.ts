import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRsx } from "../../src/index.js";
import { fixturesDir, ordersDir } from "../helpers/fixtures.js";

const files = [
  ...readdirSync(ordersDir).map((name) => ({ name, url: new URL(name, ordersDir) })),
  ...readdirSync(new URL("v7.6/", fixturesDir)).map((name) => ({ name, url: new URL(`v7.6/${name}`, fixturesDir) })),
];

describe("parseRsx with validate: false (a document read back from one's own store)", () => {
  it("gives what the check gives for every fixture that passes it without warnings: JSON, XML, 7.6", () => {
    let compared = 0;
    for (const file of files) {
      const bytes = readFileSync(file.url);
      const checked = parseRsx(bytes, { fileName: file.name, lenient: true });
      if (!checked.ok || checked.warnings.length > 0) continue;
      const unchecked = parseRsx(bytes, { fileName: file.name, lenient: true, validate: false });
      expect(unchecked).toMatchObject({ ok: true, type: checked.type, format: checked.format });
      if (!unchecked.ok) throw new Error(file.name);
      expect(unchecked.version).toBe(checked.version);
      expect(unchecked.document).toEqual(checked.document);
      compared++;
    }
    // The 7.7 850s in both formats and at least one 7.6 file.
    expect(compared).toBeGreaterThanOrEqual(9);
  });

  it("does not check: a value the schema refuses comes back as it is; the size and depth limits still hold", () => {
    const json = files.find((file) => file.name.endsWith("-v7.7-BulkImport.json"));
    const order = JSON.parse(readFileSync(json?.url ?? "", "utf8"));
    order.LineItem[0].OrderLine.OrderQty = "twelve";
    const bytes = JSON.stringify(order);
    expect(parseRsx(bytes, { type: "Order", lenient: true }).ok).toBe(false);
    const unchecked = parseRsx(bytes, { type: "Order", lenient: true, validate: false });
    if (!unchecked.ok || unchecked.type !== "Order") throw new Error("expected an unchecked Order");
    expect(unchecked.document.LineItem?.[0]?.OrderLine?.OrderQty).toBe("twelve");

    const deep = `${"[".repeat(150)}${"]".repeat(150)}`;
    expect(parseRsx(deep, { type: "Order", validate: false })).toMatchObject({
      ok: false,
      issues: [{ code: "too_deep" }],
    });
    expect(parseRsx("{}", { type: "Order", validate: false, maxBytes: 1 })).toMatchObject({ ok: false });
  });
});
