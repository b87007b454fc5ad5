import { describe, expect, it } from "vitest";
import { sha256Hex, stableJson } from "../src/index.js";

describe("stableJson", () => {
  it("writes keys sorted by UTF-16 code unit, leaves undefined properties out and writes undefined items as null", () => {
    const value = {
      b: [1, "x", null, undefined, { z: 1, a: undefined }],
      a: { é: true, Z: 2.5, 'a"q': "é\n" },
      u: undefined,
      "": [],
    };
    expect(stableJson(value)).toBe('{"":[],"a":{"Z":2.5,"a\\"q":"é\\n","é":true},"b":[1,"x",null,null,{"z":1}]}');
  });

  it("gives the same text whatever order the keys were written in", () => {
    const one = { key: "INV1", lines: [{ quantity: 2, item: "A" }], total: 3 };
    const other = { total: 3, lines: [{ item: "A", quantity: 2 }], key: "INV1" };
    expect(stableJson(other)).toBe(stableJson(one));
    // The fingerprints already stored were taken of this exact text.
    expect(sha256Hex(stableJson(one))).toBe(sha256Hex('{"key":"INV1","lines":[{"item":"A","quantity":2}],"total":3}'));
  });

  it("writes what JSON.stringify writes for scalars, and null for what it cannot write", () => {
    expect([1.5, "a", true, null, undefined, () => 1].map(stableJson)).toEqual([
      "1.5",
      '"a"',
      "true",
      "null",
      "null",
      "null",
    ]);
    expect(stableJson({ f: () => 1 })).toBe('{"f":null}');
    expect(stableJson({})).toBe("{}");
    expect(stableJson([])).toBe("[]");
  });
});
