import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import {
  type Order,
  type OrderAck,
  parseRsx,
  type RsxDocumentType,
  type RsxIssue,
  RsxSerializeError,
  rsxDocumentTypes,
  serializeRsx,
  validateRsx,
} from "../../src/index.js";
import { documentArbitrary } from "../helpers/arbitraries.js";
import { loadOrderFixtures } from "../helpers/fixtures.js";

// An XML 1.0 parser that is not ours (saxes checks the Char production, as expat does at SPS): whatever our writer
// emits must be well-formed for it.
function wellFormedElsewhere(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
}

const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function orderWith(poNumber: string, note: string): Order {
  return {
    Header: {
      OrderHeader: { TradingPartnerId: "T", PurchaseOrderNumber: poNumber },
      Notes: [{ NoteCode: "GEN", Note: "fine" }, { Note: note }],
    },
  };
}

describe("the XML writer never emits a character XML 1.0 forbids", () => {
  it("refuses such a document with an invalid_character issue at each value's path", () => {
    const order = orderWith("45\u000100", `broken \ud800 surrogate`);
    let error: unknown;
    try {
      serializeRsx(order, { type: "Order", format: "xml" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RsxSerializeError);
    const issues = (error as RsxSerializeError).issues;
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "invalid_character Header.OrderHeader.PurchaseOrderNumber",
      "invalid_character Header.Notes[1].Note",
    ]);
    expect(issues[0]?.message).toContain("U+0001");
    expect(issues[1]?.message).toContain("U+D800");
    // JSON can carry them (escaped), so it is not refused.
    expect(() => serializeRsx(order, { type: "Order", format: "json" })).not.toThrow();
  });

  it('writes U+FFFD instead with forbiddenCharacters: "replace", and the file is well-formed', () => {
    const xml = serializeRsx(orderWith("45\u000100", "a\u001fb\uffffc"), {
      type: "Order",
      format: "xml",
      forbiddenCharacters: "replace",
    });
    expect(wellFormedElsewhere(xml)).toEqual([]);
    const parsed = parseRsx(xml);
    if (!parsed.ok || parsed.type !== "Order") throw new Error("not parsed");
    expect(parsed.document.Header.OrderHeader.PurchaseOrderNumber).toBe("45\ufffd00");
    expect(parsed.document.Header.Notes?.[1]?.Note).toBe("a\ufffdb\ufffdc");
  });

  it("keeps tab, line feed, carriage return and characters beyond the BMP", () => {
    const xml = serializeRsx(orderWith("45", "a\tb\nc\rd 😀 \ue000"), { type: "Order", format: "xml" });
    expect(wellFormedElsewhere(xml)).toEqual([]);
    const parsed = parseRsx(xml);
    expect(parsed.ok && parsed.type === "Order" && parsed.document.Header.Notes?.[1]?.Note).toBe(
      "a\tb\nc\rd 😀 \ue000",
    );
  });

  it("the fixtures, in 7.7 and 7.6, are well-formed for another XML 1.0 parser", () => {
    for (const { order } of loadOrderFixtures()) {
      for (const version of ["7.7", "7.6"] as const) {
        expect(wellFormedElsewhere(serializeRsx(order, { type: "Order", format: "xml", version }))).toEqual([]);
      }
    }
  });

  const anyText = fc.string({ unit: "binary", maxLength: 6 });
  for (const type of rsxDocumentTypes as readonly RsxDocumentType[]) {
    it(`${type}: any text in a value is either written well-formed or refused at its path`, () => {
      fc.assert(
        fc.property(
          documentArbitrary(type),
          anyText,
          fc.constantFrom("7.7", "7.6") as fc.Arbitrary<"7.7" | "7.6">,
          (document, text, version) => {
            // Put the arbitrary text (any UTF-16 code units, lone surrogates and controls included) in the first
            // string value of the document.
            const copy = structuredClone(document) as unknown;
            const path = setFirstString(copy, text);
            let xml: string | undefined;
            try {
              xml = serializeRsx(copy as never, { type, format: "xml", version });
            } catch (error) {
              expect(error).toBeInstanceOf(RsxSerializeError);
              expect(path !== undefined && FORBIDDEN.test(text)).toBe(true);
              expect((error as RsxSerializeError).issues.map((i) => i.path)).toEqual([path]);
              return;
            }
            expect(wellFormedElsewhere(xml)).toEqual([]);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});

describe("validateRsx reports characters XML 1.0 forbids, as the writer would", () => {
  it("refuses a document we send, with an invalid_character issue at each value's path", () => {
    const ack: OrderAck = {
      Header: {
        OrderHeader: {
          TradingPartnerId: "T",
          PurchaseOrderNumber: "45\u000100",
          TsetPurposeCode: "00",
          AcknowledgementType: "AD",
          AcknowledgementDate: "2026-03-03",
        },
        Notes: [{ Note: "fine" }, { Note: "tab\tok, form feed \u000c not" }],
      },
    };
    const result = validateRsx("OrderAck", ack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "invalid_character Header.OrderHeader.PurchaseOrderNumber",
      "invalid_character Header.Notes[1].Note",
    ]);
    expect(result.issues[1]?.message).toContain("U+000C");
    // Without them the same document is valid.
    const clean = structuredClone(ack);
    clean.Header.OrderHeader.PurchaseOrderNumber = "4500";
    clean.Header.Notes = [{ Note: "fine" }];
    expect(validateRsx("OrderAck", clean).ok).toBe(true);
  });

  it("keeps them in a document partners send (850), with a warning at the path", () => {
    const json = JSON.stringify(orderWith("4500", "bell \u0007 in a note"));
    const parsed = parseRsx(json, { type: "Order" });
    if (!parsed.ok || parsed.type !== "Order") throw new Error("not parsed");
    expect(parsed.document.Header.Notes?.[1]?.Note).toBe("bell \u0007 in a note");
    expect(parsed.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["invalid_character Header.Notes[1].Note"]);
    expect(parsed.warnings[0]?.message).toContain("kept as sent");
    // JSON's short escapes \b and \f are such characters too.
    const shortEscapes = parseRsx(
      '{"Header":{"OrderHeader":{"TradingPartnerId":"\\b","PurchaseOrderNumber":"4\\f5"}}}',
    );
    expect(shortEscapes.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      "invalid_character Header.OrderHeader.TradingPartnerId",
      "invalid_character Header.OrderHeader.PurchaseOrderNumber",
    ]);
  });

  it("finds a raw one in a JSON text without a backslash, and an escaped one after other backslashes", () => {
    // Raw U+FFFE and a lone surrogate: JSON.parse takes both, and the text has no backslash to look for.
    const raw = parseRsx('{"Header":{"OrderHeader":{"TradingPartnerId":"a\uFFFE","PurchaseOrderNumber":"4\uD8005"}}}');
    expect(raw.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      "invalid_character Header.OrderHeader.TradingPartnerId",
      "invalid_character Header.OrderHeader.PurchaseOrderNumber",
    ]);
    // Harmless escapes first (a quote, a backslash, a tab), then \u0001.
    const escaped = parseRsx(
      '{"Header":{"OrderHeader":{"TradingPartnerId":"\\"\\\\\\t","PurchaseOrderNumber":"4\\u00015"}}}',
    );
    expect(escaped.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      "invalid_character Header.OrderHeader.PurchaseOrderNumber",
    ]);
  });

  for (const type of rsxDocumentTypes as readonly RsxDocumentType[]) {
    it(`${type}: validateRsx finds exactly the values the XML writer refuses`, () => {
      fc.assert(
        fc.property(documentArbitrary(type), fc.string({ unit: "binary", maxLength: 6 }), (document, text) => {
          const copy = structuredClone(document) as unknown;
          setFirstString(copy, text);
          let refused: string[] = [];
          try {
            serializeRsx(copy as never, { type, format: "xml" });
          } catch (error) {
            refused = (error as RsxSerializeError).issues.map((i) => i.path);
          }
          const characterPaths = (result: { warnings: readonly RsxIssue[]; issues?: readonly RsxIssue[] }) =>
            [...result.warnings, ...(result.issues ?? [])]
              .filter((i) => i.code === "invalid_character")
              .map((i) => i.path);
          expect(characterPaths(validateRsx(type, copy))).toEqual(refused);
          // parseRsx skips the scan for a JSON text that cannot hold one: it must still find every one.
          expect(characterPaths(parseRsx(JSON.stringify(copy), { type }))).toEqual(refused);
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe("validateRsx finds such a character in whichever value holds it", () => {
  // The scan first looks for any value that may hold one (without paths), then walks for the paths: a value it
  // skipped (the last one, one in a nested list) would be a character accepted.
  for (const type of rsxDocumentTypes as readonly RsxDocumentType[]) {
    it(`${type}: any one string value of a document`, () => {
      fc.assert(
        fc.property(documentArbitrary(type), fc.nat(), (document, pick) => {
          const copy = structuredClone(document) as unknown;
          const slots = stringSlots(copy, "");
          if (slots.length === 0) return;
          const slot = slots[pick % slots.length] as (typeof slots)[number];
          slot.holder[slot.key] = "a\u0001b";
          const result = validateRsx(type, copy);
          const found = [...result.warnings, ...(result.ok ? [] : result.issues)]
            .filter((i) => i.code === "invalid_character")
            .map((i) => i.path);
          expect(found).toEqual([slot.path]);
        }),
        { numRuns: 40 },
      );
    });
  }
});

/** Every string value of a document (depth first), with where it sits. */
function stringSlots(
  value: unknown,
  path: string,
): { holder: Record<string | number, unknown>; key: string | number; path: string }[] {
  if (value === null || typeof value !== "object") return [];
  const holder = value as Record<string | number, unknown>;
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => {
    const at = typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
    return typeof holder[key] === "string" ? [{ holder, key, path: at }] : stringSlots(holder[key], at);
  });
}

/** Replaces the first string found (depth first) by `text`; returns its path. */
function setFirstString(value: unknown, text: string, path = ""): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === "string") {
        value[i] = text;
        return `${path}[${i}]`;
      }
      const found = setFirstString(value[i], text, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const at = path === "" ? key : `${path}.${key}`;
    if (typeof record[key] === "string") {
      record[key] = text;
      return at;
    }
    const found = setFirstString(record[key], text, at);
    if (found !== undefined) return found;
  }
  return undefined;
}
