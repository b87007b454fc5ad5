import { describe, expect, it } from "vitest";
import { parseRsx, serializeRsx } from "../../src/index.js";
import { valueDepth } from "../../src/parse/depth.js";
import { loadOrderFixtures } from "../helpers/fixtures.js";

const tooDeep = (result: ReturnType<typeof parseRsx>) => {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]).toMatchObject({ path: "", code: "too_deep" });
  expect(result.issues[0]?.message).toMatch(/more than \d+ levels deep/);
};

describe("parseRsx refuses input nested too deep, before parsing and without recursion", () => {
  it("JSON arrays nested 100,000 deep: too_deep, not a stack overflow", () => {
    const result = parseRsx("[".repeat(100_000) + "]".repeat(100_000), { type: "Order" });
    tooDeep(result);
    if (!result.ok) expect(result.format).toBe("json");
  });

  it("JSON objects nested 100,000 deep, also inside a valid-looking Header", () => {
    tooDeep(parseRsx(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`));
    tooDeep(parseRsx(`{"Header":${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}}`, { type: "Order" }));
  });

  it("XML elements nested 100,000 deep: too_deep (the XML parser's own limit used to read as a syntax error)", () => {
    const inner = `${"<Header>".repeat(100_000)}${"</Header>".repeat(100_000)}`;
    const result = parseRsx(`<Orders xmlns="http://www.spscommerce.com/RSX"><Order>${inner}</Order></Orders>`);
    tooDeep(result);
    if (!result.ok) expect(result.format).toBe("xml");
  });

  it("an 856 whose levels nest 50,000 deep (its schema is recursive): too_deep, the compiled check following a few levels only", () => {
    const header = { ShipmentHeader: { TradingPartnerId: "ACME", ShipmentIdentification: "S1" } };
    let level = '{"Pack":{"ShippingSerialID":"1"}}';
    for (let index = 0; index < 50_000; index++) level = `{"PackLevel":[${level}]}`;
    const text = `{"Header":${JSON.stringify(header)},"OrderLevel":[{"OrderHeader":{"PurchaseOrderNumber":"P1"},"PackLevel":[${level}]}]}`;
    tooDeep(parseRsx(text, { type: "Shipment" }));
    tooDeep(parseRsx(text));
  });

  it("the limit is maxDepth (default 100); brackets inside strings and self-closing tags do not count", () => {
    const json = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    expect(valueDepth(JSON.parse(json(100)), 100)).toBe(100);
    expect(valueDepth(JSON.parse(json(101)), 100)).toBe(101);
    expect(valueDepth(JSON.parse('{"a":"[[[[{{{{\\"[[["}'), 100)).toBe(1);
    const xml = (inner: string) => `<Orders xmlns="http://www.spscommerce.com/RSX">${inner}</Orders>`;
    const shallow = parseRsx(xml("<Order><Header/></Order>"), { maxDepth: 2 });
    expect(shallow.ok).toBe(false);
    if (!shallow.ok) expect(shallow.issues[0]?.code).not.toBe("too_deep");
    tooDeep(parseRsx(xml("<Order><Header></Header></Order>"), { maxDepth: 2 }));
    tooDeep(parseRsx(json(101)));
    // 101 levels is not too deep with a higher limit: the array of arrays is then read, and refused as what it is.
    const relaxed = parseRsx(json(101), { maxDepth: 200 });
    expect(relaxed.ok).toBe(false);
    if (!relaxed.ok) expect(relaxed.issues[0]?.code).not.toBe("too_deep");
    tooDeep(parseRsx(`{"Header":${json(3)}}`, { maxDepth: 3 }));
  });

  it("an 850 that passes its schema is measured against a limit below the schema's depth; anything deep is refused first", () => {
    const fixture = loadOrderFixtures()[0];
    if (fixture === undefined) throw new Error("no fixture");
    const text = new TextDecoder().decode(fixture.bytes);
    const depth = valueDepth(JSON.parse(text), 100);
    expect(parseRsx(text, { type: "Order", maxDepth: depth }).ok).toBe(true);
    tooDeep(parseRsx(text, { type: "Order", maxDepth: depth - 1 }));
    tooDeep(parseRsx(text, { type: "Order", maxDepth: depth - 1, validate: false }));
    const deep = `${'{"a":'.repeat(150)}1${"}".repeat(150)}`;
    const withDeep = (json: string, extra: string) => `${json.replace(/}\s*$/, "")},${extra}}`;
    // An unknown property nested 150 deep in an otherwise valid 850, read as an 850, an 855, without a type.
    tooDeep(parseRsx(withDeep(text, `"Extra":${deep}`), { type: "Order" }));
    tooDeep(parseRsx(withDeep(text, `"Extra":${deep}`), { type: "Order", lenient: true }));
    tooDeep(parseRsx(withDeep(text, `"Extra":${deep}`), { type: "Order", validate: false }));
    const ack = withDeep(text, `"LineItem":[{"LineItemAcknowledgement":[${deep}]}]`);
    tooDeep(parseRsx(ack, { type: "Order" }));
    tooDeep(parseRsx(`{"Header":{"Unknown":1},"X":${deep}}`));
    tooDeep(parseRsx(`{"LineItems":{"LineItem":[${deep}]}}`, { type: "Order" }));
  });

  it("counts the levels of objects and arrays as a recursive walk of own values does", () => {
    const reference = (value: unknown): number =>
      value === null || typeof value !== "object"
        ? 0
        : 1 + Math.max(0, ...(Array.isArray(value) ? value : Object.values(value)).map(reference));
    const texts = [
      "1",
      "{}",
      "[]",
      '{"a":[1,{"b":[[]]}],"c":{"d":null}}',
      '[{"a":1},[[{"b":{"c":[]}}]],"x"]',
      // JSON.parse makes "__proto__" an own key: it is counted like any other.
      '{"__proto__":{"a":{"b":{}}},"c":1}',
      ...loadOrderFixtures().map((fixture) => new TextDecoder().decode(fixture.bytes)),
    ];
    for (const text of texts) {
      const value: unknown = JSON.parse(text);
      expect(valueDepth(value, 100), text.slice(0, 60)).toBe(reference(value));
    }
    expect(valueDepth(JSON.parse('{"__proto__":{"a":{"b":{}}}}'), 100)).toBe(4);
  });

  it("real documents are far below the limit, as JSON and as XML", () => {
    for (const fixture of loadOrderFixtures()) {
      const text = new TextDecoder().decode(fixture.bytes);
      expect(valueDepth(JSON.parse(text), 100)).toBeLessThan(20);
      const parsed = parseRsx(fixture.bytes);
      if (!parsed.ok || parsed.type !== "Order") throw new Error(`${fixture.fileName} must parse`);
      const xml = serializeRsx(parsed.document, { type: "Order", format: "xml" });
      expect(parseRsx(xml, { maxDepth: 20 }).ok).toBe(true);
    }
  });
});
