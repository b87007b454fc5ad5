import { describe, expect, it } from "vitest";
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

  it("refuses a key a strict object does not declare, and an absent required key is left to the parser", () => {
    const check = compiledCheckOf(strict as unknown as z.core.$ZodType);
    expect(check?.({ KEY: "K", F1: "a" })).toBe(true);
    expect(check?.({ KEY: "K", OTHER: "a" })).toBe(false);
    expect(check?.({ F1: "a" })).toBe(false);
  });

  it("is undefined for a schema zod cannot compile (a recursive one)", () => {
    type Node = { children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ children: z.array(node) }));
    expect(compiledCheckOf(node as unknown as z.core.$ZodType)).toBeUndefined();
  });
});
