import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { compiledCheckOf } from "../src/index.js";

// A record like the X3 client's: a loose object of more than a part's nodes (walked), with a line array.
const line = z.looseObject({ LIN: z.number().int().optional(), ITM: z.string(), QTY: z.number() });
const fields = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`F${i}`, z.string().optional()]));
const record = z.looseObject({ ...fields, KEY: z.string(), LINES: z.array(line).optional() });
const strict = z.strictObject({ ...fields, KEY: z.string() });

const valid = { KEY: "K1", F0: "a", F3: "b", EXTRA: { anything: 1 }, LINES: [{ LIN: 1, ITM: "I", QTY: 2, MORE: "x" }] };

describe("compiledCheckOf", () => {
  it("answers as zod's parser does on values valid and broken in every place it walks", () => {
    const check = compiledCheckOf(record as unknown as z.core.$ZodType);
    expect(check).toBeTypeOf("function");
    const cases: unknown[] = [
      valid,
      { ...valid, F0: undefined },
      { KEY: "K2" },
      { ...valid, KEY: 1 },
      { ...valid, F5: 5 },
      { F0: "a" },
      { ...valid, LINES: [{ ITM: "I" }] },
      { ...valid, LINES: [{ LIN: 1.5, ITM: "I", QTY: 1 }] },
      { ...valid, LINES: { 0: { ITM: "I", QTY: 1 } } },
      { ...valid, LINES: [null] },
      [],
      null,
      "text",
    ];
    for (const value of cases) expect(check?.(value), JSON.stringify(value)).toBe(record.safeParse(value).success);
  });

  it("checks each leaf by its own schema where plain leaves share one compiled function, and a group used twice one part", () => {
    // Plain strings, numbers and booleans share a function; a leaf with checks or a code list does not.
    const address = z.strictObject({ Name: z.string().optional(), Code: z.enum(["ST", "BT"]).optional() });
    const leaves = z.strictObject({
      ...fields,
      S: z.string(),
      N: z.number().optional(),
      B: z.boolean().optional(),
      Short: z.string().max(3).optional(),
      Int: z.number().int().optional(),
      Code: z.enum(["A", "B"]).optional(),
      Ship: address.optional(),
      Bill: address.optional(),
    });
    const check = compiledCheckOf(leaves as unknown as z.core.$ZodType);
    expect(check).toBeTypeOf("function");
    const base = { S: "s", F1: "f" };
    const cases: unknown[] = [
      base,
      { ...base, N: 1.5, B: true, Short: "abc", Int: 2, Code: "A" },
      { ...base, S: 1 },
      { ...base, N: "1" },
      { ...base, N: Number.POSITIVE_INFINITY },
      { ...base, B: "true" },
      { ...base, Short: "abcd" },
      { ...base, Int: 1.5 },
      { ...base, Code: "C" },
      { ...base, F2: 2 },
      { ...base, Ship: { Name: "n", Code: "ST" }, Bill: { Code: "BT" } },
      { ...base, Ship: { Name: "n" }, Bill: { Code: "XX" } },
      { ...base, Bill: { Name: 1 } },
      { ...base, Ship: { Other: "x" } },
    ];
    for (const value of cases) expect(check?.(value), JSON.stringify(value)).toBe(leaves.safeParse(value).success);
  });

  it("refuses a key a strict object does not declare, and an absent required key is left to the parser", () => {
    const check = compiledCheckOf(strict as unknown as z.core.$ZodType);
    expect(check?.({ KEY: "K", F1: "a" })).toBe(true);
    expect(check?.({ KEY: "K", OTHER: "a" })).toBe(false);
    expect(check?.({ F1: "a" })).toBe(false);
  });

  it("reads the keys present, and answers as zod does where for...in does not show what zod reads", () => {
    // Checked from the keys present; a value whose own or inherited properties for...in hides (non-enumerable, on
    // a prototype) is read as zod reads it, every declared key looked up.
    const hidden = { KEY: "K" };
    Object.defineProperty(hidden, "F2", { value: 5, enumerable: false });
    const hiddenValid = { KEY: "K" };
    Object.defineProperty(hiddenValid, "F2", { value: "ok", enumerable: false });
    const hiddenRequired = {};
    Object.defineProperty(hiddenRequired, "KEY", { value: "K", enumerable: false });
    const nullPrototype = Object.assign(Object.create(null) as object, { KEY: "K", F1: "a" });
    const cases: unknown[] = [
      { KEY: "K", F19: "z", F0: "a" },
      { KEY: undefined },
      { F0: "a", F1: undefined },
      hidden,
      hiddenValid,
      hiddenRequired,
      Object.create({ F3: 3 }, { KEY: { value: "K", enumerable: true } }),
      Object.create({ F3: "c" }, { KEY: { value: "K", enumerable: true } }),
      Object.create({ KEY: "K" }),
      nullPrototype,
      Object.assign(Object.create(null) as object, { KEY: "K", F1: 1 }),
      { ...valid, LINES: [Object.create({ QTY: "2" }, { ITM: { value: "I", enumerable: true } })] },
    ];
    for (const [schema, name] of [
      [record, "loose"],
      [strict, "strict"],
    ] as const) {
      const check = compiledCheckOf(schema as unknown as z.core.$ZodType);
      for (const value of cases) {
        const zodSays = schema.safeParse(value).success;
        // A false answer only sends the value to the parser; a true one must be zod's.
        if (check?.(value)) expect(zodSays, `${name} ${JSON.stringify(value)}`).toBe(true);
        if (zodSays) expect(check?.(value), `${name} ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });

  it("reads a declared key every object inherits (constructor, toString) as zod does", () => {
    const withConstructor = z.strictObject({ ...fields, constructor: z.string().optional(), KEY: z.string() });
    const check = compiledCheckOf(withConstructor as unknown as z.core.$ZodType);
    for (const value of [
      { KEY: "K" },
      { KEY: "K", constructor: "c" },
      Object.assign(Object.create(null), { KEY: "K" }),
    ]) {
      expect(check?.(value)).toBe(withConstructor.safeParse(value).success);
    }
  });

  describe("on a value JSON.parse made (fromJson)", () => {
    afterEach(() => {
      vi.restoreAllMocks();
      delete (Object.prototype as Record<string, unknown>).POLLUTED;
    });

    it("answers as zod does, reading objects from the keys for...in shows and making no list of their names", () => {
      const names = vi.spyOn(Object, "getOwnPropertyNames");
      const texts = [
        JSON.stringify(valid),
        '{"KEY":"K","F0":"a","LINES":[{"ITM":"I","QTY":2}]}',
        '{"KEY":"K","F0":1}',
        '{"KEY":"K","__proto__":{"F1":1}}',
        '{"F0":"a"}',
        '{"KEY":"K","LINES":[{"ITM":"I"}]}',
      ];
      for (const [schema, name] of [
        [record, "loose"],
        [strict, "strict"],
      ] as const) {
        const check = compiledCheckOf(schema as unknown as z.core.$ZodType);
        for (const text of texts) {
          const value: unknown = JSON.parse(text);
          expect(check?.(value, true), `${name} ${text}`).toBe(schema.safeParse(value).success);
        }
      }
      expect(names).not.toHaveBeenCalled();
      // Not told so, a value is read as before: one whose own property for...in hides is looked at closely.
      const hidden = { KEY: "K" };
      Object.defineProperty(hidden, "F2", { value: 5, enumerable: false });
      expect(compiledCheckOf(record as unknown as z.core.$ZodType)?.(hidden)).toBe(false);
    });

    it("still answers as zod does when Object.prototype has an enumerable property that every for...in shows", () => {
      (Object.prototype as Record<string, unknown>).POLLUTED = 1;
      for (const [schema, name] of [
        [record, "loose"],
        [strict, "strict"],
      ] as const) {
        const check = compiledCheckOf(schema as unknown as z.core.$ZodType);
        for (const text of [JSON.stringify(valid), '{"KEY":"K","F0":"a"}']) {
          const value: unknown = JSON.parse(text);
          const zodSays = schema.safeParse(value).success;
          if (check?.(value, true)) expect(zodSays, `${name} ${text}`).toBe(true);
        }
      }
    });
  });

  describe("a recursive schema (levels holding levels, each refined, as the 856's)", () => {
    type Level = { Name: string; Note?: string; Packs?: Level[]; Items?: Level[] };
    const oneKindOfChild = (value: { Packs?: unknown; Items?: unknown }, ctx: z.RefinementCtx) => {
      if (value.Packs !== undefined && value.Items !== undefined) {
        ctx.addIssue({ code: "custom", path: ["Items"], message: "one kind of child level" });
      }
    };
    const level: z.ZodType<Level> = z
      .strictObject({
        ...fields,
        Name: z.string(),
        Note: z.string().max(5).optional(),
        get Packs(): z.ZodOptional<z.ZodArray<typeof level>> {
          return z.array(level).optional();
        },
        get Items(): z.ZodOptional<z.ZodArray<typeof level>> {
          return z.array(level).optional();
        },
      })
      .superRefine(oneKindOfChild);
    const nested = (depth: number): Level => {
      let value: Level = { Name: "leaf" };
      for (let index = 0; index < depth; index++) value = { Name: `L${index}`, Packs: [value] };
      return value;
    };

    it("is checked in parts that refer to themselves, and answers as zod's parser does at every depth", () => {
      const check = compiledCheckOf(level as unknown as z.core.$ZodType);
      expect(check).toBeTypeOf("function");
      const cases: unknown[] = [
        nested(0),
        nested(4),
        { Name: "a", Packs: [{ Name: "b", Items: [{ Name: "c" }] }] },
        // The refinement broken at the top, and three levels down.
        { Name: "a", Packs: [], Items: [] },
        { Name: "a", Packs: [{ Name: "b", Packs: [{ Name: "c", Packs: [{ Name: "d" }], Items: [{ Name: "e" }] }] }] },
        // A property's own check broken deep down, a missing name, an undeclared key, a level that is not an object.
        { Name: "a", Packs: [{ Name: "b", Packs: [{ Name: "c", Note: "too long" }] }] },
        { Name: "a", Packs: [{ Packs: [] }] },
        { Name: "a", Items: [{ Name: "b", Extra: 1 }] },
        { Name: "a", Packs: [null] },
        { Name: "a", Packs: { 0: { Name: "b" } } },
      ];
      for (const value of cases) {
        expect(check?.(value), JSON.stringify(value)).toBe(level.safeParse(value).success);
        expect(check?.(JSON.parse(JSON.stringify(value)), true), JSON.stringify(value)).toBe(
          level.safeParse(value).success,
        );
      }
    });

    it("follows the recursion a bounded number of levels: deeper, the runtime parser decides, and nothing overflows", () => {
      const check = compiledCheckOf(level as unknown as z.core.$ZodType);
      expect(check?.(nested(60))).toBe(true);
      expect(level.safeParse(nested(100)).success).toBe(true);
      expect(check?.(nested(100))).toBe(false);
      // A value built to exhaust the stack: answered at once, without recursing into it.
      expect(check?.(nested(200_000))).toBe(false);
      // The count of levels is the running check's: a later check starts from the top again.
      expect(check?.(nested(4))).toBe(true);
    });

    it("a loose object's refinements are left to zod, which gives them what it parsed: no compiled check", () => {
      type Kid = { [key: string]: unknown; Kids?: Kid[] };
      const loose: z.ZodType<Kid> = z
        .looseObject({
          ...fields,
          get Kids(): z.ZodOptional<z.ZodArray<z.ZodType<Kid>>> {
            return z.array(loose).optional();
          },
        })
        .superRefine((value, ctx) => {
          if ("Secret" in value) ctx.addIssue({ code: "custom", message: "no secret" });
        });
      // Not split into parts (its refinement would see keys zod strips or keeps): zod compiles it whole or not at all,
      // and a recursive one not at all.
      expect(compiledCheckOf(loose as unknown as z.core.$ZodType)).toBeUndefined();
      expect(loose.safeParse({ F0: "a", Kids: [{ Other: 1 }] }).success).toBe(true);
      expect(loose.safeParse({ Kids: [{ Secret: 1 }] }).success).toBe(false);
    });
  });

  it("a refined strict object whose output is not the value (transform, default, coercion, stripped key): zod's verdict", () => {
    // Each refinement reads what zod made of the value; run on the value itself, it would accept what zod refuses.
    const refined = [
      z
        .strictObject({ ...fields, A: z.string().transform((value) => value.toUpperCase()) })
        .refine((value) => value.A === value.A.toLowerCase()),
      z.strictObject({ ...fields, A: z.string().default("d") }).refine((value) => value.A !== "d"),
      z.strictObject({ ...fields, A: z.coerce.string() }).refine((value) => typeof value.A === "number"),
      z.strictObject({ ...fields, Nested: z.object({ B: z.string() }) }).refine((value) => "Extra" in value.Nested),
    ];
    const values = [{ A: "x" }, { A: undefined }, { A: 5 }, { Nested: { B: "b", Extra: 1 } }];
    refined.forEach((schema, index) => {
      const value = values[index];
      expect(schema.safeParse(value).success).toBe(false);
      expect(compiledCheckOf(schema as unknown as z.core.$ZodType)?.(value) ?? false, String(index)).toBe(false);
    });
  });

  it("is undefined for a schema zod cannot compile (a recursive one)", () => {
    type Node = { children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ children: z.array(node) }));
    expect(compiledCheckOf(node as unknown as z.core.$ZodType)).toBeUndefined();
  });
});
