import type { z } from "zod";
import { type ShapePlan, shapePlanOf } from "../xml/shape-plan.js";
import { capIssues, childPath, describeValue, formatPath, MAX_ISSUES, type RsxIssue } from "./issues.js";

type ZodIssue = z.core.$ZodIssue;

/**
 * Translates zod's issues into RSX issues: one per problem, with a JSON path and an actionable message. Only the
 * first ones are translated (see `capIssues`); the rest are counted.
 */
export function toRsxIssues(issues: readonly ZodIssue[], input: unknown, schema: z.core.$ZodType): RsxIssue[] {
  const out: RsxIssue[] = [];
  let index = 0;
  for (; index < issues.length && out.length <= MAX_ISSUES; index++) translate(issues[index]!, input, schema, out);
  let uncounted = 0;
  for (; index < issues.length; index++) {
    const issue = issues[index]!;
    uncounted += issue.code === "unrecognized_keys" ? issue.keys.length : 1;
  }
  return capIssues(out, uncounted);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function planAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): ShapePlan | undefined {
  let plan: ShapePlan | undefined = shapePlanOf(schema);
  for (const key of path) {
    if (plan === undefined) return undefined;
    if (plan.kind === "array") plan = plan.element;
    else if (plan.kind === "object" && typeof key === "string") plan = plan.field(key);
    else return undefined;
  }
  return plan;
}

function lastName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === "string") return key;
  }
  return "document";
}

function translate(issue: ZodIssue, input: unknown, schema: z.core.$ZodType, out: RsxIssue[]): void {
  const path = formatPath(issue.path);
  const where = path === "" ? "The document" : path;
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (value === undefined) {
        const parent = formatPath(issue.path.slice(0, -1));
        out.push({
          path,
          code: "required",
          message: `${lastName(issue.path)} is required${parent === "" ? "" : ` in ${parent}`} but missing: add it.`,
        });
      } else {
        const expected =
          issue.expected === "array"
            ? "a list (array)"
            : issue.expected === "int"
              ? "a whole number"
              : issue.expected === "object"
                ? "an object (a group of fields)"
                : `a ${issue.expected}`;
        out.push({
          path,
          code: "invalid_type",
          message: `${where} must be ${expected}, but it is ${describeValue(value)}.`,
        });
      }
      return;
    }
    case "unrecognized_keys": {
      const plan = planAt(schema, issue.path);
      const known = plan?.kind === "object" ? plan.keys : [];
      for (const key of issue.keys) {
        // A name longer than any RSX name is no typo of one (and comparing it would cost its length squared).
        const suggestion = key.length <= 64 ? closest(key, known) : undefined;
        out.push({
          path: childPath(path, key),
          code: "unrecognized_key",
          message:
            `Unknown field "${key.length > 100 ? `${key.slice(0, 100)}…` : key}" in ${path === "" ? "the document root" : path}: RSX 7.7 does not define it` +
            (suggestion ? ` (did you mean "${suggestion}"?)` : "") +
            ". Remove it, or parse with { lenient: true } to report it as a warning.",
        });
      }
      return;
    }
    case "too_big": {
      if (issue.origin === "string" && typeof value === "string") {
        out.push({
          path,
          code: "too_long",
          message: `${where} is ${value.length} characters long; at most ${String(issue.maximum)} are allowed.`,
        });
      } else {
        out.push({
          path,
          code: "too_big",
          message: `${where} must be at most ${String(issue.maximum)}; got ${describeValue(value)}.`,
        });
      }
      return;
    }
    case "too_small": {
      if (issue.origin === "string") {
        out.push({
          path,
          code: "too_short",
          message:
            Number(issue.minimum) <= 1
              ? `${where} must not be empty.`
              : `${where} must have at least ${String(issue.minimum)} characters; got ${describeValue(value)}.`,
        });
      } else if (issue.origin === "array") {
        out.push({ path, code: "too_short", message: `${where} must have at least ${String(issue.minimum)} entries.` });
      } else {
        out.push({
          path,
          code: "too_small",
          message: `${where} must be at least ${String(issue.minimum)}; got ${describeValue(value)}.`,
        });
      }
      return;
    }
    case "invalid_value": {
      const shown = issue.values.slice(0, 12).map((v) => String(v));
      const more = issue.values.length > shown.length ? `, … (${issue.values.length} codes)` : "";
      out.push({
        path,
        code: "invalid_value",
        message:
          typeof value === "number"
            ? `${where} is ${describeValue(value)}, but codes are text: write it in quotes with its leading zeros (one of ${shown.join(", ")}${more}).`
            : `${where} is ${describeValue(value)}, which is not a code of this list; use one of ${shown.join(", ")}${more}.`,
      });
      return;
    }
    case "invalid_format":
    case "custom":
    case "not_multiple_of": {
      // A failed check on a text value is a format problem (dates, times); anything else is a structural rule.
      const format = issue.code === "invalid_format" || (issue.code === "custom" && typeof value === "string");
      out.push({
        path,
        code: format ? "invalid_format" : "invalid",
        message: format
          ? `${where} is ${describeValue(value)}, which is not valid: ${lowerFirst(issue.message)}.`
          : `${where}: ${lowerFirst(issue.message)}.`,
      });
      return;
    }
    case "invalid_union": {
      // Report the branch that got furthest (fewest issues), so the message stays precise.
      const branches = issue.errors.filter((b) => b.length > 0);
      branches.sort((a, b) => a.length - b.length);
      const best = branches[0];
      if (best) {
        for (const inner of best)
          translate({ ...inner, path: [...issue.path, ...inner.path] } as ZodIssue, input, schema, out);
      } else {
        out.push({ path, code: "invalid", message: `${where} does not match any allowed form: ${issue.message}.` });
      }
      return;
    }
    default:
      out.push({ path, code: "invalid", message: `${where}: ${issue.message}.` });
  }
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase()}${text.slice(1)}` : text;
}

/** The known key closest to `key` (case-insensitive edit distance), when it is close enough to be a typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = key.toLowerCase();
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  if (a === b) return 0;
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}
