import { describe, expect, it } from "vitest";
import { checkRules, defineRuleSet, type Order, parseRsx, select, validateRsx } from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

const order = (): Order => structuredClone(orderFixture("BulkImport").order);

describe("partner rule sets", () => {
  const acme = defineRuleSet({
    name: "acme",
    documents: {
      Order: {
        required: [
          "Header.OrderHeader.Vendor",
          "Header.OrderHeader.ReleaseNumber",
          "LineItem[*].OrderLine.BuyerPartNumber",
          "Header.Address[AddressTypeCode=ST].PostalCode",
          "Header.Address[AddressTypeCode=Z7]",
        ],
        maxLength: { "Header.OrderHeader.PurchaseOrderNumber": 8 },
        allowed: { "LineItem[*].OrderLine.OrderQtyUOM": ["EA"] },
        pattern: { "Header.OrderHeader.Vendor": /^\d{7}$/ },
        custom: [
          (doc, ctx) => {
            if ((doc.LineItem?.length ?? 0) > 3)
              ctx.report("LineItem", "acme_max_lines", "Acme accepts at most 3 lines per PO.");
          },
        ],
      },
    },
  });

  it("reports each violated rule at its path, with the rule set's name", () => {
    const doc = order();
    delete doc.LineItem![1]!.OrderLine!.BuyerPartNumber;
    const result = validateRsx("Order", doc, { rules: acme });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "rule_required Header.OrderHeader.ReleaseNumber",
      "rule_required LineItem[1].OrderLine.BuyerPartNumber",
      "rule_required Header.Address[AddressTypeCode=Z7]",
      "rule_max_length Header.OrderHeader.PurchaseOrderNumber",
      "rule_allowed LineItem[2].OrderLine.OrderQtyUOM",
      "acme_max_lines LineItem",
    ]);
    expect(result.issues.every((i) => i.rule === "acme")).toBe(true);
    expect(result.issues[0]?.message).toContain('Rule set "acme" requires Header.OrderHeader.ReleaseNumber');
  });

  it("applies document blocks only to their type, top-level checks to appliesTo", () => {
    const everywhere = defineRuleSet({
      name: "tp",
      appliesTo: ["Invoice"],
      required: ["Header.OrderHeader.ReleaseNumber"],
    });
    expect(validateRsx("Order", order(), { rules: everywhere }).ok).toBe(true);
    expect(validateRsx("Order", order(), { rules: acme }).ok).toBe(false);
  });

  it("checkRules on a document the parser accepted finds what validateRsx finds", () => {
    const parsed = parseRsx(orderFixture("DropShip").bytes);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.type !== "Order") return;
    const document = parsed.document as Order;
    const checked = checkRules("Order", document, { rules: [acme] });
    const validated = validateRsx("Order", document, { rules: [acme] });
    expect(checked.ok).toBe(false);
    if (checked.ok || validated.ok) return;
    expect(checked.issues).toEqual(validated.issues);
    expect(checkRules("Order", order(), { rules: [] })).toMatchObject({ ok: true, warnings: [] });
  });

  it("can report as warnings", () => {
    const soft = defineRuleSet({ name: "soft", severity: "warning", required: ["Header.OrderHeader.JobNumber"] });
    const result = validateRsx("Order", order(), { rules: [soft] });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.rule} ${w.code} ${w.path}`)).toEqual([
      "soft rule_required Header.OrderHeader.JobNumber",
    ]);
  });

  it("runs rules only on documents that passed the schema", () => {
    const calls: string[] = [];
    const spy = defineRuleSet({ name: "spy", custom: [(_doc, ctx) => calls.push(ctx.type)] });
    validateRsx("Order", { Header: {} }, { rules: spy });
    expect(calls).toEqual([]);
    validateRsx("Order", order(), { rules: spy });
    expect(calls).toEqual(["Order"]);
  });

  it("is accepted by parseRsx", () => {
    const result = parseRsx(orderFixture("DropShip").bytes, { rules: [acme] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.some((i) => i.rule === "acme")).toBe(true);
  });

  it("turns a custom rule that throws into an issue", () => {
    const buggy = defineRuleSet({
      name: "buggy",
      custom: [
        () => {
          throw new TypeError("boom");
        },
      ],
    });
    const result = validateRsx("Order", order(), { rules: buggy });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        { path: "", code: "rule_error", rule: "buggy", message: expect.stringContaining("boom") },
      ]);
  });

  it("refuses a malformed selector when the rule set is defined", () => {
    expect(() => defineRuleSet({ name: "bad", required: ["Header.Address[=ST]"] })).toThrow(/Invalid selector/);
  });

  it("selects by index, wildcard and field value", () => {
    const doc = order();
    expect(select(doc, "LineItem[1].OrderLine.LineSequenceNumber").found).toEqual([
      { path: "LineItem[1].OrderLine.LineSequenceNumber", value: "2" },
    ]);
    expect(select(doc, "LineItem[].OrderLine.OrderQty").found.map((f) => f.value)).toEqual([24, 12, 6, 48]);
    expect(select(doc, "Header.Address[AddressTypeCode=VN].City").found).toEqual([
      { path: "Header.Address[1].City", value: "Dayton" },
    ]);
    expect(select(doc, "Header.Address[AddressTypeCode=SF].City").missing).toEqual([
      { path: "Header.Address[AddressTypeCode=SF]", reason: "no_match", rest: "City" },
    ]);
  });
});
