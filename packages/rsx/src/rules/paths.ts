import { childPath, type RsxPath } from "../validate/issues.js";

/**
 * Paths used by rule sets to point into a document:
 * - `Header.OrderHeader.Vendor`: a property
 * - `LineItem[*].OrderLine.BuyerPartNumber` (or `LineItem[]...`): every entry of a list
 * - `LineItem[0].OrderLine`: one entry
 * - `Header.Address[AddressTypeCode=ST].PostalCode`: the entries whose field equals a value
 */
type Step =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "all" }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "where"; readonly key: string; readonly value: string };

const compiled = new Map<string, readonly Step[]>();

export function compileSelector(selector: string): readonly Step[] {
  const hit = compiled.get(selector);
  if (hit) return hit;
  const steps: Step[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const match of selector.matchAll(pattern)) {
    const key = match[1];
    const bracket = match[2];
    if (key !== undefined) steps.push({ kind: "key", key });
    else if (bracket === undefined || bracket === "" || bracket === "*") steps.push({ kind: "all" });
    else if (/^\d+$/.test(bracket)) steps.push({ kind: "index", index: Number(bracket) });
    else {
      const eq = bracket.indexOf("=");
      if (eq <= 0) throw new SyntaxError(`Invalid selector "${selector}": use [*], [n] or [Field=value]`);
      steps.push({ kind: "where", key: bracket.slice(0, eq).trim(), value: bracket.slice(eq + 1).trim() });
    }
  }
  compiled.set(selector, steps);
  return steps;
}

/** A place a selector reached: its concrete path and value (undefined when the last property is absent). */
export interface SelectedValue {
  readonly path: RsxPath;
  readonly value: unknown;
}

/** A place where the selector could not go on: an absent parent, or a list with no matching entry. */
export interface MissingValue {
  readonly path: RsxPath;
  readonly reason: "absent" | "no_match";
  /** The remainder of the selector, for messages. */
  readonly rest: string;
}

export interface Selection {
  readonly found: SelectedValue[];
  readonly missing: MissingValue[];
}

/** Evaluates a selector against a document. */
export function select(document: unknown, selector: string): Selection {
  const steps = compileSelector(selector);
  const found: SelectedValue[] = [];
  const missing: MissingValue[] = [];
  walk(document, "", steps, 0, found, missing);
  return { found, missing };
}

function describeRest(steps: readonly Step[], from: number): string {
  let out = "";
  for (let i = from; i < steps.length; i++) {
    const step = steps[i];
    if (!step) continue;
    if (step.kind === "key") out += out === "" ? step.key : `.${step.key}`;
    else if (step.kind === "all") out += "[*]";
    else if (step.kind === "index") out += `[${step.index}]`;
    else out += `[${step.key}=${step.value}]`;
  }
  return out;
}

function walk(
  value: unknown,
  path: RsxPath,
  steps: readonly Step[],
  at: number,
  found: SelectedValue[],
  missing: MissingValue[],
): void {
  const step = steps[at];
  if (step === undefined) {
    found.push({ path, value });
    return;
  }
  if (step.kind === "key") {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      missing.push({ path, reason: "absent", rest: describeRest(steps, at) });
      return;
    }
    const next = (value as Record<string, unknown>)[step.key];
    const nextPath = childPath(path, step.key);
    if (next === undefined && at + 1 < steps.length) {
      missing.push({ path: nextPath, reason: "absent", rest: describeRest(steps, at + 1) });
      return;
    }
    walk(next, nextPath, steps, at + 1, found, missing);
    return;
  }
  if (!Array.isArray(value)) {
    missing.push({ path, reason: "absent", rest: describeRest(steps, at) });
    return;
  }
  if (step.kind === "index") {
    if (step.index >= value.length) {
      missing.push({ path: `${path}[${step.index}]`, reason: "absent", rest: describeRest(steps, at + 1) });
      return;
    }
    walk(value[step.index], `${path}[${step.index}]`, steps, at + 1, found, missing);
    return;
  }
  let matched = 0;
  value.forEach((entry, index) => {
    if (step.kind === "where") {
      if (entry === null || typeof entry !== "object") return;
      const field = (entry as Record<string, unknown>)[step.key];
      if (field === undefined || String(field) !== step.value) return;
    }
    matched++;
    walk(entry, `${path}[${index}]`, steps, at + 1, found, missing);
  });
  if (matched === 0 && step.kind === "where") {
    missing.push({ path: `${path}[${step.key}=${step.value}]`, reason: "no_match", rest: describeRest(steps, at + 1) });
  }
}
