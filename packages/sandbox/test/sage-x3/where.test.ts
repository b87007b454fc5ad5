import { describe, expect, it } from "vitest";
import { evaluateWhere, parseWhere, whereFields } from "../../src/sage-x3/where.js";

const record = {
  BPCORD: "C0001",
  CUSORDREF: "O'Brien",
  QTY: 5,
  UPDDATTIM: "2026-11-28T10:00:00Z",
  ORDDAT: "2026-11-28",
};

describe("Sage X3 sandbox where parser", () => {
  it.each([
    ["BPCORD eq 'C0001'", true],
    ["BPCORD ne 'C0001'", false],
    ["CUSORDREF eq 'O''Brien'", true],
    ["QTY gt 4 and QTY le 5", true],
    ["QTY lt 5 or BPCORD in ('X', 'C0001')", true],
    ["(QTY ge 6) or (not (BPCORD eq 'C0002'))", true],
    ["UPDDATTIM gt @2026-11-28T09:59:59Z@", true],
    ["UPDDATTIM ge @2026-11-28T10:00:01Z@", false],
    ["ORDDAT between @2026-11-01@ and @2026-11-30@", true],
    ["BPCORD eq 'x'' or ''1'' eq ''1'", false],
  ])("%s → %s", (clause, expected) => {
    expect(evaluateWhere(parseWhere(clause), record)).toBe(expected);
  });

  it("names every field, for the unknown-property check", () => {
    expect(whereFields(parseWhere("(A eq 1 or B in (2)) and not C gt 'x'"))).toEqual(["A", "B", "C"]);
  });

  it.each([
    "BPCORD eq",
    "BPCORD eq 'open",
    "BPCORD like 'x'",
    "eq 'x'",
    "A eq 1 B eq 2",
    "A eq @2026-13-99@",
    "A eq 1)",
  ])("rejects %j", (clause) => {
    expect(() => parseWhere(clause)).toThrow();
  });
});
