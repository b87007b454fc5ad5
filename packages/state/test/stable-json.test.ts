import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256, sha256Hex, stableJson } from "../src/index.js";

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

  it("sorts few and many keys alike, the same key written the same each time", () => {
    const keys = [
      "b",
      "B",
      "a",
      "é",
      "_",
      "10",
      "9",
      "",
      "ab",
      "a b",
      'q"',
      "Z",
      "z",
      "\u00e9",
      "x",
      "y",
      "w",
      "v",
      "u",
    ];
    for (const count of [2, 5, 16, 17, keys.length]) {
      const picked = keys.slice(0, count);
      const value = Object.fromEntries(picked.map((key, index) => [key, index]));
      const expected = `{${[...new Set(picked)]
        .sort()
        .map((key) => `${JSON.stringify(key)}:${JSON.stringify(value[key])}`)
        .join(",")}}`;
      expect(stableJson(value)).toBe(expected);
      expect(stableJson(value)).toBe(expected);
    }
  });
});

describe("sha256", () => {
  it("answers what createHash answers, for text (as UTF-8) and bytes", () => {
    for (const input of ["", "abc", "é€😀", new TextEncoder().encode("é€😀"), new Uint8Array([0, 255, 1])]) {
      for (const encoding of ["hex", "base64url"] as const) {
        expect(sha256(input, encoding)).toBe(createHash("sha256").update(input).digest(encoding));
      }
      expect(sha256Hex(input)).toBe(createHash("sha256").update(input).digest("hex"));
    }
  });
});
