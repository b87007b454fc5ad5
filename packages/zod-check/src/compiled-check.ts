import { z } from "zod";

/**
 * A compiled check: true when the value is valid; false when it may not be (the runtime parser then decides).
 * `fromJson`: the value is as `JSON.parse` made it (nothing added or changed since), so its objects' own properties
 * are all enumerable: an object is then read from the keys for...in shows, with no list of its property names made
 * to find one that for...in would hide.
 */
export type CompiledCheck = (input: unknown, fromJson?: boolean) => boolean;

const COMPILED_INVALID = Symbol.for("zod.compile.invalid");

/**
 * Whether the check running now was told its value's objects have only enumerable own properties and none shown by
 * for...in from their prototype (see `CompiledCheck`'s `fromJson`).
 */
let allOwnEnumerable = false;

function hasEnumerable(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

/**
 * How many schema nodes one generated function checks at most. zod compiles a schema into one function; a document
 * schema's is hundreds of kilobytes of source (the 850's about 0.6 MB, with a closure per optional property), far
 * beyond the bytecode size V8 optimises (`--max-optimized-bytecode-size`, 60 KB), so it ran unoptimised for good,
 * and for its first few thousand calls cost 10 to 40 times its warm cost. A part of about 30 nodes is a few
 * kilobytes of source: optimised after a few hundred documents.
 */
const NODES_PER_PART = 32;

/**
 * zod's compiled check (`compileFn` with `assertOnly`, the generator `z.core.compile` uses) of a schema, generated in
 * parts: an object or array too large for one part is walked here, each property or element checked by the part
 * compiled for its schema. The walk keeps zod's rules for what it takes apart (a strict object refuses a key it does
 * not declare, `for...in` as zod reads them; an optional property may be undefined or absent) and answers false
 * wherever it is unsure (a required key absent), so a check never accepts what the runtime parser refuses; a false
 * answer only sends the value to the runtime parser. A recursive schema is checked through parts that refer to
 * themselves, followed at most RECURSION_LIMIT levels into a value (deeper, the runtime parser answers), so the check
 * is safe on a value of any depth; a strict object's refinements (`refine`, `superRefine`) run as zod runs them, once
 * its properties passed. Undefined when zod cannot compile some part: the runtime parser answers.
 */
export function compiledCheckOf(schema: z.core.$ZodType): CompiledCheck | undefined {
  // `compileFn` is zod's own generator (marked internal): without it, there is no compiled check.
  if (typeof z.core.compileFn !== "function") return undefined;
  try {
    const part = partOf(schema, { sizes: new Map(), making: new Set(), parts: new Map(), leaves: new Map() });
    return (input, fromJson = false) => {
      // Said for this call (a refinement could run another check meanwhile), and only while no enumerable property
      // on Object.prototype would show in every for...in.
      const outer = allOwnEnumerable;
      allOwnEnumerable = fromJson && !hasEnumerable(Object.prototype);
      try {
        return part(input) !== COMPILED_INVALID;
      } finally {
        allOwnEnumerable = outer;
      }
    };
  } catch {
    return undefined;
  }
}

/**
 * One part of a check: zod's generated function (the value, `true` or INVALID) or a walk of parts (`true` or
 * INVALID). Parts answer in zod's own terms so that a walk calls each property's part directly, with no wrapper
 * call per field.
 */
type Part = (input: unknown) => unknown;

interface Parts {
  readonly sizes: Map<z.core.$ZodType, number>;
  /** The schemas whose parts are being made: one reached again is recursion (see recursivePart). */
  readonly making: Set<z.core.$ZodType>;
  /** A schema used in several places (a shared group, a code list) is compiled once. */
  readonly parts: Map<z.core.$ZodType, Part>;
  /**
   * Plain leaves (`z.string()`, `z.number()`, `z.boolean()` without checks) are distinct schemas with the same
   * generated code: one function for each kind, called for every such field, is optimised after a few documents
   * where one per field would run unoptimised for thousands.
   */
  readonly leaves: Map<string, Part>;
}

const PLAIN_LEAVES = new Set(["string", "number", "boolean"]);

/** The kind of a plain leaf (its generated code depends on nothing else), or undefined. */
function plainLeafKind(def: z.core.$ZodTypeDef & Record<string, unknown>): string | undefined {
  if (!PLAIN_LEAVES.has(def.type) || def.coerce === true) return undefined;
  for (const key of Object.keys(def)) if (key !== "type" && key !== "checks" && key !== "coerce") return undefined;
  return (def.checks as unknown[] | undefined)?.length ? undefined : def.type;
}

function partOf(schema: z.core.$ZodType, state: Parts): Part {
  let part = state.parts.get(schema);
  if (part !== undefined) return part;
  if (state.making.has(schema)) return recursivePart(schema, state);
  state.making.add(schema);
  try {
    part = newPart(schema, state);
  } finally {
    state.making.delete(schema);
  }
  state.parts.set(schema, part);
  return part;
}

/**
 * How many levels of a recursive schema a check follows into a value (an 856's hierarchy: shipment, order, pack, item
 * levels, a few deep). Deeper, it answers "may be invalid" and the runtime parser decides: a check never recurses
 * without bound on a value built to exhaust the stack.
 */
const RECURSION_LIMIT = 64;
/** Levels of recursive schemas the running check is inside (the checks are synchronous). */
let recursionDepth = 0;

/** A schema's part reached again while it is being made: called through the map once it is made. */
function recursivePart(schema: z.core.$ZodType, state: Parts): Part {
  return (input) => {
    if (recursionDepth >= RECURSION_LIMIT) return COMPILED_INVALID;
    recursionDepth++;
    try {
      return (state.parts.get(schema) as Part)(input);
    } finally {
      recursionDepth--;
    }
  };
}

/** zod's check of a `refine` or `superRefine`: what runs once the schema's own parse passed. */
type Refinement = z.core.$ZodCheck<unknown> & { _zod: { def: { check: string; when?: unknown } } };

/** The checks of a schema when they are all plain refinements (run on the value as given, see withRefinements). */
function refinementsOf(def: { checks?: unknown[] }): Refinement[] | undefined {
  const checks = (def.checks ?? []) as Refinement[];
  return checks.every((check) => check._zod.def.check === "custom" && check._zod.def.when === undefined)
    ? checks
    : undefined;
}

/** What zod's output may make of a value: a default or coercion fills or converts, a transform or pipe replaces. */
const VALUE_CHANGING = new Set(["default", "prefault", "catch", "success", "transform", "pipe"]);

/**
 * Whether zod's output for a value of `schema` may differ from the value: a value-changing node anywhere in it, a
 * coercion, or an object that strips undeclared keys. A refinement of such a schema sees zod's output, not the value.
 */
function mayChangeValue(schema: z.core.$ZodType, seen: Set<z.core.$ZodType>): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const def = schema._zod.def as z.core.$ZodTypeDef & { coerce?: boolean; catchall?: unknown };
  if (VALUE_CHANGING.has(def.type) || def.coerce === true) return true;
  if (def.type === "object" && def.catchall === undefined) return true;
  return childSchemas(schema).some((child) => mayChangeValue(child, seen));
}

/**
 * A strict object's part, then its refinements as zod runs them (each given the value and the issues it adds, any
 * issue or an asynchronous refinement answering "may be invalid"). A strict object whose properties passed and that
 * changes nothing (see mayChangeValue) is its own output, so the refinement sees what zod would give it.
 */
function withRefinements(part: Part, refinements: readonly Refinement[]): Part {
  if (refinements.length === 0) return part;
  return (input) => {
    if (part(input) === COMPILED_INVALID) return COMPILED_INVALID;
    for (const refinement of refinements) {
      const payload: z.core.ParsePayload = { value: input, issues: [] };
      const result: unknown = refinement._zod.check(payload);
      if (result instanceof Promise || payload.issues.length > 0) return COMPILED_INVALID;
    }
    return true;
  };
}

function newPart(schema: z.core.$ZodType, state: Parts): Part {
  const def = schema._zod.def as z.core.$ZodTypeDef & { checks?: unknown[] };
  if (nodesIn(schema, state.sizes) > NODES_PER_PART) {
    const refinements = refinementsOf(def);
    const strict = (def as unknown as z.core.$ZodObjectDef).catchall?._zod.def.type === "never";
    if (
      def.type === "object" &&
      refinements !== undefined &&
      (refinements.length === 0 || (strict && !mayChangeValue(schema, new Set())))
    ) {
      const objectPart = partOfObject(def as unknown as z.core.$ZodObjectDef, state);
      if (objectPart !== undefined) return withRefinements(objectPart, refinements);
    } else if (def.type === "array" && (def.checks?.length ?? 0) === 0) {
      return partOfArray(partOf((def as unknown as z.core.$ZodArrayDef).element, state));
    }
  }
  const leaf = plainLeafKind(def as z.core.$ZodTypeDef & Record<string, unknown>);
  if (leaf !== undefined) {
    let shared = state.leaves.get(leaf);
    if (shared === undefined) {
      shared = z.core.compileFn(schema as z.ZodType, { assertOnly: true }) as Part;
      state.leaves.set(leaf, shared);
    }
    return shared;
  }
  return z.core.compileFn(schema as z.ZodType, { assertOnly: true }) as Part;
}

function partOfObject(def: z.core.$ZodObjectDef, state: Parts): Part | undefined {
  const shape = def.shape as Record<string, z.core.$ZodType>;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const catchall = def.catchall?._zod.def.type;
  // No catchall: unknown keys are stripped; `unknown`/`any`: kept. Either way they need no check. A catchall of
  // another schema checks each unknown key: compiled whole instead.
  const strict = catchall === "never";
  if (catchall !== undefined && !strict && catchall !== "unknown" && catchall !== "any") return undefined;
  const keys = Object.keys(shape);
  const optional: boolean[] = [];
  const checks: Part[] = [];
  for (const key of keys) {
    const property = shape[key] as z.core.$ZodType;
    const propertyDef = property._zod.def as z.core.$ZodTypeDef & { checks?: unknown[] };
    const isOptional = propertyDef.type === "optional" && (propertyDef.checks?.length ?? 0) === 0;
    optional.push(isOptional);
    checks.push(partOf(isOptional ? (propertyDef as unknown as z.core.$ZodOptionalDef).innerType : property, state));
  }
  const positions = new Map(keys.map((key, index) => [key, index]));
  const requiredCount = optional.filter((isOptional) => !isOptional).length;
  // A declared key a plain object inherits (`constructor`, `toString`...): for...in does not show it, zod reads it.
  const inheritsDeclared = keys.some((key) => key in Object.prototype);
  /** zod's reading: every declared key looked up, then (strict) every key for...in shows refused unless declared. */
  const checkDeclared = (record: Record<string, unknown>): unknown => {
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      const value = record[key];
      if (value === undefined) {
        if (optional[index]) continue;
        // A required key absent (or a schema that takes undefined): left to the runtime parser.
        if (!(key in record)) return COMPILED_INVALID;
      }
      if ((checks[index] as Part)(value) === COMPILED_INVALID) return COMPILED_INVALID;
    }
    if (strict) for (const key in record) if (!positions.has(key)) return COMPILED_INVALID;
    return true;
  };
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return COMPILED_INVALID;
    const record = input as Record<string, unknown>;
    const prototype = Object.getPrototypeOf(record);
    if (inheritsDeclared || (prototype !== Object.prototype && prototype !== null)) return checkDeclared(record);
    // The keys present rather than every declared one (an 810's InvoiceLine declares 39 and has about a dozen):
    // each checked as zod checks it, an undeclared one refused by a strict object.
    let shown = 0;
    let required = 0;
    for (const key in record) {
      shown++;
      const index = positions.get(key);
      if (index === undefined) {
        if (strict) return COMPILED_INVALID;
        continue;
      }
      const value = record[key];
      if (!optional[index]) required++;
      else if (value === undefined) continue;
      if ((checks[index] as Part)(value) === COMPILED_INVALID) return COMPILED_INVALID;
    }
    // Every required key met, and for...in showed every own property (none hidden from it, no enumerable one
    // inherited): what zod reads. Otherwise zod's reading decides.
    if (required === requiredCount && (allOwnEnumerable || shown === Object.getOwnPropertyNames(record).length)) {
      return true;
    }
    return checkDeclared(record);
  };
}

function partOfArray(element: Part): Part {
  return (input) => {
    if (!Array.isArray(input)) return COMPILED_INVALID;
    for (let index = 0; index < input.length; index++) {
      if (element(input[index]) === COMPILED_INVALID) return COMPILED_INVALID;
    }
    return true;
  };
}

/** The number of schema nodes below and including `schema` (shared ones counted each time, as zod inlines them). */
function nodesIn(schema: z.core.$ZodType, sizes: Map<z.core.$ZodType, number>): number {
  const known = sizes.get(schema);
  if (known !== undefined) return known;
  // A schema reached again while counting itself (recursion): zod cannot compile it whole anyway.
  sizes.set(schema, Number.POSITIVE_INFINITY);
  let count = 1;
  for (const child of childSchemas(schema)) count += nodesIn(child, sizes);
  sizes.set(schema, count);
  return count;
}

const CHILD_FIELDS = [
  "innerType",
  "element",
  "options",
  "left",
  "right",
  "in",
  "out",
  "keyType",
  "valueType",
  "items",
  "rest",
];

/** The schemas a schema is made of: an object's properties and catchall, a wrapper's inner type, a lazy one's target. */
export function childSchemas(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const children: unknown[] = [];
  if (def.type === "object") {
    const shape = (def as unknown as z.core.$ZodObjectDef).shape;
    for (const key of Object.keys(shape)) children.push(shape[key]);
    children.push((def as unknown as z.core.$ZodObjectDef).catchall);
  } else if (def.type === "lazy") {
    children.push((def as unknown as z.core.$ZodLazyDef).getter());
  } else {
    for (const field of CHILD_FIELDS) {
      const child = def[field];
      if (Array.isArray(child)) children.push(...child);
      else children.push(child);
    }
  }
  return children.filter(
    (child): child is z.core.$ZodType => child !== null && typeof child === "object" && "_zod" in child,
  );
}
