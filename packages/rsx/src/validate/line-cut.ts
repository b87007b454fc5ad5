import { z } from "zod";
import { formatPath, MAX_ISSUES } from "./issues.js";

/** A document cut short for validation: its lists end just after the first failing element past the issue cap. */
export interface LinesCut {
  readonly value: unknown;
  /** Elements after the cut, not validated. */
  readonly notChecked: number;
  /** The path of the last element kept (the cut is after it). */
  readonly after: string;
}

const compiledElements = new WeakMap<z.core.$ZodType, z.ZodType>();

function elementValidator(schema: z.core.$ZodType): z.ZodType {
  let validator = compiledElements.get(schema);
  if (validator === undefined) {
    validator = z.core.compile(schema as unknown as z.ZodType);
    compiledElements.set(schema, validator);
  }
  return validator;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch"]);

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let depth = 0; depth < 16; depth++) {
    const def = current._zod.def as z.core.$ZodTypeDef & {
      innerType?: z.core.$ZodType;
      getter?: () => z.core.$ZodType;
    };
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else break;
  }
  return current;
}

/**
 * Where a document holds more failing list elements (line items, packs, items) than issues are reported, the
 * same document with each list cut just after the failing element past the cap, so the schema builds about
 * `MAX_ISSUES` issues instead of one per bad line (450,000 bad lines: 10 s and 600 MB otherwise). Elements are
 * checked with the list's own element schema, without building issues; undefined when no cut is needed.
 */
export function cutAfterFailingLines(schema: z.core.$ZodType, value: unknown): LinesCut | undefined {
  const state = { failures: 0, notChecked: 0, after: "" };
  const cut = walk(schema, value, [], state);
  return state.notChecked === 0 && state.after === ""
    ? undefined
    : { value: cut, notChecked: state.notChecked, after: state.after };
}

interface WalkState {
  failures: number;
  notChecked: number;
  after: string;
}

function walk(schema: z.core.$ZodType, value: unknown, path: PropertyKey[], state: WalkState): unknown {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  if (def.type === "array" && Array.isArray(value)) {
    const element = (def as z.core.$ZodArrayDef).element;
    const validator = elementValidator(element);
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (validator.validate(item)) continue;
      const before = state.failures;
      const checked = walk(element, item, [...path, index], state);
      if (checked !== item) {
        copy ??= value.slice();
        copy[index] = checked;
      }
      // An element counts once when none of its own lists' elements were counted (each counted one is an issue).
      if (state.failures === before) state.failures++;
      if (state.failures > MAX_ISSUES && index < value.length - 1) {
        state.notChecked += value.length - index - 1;
        state.after ||= formatPath([...path, index]);
        return (copy ?? value).slice(0, index + 1);
      }
    }
    return copy ?? value;
  }
  if (def.type === "object" && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const shape = (def as z.core.$ZodObjectDef).shape;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(shape)) {
      if (!Object.hasOwn(value, key)) continue;
      const child = (value as Record<string, unknown>)[key];
      if (child === null || typeof child !== "object") continue;
      const checked = walk(shape[key]!, child, [...path, key], state);
      if (checked !== child) {
        copy ??= { ...(value as Record<string, unknown>) };
        copy[key] = checked;
      }
    }
    return copy ?? value;
  }
  return value;
}
