import type { z } from "zod";

/**
 * What the XML mapping, the JSON key order and the builders' projections need to know about a schema:
 * which properties are objects (and in which order their keys come), which are repeating groups (arrays),
 * and which leaves are numbers, booleans or strings.
 *
 * A plan is computed once per zod schema and cached (WeakMap), and object fields are resolved on first use,
 * so recursive schemas (Shipment PackLevel inside PackLevel) cost nothing until a document goes that deep.
 */
export type ShapePlan = ObjectPlan | ArrayPlan | LeafPlan;

export interface LeafPlan {
  readonly kind: "string" | "number" | "boolean" | "unknown";
}

export interface ArrayPlan {
  readonly kind: "array";
  readonly element: ShapePlan;
}

type AnySchema = z.core.$ZodType;

const STRING: LeafPlan = { kind: "string" };
const NUMBER: LeafPlan = { kind: "number" };
const BOOLEAN: LeafPlan = { kind: "boolean" };
const UNKNOWN: LeafPlan = { kind: "unknown" };

export class ObjectPlan {
  readonly kind = "object";
  /** Property names in schema order (the order SPS writes them). */
  readonly keys: readonly string[];
  readonly #shapes: ReadonlyArray<Readonly<Record<string, AnySchema>>>;
  readonly #fields = new Map<string, ShapePlan | null>();
  /** Each property's place in `keys`. */
  readonly #rank: ReadonlyMap<string, number>;

  constructor(shapes: ReadonlyArray<Readonly<Record<string, AnySchema>>>) {
    this.#shapes = shapes;
    const keys: string[] = [];
    for (const shape of shapes) for (const key of Object.keys(shape)) if (!keys.includes(key)) keys.push(key);
    this.keys = keys;
    this.#rank = new Map(keys.map((key, index) => [key, index]));
  }

  /**
   * The keys of `record` that the schema defines, in schema order, then (with `withUnknown`) the others in the
   * record's order. Read from the record's own keys, not from `keys`: a document sets a few of its schema's many
   * optional properties (the 810s we send about a dozen of an InvoiceLine's 39), usually in schema order already.
   */
  keysOf(record: object, withUnknown: boolean): string[] {
    const keys = Object.keys(record);
    // All defined by the schema, in its order: the record's own key list, as it is.
    return this.inOrder(keys) ? keys : this.#sortedKeys(keys, withUnknown);
  }

  /** Whether every key of `keys` is one the schema defines, in schema order (no copy needed to write them in it). */
  inOrder(keys: readonly string[]): boolean {
    let last = -1;
    for (const key of keys) {
      const rank = this.#rank.get(key);
      if (rank === undefined || rank < last) return false;
      last = rank;
    }
    return true;
  }

  #sortedKeys(keys: readonly string[], withUnknown: boolean): string[] {
    const known: string[] = [];
    let unknown: string[] | undefined;
    let inOrder = true;
    let last = -1;
    for (const key of keys) {
      const rank = this.#rank.get(key);
      if (rank === undefined) {
        if (!withUnknown) continue;
        if (unknown === undefined) unknown = [];
        unknown.push(key);
        continue;
      }
      if (rank < last) inOrder = false;
      last = rank;
      known.push(key);
    }
    if (!inOrder) known.sort((a, b) => (this.#rank.get(a) ?? 0) - (this.#rank.get(b) ?? 0));
    return unknown === undefined ? known : known.concat(unknown);
  }

  /** The zod shapes behind this plan (several when it merges the options of a union). */
  shapesForMerge(): ReadonlyArray<Readonly<Record<string, AnySchema>>> {
    return this.#shapes;
  }

  has(key: string): boolean {
    return this.#rank.has(key);
  }

  /** The plan of one property, or undefined when the schema does not define it. */
  field(key: string): ShapePlan | undefined {
    const cached = this.#fields.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (!this.#rank.has(key)) return undefined;
    let plan: ShapePlan | null = null;
    for (const shape of this.#shapes) {
      const schema = shape[key];
      if (schema !== undefined) {
        plan = shapePlanOf(schema);
        break;
      }
    }
    this.#fields.set(key, plan);
    return plan ?? undefined;
  }
}

const cache = new WeakMap<AnySchema, ShapePlan>();

/** The (cached) shape plan of a zod schema. */
export function shapePlanOf(schema: AnySchema): ShapePlan {
  const hit = cache.get(schema);
  if (hit !== undefined) return hit;
  const plan = build(schema, 0);
  cache.set(schema, plan);
  return plan;
}

function build(schema: AnySchema, depth: number): ShapePlan {
  if (depth > 64) return UNKNOWN;
  const def = schema._zod.def;
  switch (def.type) {
    case "string":
    case "template_literal":
    case "enum":
      return enumPlan(schema);
    case "literal": {
      const values = (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values;
      if (values.every((v) => typeof v === "number")) return NUMBER;
      if (values.every((v) => typeof v === "boolean")) return BOOLEAN;
      return STRING;
    }
    case "number":
    case "int":
    case "bigint":
      return NUMBER;
    case "boolean":
      return BOOLEAN;
    case "object":
      return new ObjectPlan([(def as z.core.$ZodObjectDef).shape]);
    case "array":
      return { kind: "array", element: shapePlanOf((def as z.core.$ZodArrayDef).element) };
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return shapePlanOf((def as z.core.$ZodOptionalDef).innerType);
    case "pipe":
      return shapePlanOf((def as z.core.$ZodPipeDef).in);
    case "lazy":
      return shapePlanOf((def as z.core.$ZodLazyDef).getter());
    case "union":
      return unionPlan((def as z.core.$ZodUnionDef).options);
    case "intersection": {
      const d = def as z.core.$ZodIntersectionDef;
      return unionPlan([d.left, d.right]);
    }
    default:
      return UNKNOWN;
  }
}

function enumPlan(schema: AnySchema): ShapePlan {
  const def = schema._zod.def;
  if (def.type === "enum") {
    const entries = Object.values((def as z.core.$ZodEnumDef).entries);
    if (entries.length > 0 && entries.every((v) => typeof v === "number")) return NUMBER;
  }
  return STRING;
}

function unionPlan(options: readonly AnySchema[]): ShapePlan {
  const plans = options.map((o) => shapePlanOf(o));
  const objects = plans.filter((p): p is ObjectPlan => p.kind === "object");
  if (objects.length > 0) return new ObjectPlan(objects.flatMap((o) => o.shapesForMerge()));
  const arrays = plans.filter((p): p is ArrayPlan => p.kind === "array");
  if (arrays.length > 0 && arrays[0] !== undefined) return arrays[0];
  if (plans.some((p) => p.kind === "string")) return STRING;
  if (plans.every((p) => p.kind === "number")) return NUMBER;
  if (plans.every((p) => p.kind === "boolean")) return BOOLEAN;
  return UNKNOWN;
}

export const unknownPlan: LeafPlan = UNKNOWN;
