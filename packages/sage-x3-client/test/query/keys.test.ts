import { describe, expect, it } from "vitest";
import { formatKey, where } from "../../src/index.js";

describe("formatKey", () => {
  it("joins a composite key with ~ and doubles quotes", () => {
    expect(formatKey("SO0000001")).toBe("SO0000001");
    expect(formatKey(["FR01", "2026"])).toBe("FR01~2026");
    expect(formatKey("O'Brien")).toBe("O''Brien");
    // Letters outside ASCII, astral ones and U+007F are not control characters below U+0020.
    expect(formatKey("Zoë 😀\u007f")).toBe("Zoë 😀\u007f");
  });

  it("refuses empty keys, URL delimiters and control characters", () => {
    for (const key of ["", [], ["A", ""], "A/B", "A?B", "A#B", "tab\there", "new\nline", "\u0000", "end\u001f"]) {
      expect(() => formatKey(key)).toThrow(expect.objectContaining({ kind: "validation" }));
    }
  });
});

describe("where values", () => {
  it("refuses every control character below U+0020 and takes the rest", () => {
    for (let code = 0; code < 0x20; code++) {
      expect(() => where.eq("REF", `a${String.fromCharCode(code)}b`)).toThrow(
        expect.objectContaining({ kind: "validation" }),
      );
    }
    expect(where.eq("REF", "a\u0020b 😀").toString()).toBe("REF eq 'a b 😀'");
  });
});
