import { DEFAULT_MAX_BYTES, parseRsx } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import { hostileXml, hostileXmlKinds, largeXmlOrder } from "../../src/index.js";

describe("hostile and large XML 850s", () => {
  const expected: Record<(typeof hostileXmlKinds)[number], string | undefined> = {
    "bare-attributes": "syntax",
    attributes: "too_complex",
    elements: "too_complex",
    "long-name": "too_complex",
    // A 10 MB PO number is text the reader takes as is; the flow refuses it as an identifier.
    "long-text": undefined,
    deep: "too_deep",
  };
  for (const kind of hostileXmlKinds) {
    it(`${kind}: just under the 10 MB limit, so it reaches the reader, which stops at its first bound`, () => {
      const text = hostileXml(kind);
      expect(text.length).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
      expect(text.length).toBeGreaterThan(DEFAULT_MAX_BYTES - 2048);
      const result = parseRsx(text, { type: "Order" });
      if (expected[kind] === undefined) return;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((issue) => issue.code)).toEqual([expected[kind]]);
    });
  }

  it("a smaller size on request", () => {
    expect(hostileXml("elements", 4096).length).toBeLessThanOrEqual(4096);
  });

  it("largeXmlOrder: a valid 850 of at least 45,000 XML lines", () => {
    const xml = largeXmlOrder();
    expect(xml.split("\n").length).toBeGreaterThanOrEqual(45_000);
    const result = parseRsx(xml, { type: "Order" });
    expect(result.ok).toBe(true);
    if (result.ok && result.type === "Order") expect(result.document.LineItem).toHaveLength(5000);
  });
});
