import { describe, expect, it } from "vitest";
import { parseRsx, serializeRsx } from "../../src/index.js";
import { MAX_ISSUES } from "../../src/validate/issues.js";
import { orderFixture, readFixture } from "../helpers/fixtures.js";

const order = () => structuredClone(orderFixture("BulkImport").order) as unknown as Record<string, unknown>;

/** How many issues a `too_many_issues` summary says it leaves out. */
const leftOut = (message: string | undefined) =>
  Number(/^([\d,]+) more issue/.exec(message ?? "")?.[1]?.replace(/,/g, ""));

/** How many lines a `too_many_issues` summary says were not checked (0 when it says none), and after which path. */
const notChecked = (message: string | undefined) => {
  const match = /The ([\d,]+) line\(s\) after (\S+) were not checked/.exec(message ?? "");
  return { count: Number(match?.[1]?.replace(/,/g, "") ?? 0), after: match?.[2] };
};

describe("issues are capped per document: the first 100, then a count of the rest", () => {
  it("a 9.9 MB JSON 850 with 450,000 bad lines: 101 issues and about 20 KB of them; lines past the cap are not checked", () => {
    const document = order();
    document.LineItem = Array.from({ length: 450_000 }, () => ({ Bad: "xxxxxxxxxxx" }));
    const text = JSON.stringify(document);
    expect(text.length).toBeGreaterThan(9.9e6);
    expect(text.length).toBeLessThan(10 * 1024 * 1024);
    const result = parseRsx(text, { type: "Order" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(MAX_ISSUES + 1);
    expect(result.issues[0]).toMatchObject({ path: "LineItem[0].Bad", code: "unrecognized_key" });
    const summary = result.issues.at(-1);
    expect(summary).toMatchObject({ path: "", code: "too_many_issues" });
    // Checking stops just past the cap: one more issue found, the lines after it counted, not checked.
    expect(leftOut(summary?.message)).toBe(1);
    expect(notChecked(summary?.message)).toEqual({ count: 450_000 - MAX_ISSUES - 1, after: "LineItem[100]" });
    expect(JSON.stringify(result.issues).length).toBeLessThan(50_000);
  });

  it("the same as XML, and as warnings in lenient mode", () => {
    const document = order();
    const lines = document.LineItem as Record<string, unknown>[];
    document.LineItem = Array.from({ length: 300 }, (_, i) => ({ ...lines[i % lines.length], Bad: "x" }));
    const xml = serializeRsx(order() as never, { type: "Order", format: "xml" }).replace(
      /<\/Header>/,
      `</Header>${"<LineItem><Bad>x</Bad></LineItem>".repeat(300)}`,
    );
    const strict = parseRsx(xml, { type: "Order" });
    expect(strict.ok).toBe(false);
    if (!strict.ok) {
      expect(strict.issues).toHaveLength(MAX_ISSUES + 1);
      expect(leftOut(strict.issues.at(-1)?.message)).toBe(1);
      // The bad lines come first, then the fixture's own lines: all after the 101st bad one are not checked.
      expect(notChecked(strict.issues.at(-1)?.message).count).toBe(300 + lines.length - MAX_ISSUES - 1);
    }
    const lenient = parseRsx(JSON.stringify(document), { type: "Order", lenient: true });
    expect(lenient.ok).toBe(true);
    expect(lenient.warnings).toHaveLength(MAX_ISSUES + 1);
    expect(lenient.warnings.at(-1)?.code).toBe("too_many_issues");
    // The first 101 lines alone pass in lenient mode, so the whole document was checked: every line counted.
    expect(leftOut(lenient.warnings.at(-1)?.message)).toBe(200);
    expect(notChecked(lenient.warnings.at(-1)?.message).count).toBe(0);
  });

  it("a valid line past the cut is not checked, a bad one before it is reported, and fewer bad lines are all counted", () => {
    const document = order();
    const good = (document.LineItem as unknown[])[0];
    document.LineItem = [good, ...Array.from({ length: 160 }, (_, i) => (i % 3 === 0 ? good : { Bad: "x" }))];
    const result = parseRsx(JSON.stringify(document), { type: "Order" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Lines 1..160: every third is good, so 106 are bad.
    const badIndexes = (document.LineItem as unknown[]).flatMap((line, i) => (line === good ? [] : [i]));
    expect(result.issues[0]?.path).toBe(`LineItem[${badIndexes[0]}].Bad`);
    expect(notChecked(result.issues.at(-1)?.message)).toEqual({
      count: 161 - badIndexes[MAX_ISSUES]! - 1,
      after: `LineItem[${badIndexes[MAX_ISSUES]}]`,
    });

    document.LineItem = [good, ...Array.from({ length: MAX_ISSUES + 1 }, () => ({ Bad: "x" })), good];
    const atCap = parseRsx(JSON.stringify(document), { type: "Order" });
    expect(atCap.ok).toBe(false);
    if (atCap.ok) return;
    // The 101st bad line is the next-to-last: only the good last line was left, so it was checked like the rest.
    expect(leftOut(atCap.issues.at(-1)?.message)).toBe(1);
    expect(notChecked(atCap.issues.at(-1)?.message).count).toBe(1);
  });

  it("an 856 with thousands of bad items across packs stops past the cap too, inside the nested lists", () => {
    const shipment = JSON.parse(readFixture("derived/SH4500012345-1-v7.7-BulkImport.json")) as {
      OrderLevel: { PackLevel: { ItemLevel: unknown[] }[] }[];
    };
    const pack = shipment.OrderLevel[0]!.PackLevel[0]!;
    shipment.OrderLevel[0]!.PackLevel = Array.from({ length: 40 }, () => ({
      ...pack,
      ItemLevel: Array.from({ length: 50 }, () => ({ Bad: "x" })),
    }));
    const result = parseRsx(JSON.stringify(shipment), { type: "Shipment" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(MAX_ISSUES + 1);
    expect(result.issues[0]?.path).toMatch(/^OrderLevel\[0\]\.PackLevel\[0\]\.ItemLevel\[0\]/);
    // 101st bad item: pack 2, item 0. The 49 items after it in that pack and the 37 packs after it are not checked.
    expect(notChecked(result.issues.at(-1)?.message)).toEqual({
      count: 49 + 37,
      after: "OrderLevel[0].PackLevel[2].ItemLevel[0]",
    });
  });

  it("a field name of a megabyte is cut in the message and the path", () => {
    const document = order();
    const header = (document.Header as Record<string, Record<string, unknown>>).OrderHeader!;
    header["K".repeat(1_000_000)] = 1;
    const result = parseRsx(JSON.stringify(document), { type: "Order" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.code).toBe("unrecognized_key");
    expect(result.issues[0]?.message.length).toBeLessThan(400);
    expect(result.issues[0]?.path.length).toBeLessThan(400);
    expect(result.issues[0]?.path).toMatch(/characters cut\)$/);
  });
});
