import { describe, expect, it } from "vitest";
import { parseRsx, RSX_NAMESPACE, serializeRsx } from "../../src/index.js";
import { readXml, XML_LIMITS } from "../../src/xml/read-xml.js";
import { orderFixture } from "../helpers/fixtures.js";

const ns = `xmlns="${RSX_NAMESPACE}"`;
const header =
  "<Header><OrderHeader><TradingPartnerId>T</TradingPartnerId><PurchaseOrderNumber>1</PurchaseOrderNumber></OrderHeader></Header>";

/** The one issue of a refused input. */
function refusal(input: string) {
  const result = parseRsx(input, { type: "Order" });
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("accepted");
  expect(result.issues).toHaveLength(1);
  expect(result.format).toBe("xml");
  return result.issues[0]!;
}

describe("the XML reader refuses what no RSX document needs, as soon as the bound is passed", () => {
  it("more attributes on one element than the limit: too_complex, naming the element", () => {
    const attributes = Array.from({ length: XML_LIMITS.maxAttributes + 1 }, (_, i) => ` a${i}="1"`).join("");
    const issue = refusal(`<Orders ${ns}${attributes}><Order>${header}</Order></Orders>`);
    expect(issue).toMatchObject({ path: "", code: "too_complex" });
    expect(issue.message).toMatch(/<Orders> has more than 64 attributes/);
    expect(issue.message).toMatch(/line 1, column \d+/);
    // At the limit it is read (and the namespace is still found).
    const atLimit = Array.from({ length: XML_LIMITS.maxAttributes - 1 }, (_, i) => ` a${i}="1"`).join("");
    expect(parseRsx(`<Orders ${ns}${atLimit}><Order>${header}</Order></Orders>`)).toMatchObject({
      ok: true,
      warnings: [],
    });
  });

  it("the attack of `<Orders xmlns:a` followed by millions of bare attributes stops at the first one", () => {
    const issue = refusal(`<Orders xmlns:a${" a".repeat(2_000_000)}`);
    expect(issue).toMatchObject({ code: "syntax" });
    expect(issue.message).toMatch(/attribute 'xmlns:a' has no value/);
    expect(issue.message.length).toBeLessThan(300);
  });

  it("an element or attribute name longer than the limit: too_complex, the name not repeated in full", () => {
    const long = "A".repeat(100_000);
    for (const input of [
      `<Orders ${ns}><Order><${long}>1</${long}></Order></Orders>`,
      `<Orders ${ns} ${long}="1"><Order/></Orders>`,
      `<Orders ${ns}><Order></${long}></Order></Orders>`,
    ]) {
      const issue = refusal(input);
      expect(issue.code).toBe("too_complex");
      expect(issue.message).toMatch(/longer than 256 characters/);
      expect(issue.message.length).toBeLessThan(300);
    }
    const name = "A".repeat(XML_LIMITS.maxNameLength);
    expect(readXml(`<${name}/>`, { ...XML_LIMITS, maxDepth: 100 }).ok).toBe(true);
  });

  it("more elements than the limit: too_complex, without building them all", () => {
    const issue = refusal(`<Orders ${ns}><Order>${header}${"<X/>".repeat(XML_LIMITS.maxElements)}</Order></Orders>`);
    expect(issue.code).toBe("too_complex");
    expect(issue.message).toMatch(/more than 500,000 elements/);
  });

  it("depth is counted on open elements: too_deep past maxDepth, self-closing ones do not open a level", () => {
    const deep = (n: number) => `<Orders ${ns}>${"<a>".repeat(n)}${"</a>".repeat(n)}</Orders>`;
    expect(refusal(deep(100)).code).toBe("too_deep");
    expect(parseRsx(deep(98), { type: "Order" })).toMatchObject({ ok: false, issues: [{ code: "empty" }] });
    expect(readXml(`<a>${"<b/>".repeat(500)}</a>`, { ...XML_LIMITS, maxDepth: 1 }).ok).toBe(true);
  });
});

describe("the XML reader checks that the file is well formed", () => {
  const cases: [string, string, RegExp][] = [
    [
      "text after the root",
      `<Orders ${ns}><Order>${header}</Order></Orders>junk`,
      /line 1, column \d+: text after the root/,
    ],
    ["a second root", `<Orders ${ns}><Order/></Orders><Orders/>`, /second root element/],
    [
      "a bare &",
      `<Orders ${ns}><Order>${header.replace(">1<", ">A & B<")}</Order></Orders>`,
      /'&' must start a reference/,
    ],
    ["'<' in an attribute", `<Orders ${ns} a="<"><Order/></Orders>`, /'<' in the value of attribute 'a'/],
    ["an unquoted attribute", `<Orders ${ns} a=1><Order/></Orders>`, /not quoted/],
    ["a repeated attribute", `<Orders ${ns} a="1" a="2"><Order/></Orders>`, /attribute 'a' is repeated/],
    ["an unclosed comment", `<Orders ${ns}><!-- <Order/></Orders>`, /comment/],
    ["an unclosed CDATA", `<Orders ${ns}><Order><![CDATA[x</Order></Orders>`, /CDATA/],
    [
      "mismatched tags",
      `<Orders ${ns}>\n<Order></Orders>`,
      /line 2, column 8: expected the end tag <\/Order> \(opened at line 2, column 1\)/,
    ],
    ["an end tag closing nothing", `</Orders>`, /closes no open element/],
    ["an invalid name", `<Orders ${ns}><1Order/></Orders>`, /'1Order' is not a valid XML name/],
    ["a declaration after the start", ` <?xml version="1.0"?><Orders/>`, /only at the very start/],
    ["the input ends inside a tag", `<Orders ${ns}><Order`, /ends inside the tag <Order; the file looks truncated/],
    ["the input ends with elements open", `<Orders ${ns}><Order>`, /2 element\(s\) still open \(<Orders>, <Order>\)/],
    ["no root element", `<?xml version="1.0"?><!-- nothing -->`, /no root element/],
  ];
  for (const [name, input, says] of cases) {
    it(name, () => {
      const issue = refusal(input);
      expect(issue.code).toBe("syntax");
      expect(issue.message).toMatch(says);
    });
  }

  it("reads prefixes, comments and processing instructions, and finds the root's own namespace", () => {
    const xml = serializeRsx(orderFixture("BulkImport").order, { type: "Order", format: "xml" });
    const prefixed = xml
      .replace(
        `<Orders ${ns}>`,
        `<?xml-stylesheet href="x"?><!-- c --><rsx:Orders xmlns:rsx="${RSX_NAMESPACE}" xmlns="urn:other">`,
      )
      .replace("</Orders>", "</rsx:Orders>")
      .replace("<Order>", "<rsx:Order>")
      .replace("</Order>", "</rsx:Order>");
    const result = parseRsx(prefixed);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (result.ok) expect(result.document).toEqual(orderFixture("BulkImport").order);
  });
});

describe("element names that are JavaScript's own", () => {
  it("an element named __proto__ is an unknown key the schema reports, never an object's prototype", () => {
    const polluted = `<Orders ${ns}><Order><Header><OrderHeader><TradingPartnerId>T</TradingPartnerId><PurchaseOrderNumber>1</PurchaseOrderNumber><__proto__><isAdmin>true</isAdmin></__proto__></OrderHeader></Header></Order></Orders>`;
    const result = parseRsx(polluted, { type: "Order", lenient: false });
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error("accepted");
    expect(result.issues.map((i) => i.path)).toContain("Header.OrderHeader.__proto__");
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
