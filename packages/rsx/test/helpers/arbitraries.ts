import fc from "fast-check";
import { z } from "zod";
import { type RsxDocumentMap, type RsxDocumentType, rsxDate, rsxDocumentSchemas, rsxTime } from "../../src/index.js";
import { collapseWhitespace, isFreeTextField } from "../../src/xml/xml-to-value.js";

// fast-check arbitraries for RSX documents, derived from the zod schemas themselves, so every field of every
// document can appear: strings with XML-special characters, unicode and leading zeros, single-element arrays,
// decimals, empty groups, booleans, codes from the code lists, real dates and times.

type AnySchema = z.core.$ZodType;

const SPECIAL = [
  "&",
  "<",
  ">",
  '"',
  "'",
  "&amp;",
  "]]>",
  " ",
  "\n",
  "\t",
  "0",
  "00",
  "é",
  "ß",
  "中",
  "😀",
  "\u00a0",
  "Ω",
];

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (char === "\n" || char === "\t") return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff;
}

const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 5, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 1 })
      // XML 1.0 cannot carry most control characters; RSX text never has them.
      .filter((s) => !Array.from(s).some(isControl)),
  },
);

function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: textUnit, minLength, maxLength }).map((s) => {
    // Units can be several characters long: keep within the schema's length limits.
    const chars = Array.from(s);
    return chars.length > maxLength ? chars.slice(0, maxLength).join("") : s;
  });
}

const dateArb = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const timeArb = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
    fc.constantFrom("", "Z", "-05:00", "+01:00", "-06:00"),
  )
  .map(([h, m, s, offset]) => `${pad(h)}:${pad(m)}:${pad(s)}${offset}`);

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

const noNegativeZero = (n: number): number => (Object.is(n, -0) ? 0 : n);

const decimalArb = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => noNegativeZero(n / 100)),
  fc.integer({ min: 0, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map(noNegativeZero),
);

const MAX_DEPTH = 7;

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    if (def.type === "optional" || def.type === "nullable" || def.type === "readonly") {
      current = (def as z.core.$ZodOptionalDef).innerType;
    } else if (def.type === "lazy") current = (def as z.core.$ZodLazyDef).getter();
    else if (def.type === "pipe") current = (def as z.core.$ZodPipeDef).in;
    else return current;
  }
}

function isOptional(schema: AnySchema): boolean {
  return schema._zod.def.type === "optional" || schema._zod.optin === "optional";
}

function arbitraryFor(schema: AnySchema, depth: number): fc.Arbitrary<unknown> {
  const inner = unwrap(schema);
  if (inner === (rsxDate as unknown as AnySchema)) return dateArb;
  if (inner === (rsxTime as unknown as AnySchema)) return timeArb;
  const def = inner._zod.def;
  switch (def.type) {
    case "string": {
      const s = inner as unknown as z.ZodString;
      return text(s.minLength ?? 0, Math.min(s.maxLength ?? 12, 12));
    }
    case "number":
      return (inner as unknown as z.ZodNumber).isInt ? fc.integer({ min: 0, max: 99_999 }) : decimalArb;
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values((def as z.core.$ZodEnumDef).entries));
    case "literal":
      return fc.constantFrom(...(def as z.core.$ZodLiteralDef<z.core.util.Literal>).values);
    case "array": {
      const element = (def as z.core.$ZodArrayDef).element;
      // At least one entry: XML cannot tell an empty list from an absent one.
      return fc.array(arbitraryFor(element, depth + 1), { minLength: 1, maxLength: depth > 3 ? 1 : 2 });
    }
    case "object": {
      const shape = (def as z.core.$ZodObjectDef).shape;
      const keys = Object.keys(shape);
      const required = keys.filter((k) => {
        const field = shape[k];
        return field !== undefined && !isOptional(field);
      });
      const optional = depth >= MAX_DEPTH ? [] : keys.filter((k) => !required.includes(k));
      return fc.subarray(optional, { maxLength: Math.min(optional.length, depth < 2 ? 6 : 3) }).chain((chosen) => {
        const fields: Record<string, fc.Arbitrary<unknown>> = {};
        for (const key of [...required, ...chosen]) {
          const field = shape[key];
          // Only free text keeps its whitespace in XML; other values are what XML Schema's collapsing leaves.
          if (field)
            fields[key] = isFreeTextField(key)
              ? arbitraryFor(field, depth + 1)
              : arbitraryFor(field, depth + 1).map((v) => (typeof v === "string" ? collapseWhitespace(v) : v));
        }
        return fc.record(fields);
      });
    }
    default:
      throw new Error(`No arbitrary for zod type ${def.type}`);
  }
}

/** Valid documents of one type, generated from its schema (invalid combinations are filtered out). */
export function documentArbitrary<T extends RsxDocumentType>(type: T): fc.Arbitrary<RsxDocumentMap[T]> {
  const schema = rsxDocumentSchemas[type] as unknown as z.ZodType;
  return arbitraryFor(schema as unknown as AnySchema, 0)
    .filter((value) => schema.safeParse(value).success)
    .map((value) => value as RsxDocumentMap[T]);
}

export { z };
