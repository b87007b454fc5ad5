import { describe, expect, it } from "vitest";
import { parseRsx, serializeRsx } from "../../src/index.js";
import { MAX_ISSUES } from "../../src/validate/issues.js";
import { orderFixture } from "../helpers/fixtures.js";

const order = () => structuredClone(orderFixture("BulkImport").order) as unknown as Record<string, unknown>;

/** How many issues a `too_many_issues` summary says it leaves out. */
const leftOut = (message: string | undefined) =>
  Number(/^([\d,]+) more issue/.exec(message ?? "")?.[1]?.replace(/,/g, ""));

describe("issues are capped per document: the first 100, then a count of the rest", () => {
  it("a 9.9 MB JSON 850 with 450,000 bad lines: 101 issues and about 20 KB of them, not 100 MB", () => {
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
    expect(leftOut(summary?.message)).toBe(450_000 - MAX_ISSUES);
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
      expect(leftOut(strict.issues.at(-1)?.message)).toBe(200);
    }
    const lenient = parseRsx(JSON.stringify(document), { type: "Order", lenient: true });
    expect(lenient.ok).toBe(true);
    expect(lenient.warnings).toHaveLength(MAX_ISSUES + 1);
    expect(lenient.warnings.at(-1)?.code).toBe("too_many_issues");
    expect(leftOut(lenient.warnings.at(-1)?.message)).toBe(200);
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
