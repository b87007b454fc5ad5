import { z } from "zod";

/** A code list of RSX 7.7: the codes, their descriptions and a zod schema accepting exactly those codes. */
export interface CodeList<C extends string> {
  /** Every code of the list, in definition order. */
  readonly codes: readonly [C, ...C[]];
  /** Human-readable meaning of each code. */
  readonly descriptions: Readonly<Record<C, string>>;
  /** zod schema accepting exactly the codes of this list. */
  readonly schema: z.ZodEnum<{ [K in C]: K }>;
  /** The description of a code, or undefined when the code is not in the list. */
  describe(code: string): string | undefined;
  /** Type guard: is `code` one of this list's codes? */
  has(code: string): code is C;
}

/** The union of codes of a code list: `type TsetPurposeCode = CodeOf<typeof TsetPurposeCode>`. */
export type CodeOf<L> = L extends CodeList<infer C> ? C : never;

/**
 * Builds a typed code list from a `{ code: description }` object.
 *
 * Note: JavaScript orders integer-like keys ("1", "2") before other keys, so `codes` follows that order.
 */
export function defineCodeList<const D extends Readonly<Record<string, string>>>(
  descriptions: D,
): CodeList<Extract<keyof D, string>> {
  type C = Extract<keyof D, string>;
  const codes = Object.keys(descriptions) as C[];
  if (codes.length === 0) {
    throw new Error("A code list needs at least one code");
  }
  const known = new Set<string>(codes);
  const has = (code: string): code is C => known.has(code);
  return Object.freeze({
    codes: Object.freeze(codes) as unknown as readonly [C, ...C[]],
    descriptions: descriptions as Readonly<Record<C, string>>,
    schema: z.enum(codes as [C, ...C[]]) as unknown as z.ZodEnum<{ [K in C]: K }>,
    describe: (code: string) => (has(code) ? descriptions[code] : undefined),
    has,
  });
}
