import { childSchemas, compiledCheckOf } from "@ml-connector/zod-check";
import { z } from "zod";
import { applyRuleSets, type RelatedDocuments, type RuleSet, strictCodeRuleSet } from "../rules/define.js";
import { type RsxDocumentMap, type RsxDocumentType, rsxDocumentSchemas } from "../schemas/index.js";
import { forbiddenCharacterIssues } from "../xml/value-to-xml.js";
import { capIssues, describeValue, formatPath, type RsxIssue } from "./issues.js";
import { cutAfterFailingLines } from "./line-cut.js";
import { toRsxIssues } from "./zod-issues.js";

export interface ValidateOptions {
  /** Rule sets applied after the schema, in order (e.g. `[commonRules, acmeRules]`). */
  readonly rules?: RuleSet | readonly RuleSet[];
  /**
   * Report unknown leaf properties as warnings (and drop them) instead of errors. Never drops a group: an unknown
   * group (which may hold line items, packs or items) stays an error.
   */
  readonly lenient?: boolean;
  /** Documents the rules may compare with (the 850 an 855/856/810 answers). */
  readonly related?: RelatedDocuments;
  /**
   * A well-formed code outside its code list: an error (`"strict"`) or an `unknown_code` warning with the value kept
   * (`"warn"`). Default: `"warn"` for what partners send us (Order 850, OrderChange 860), `"strict"` for what we send
   * (OrderAck 855, Shipment 856, Invoice 810). A rule set's `strictCodes` keeps chosen lists strict.
   */
  readonly codes?: CodeStrictness;
}

export type CodeStrictness = "strict" | "warn";

/** Documents partners send us: read liberally. */
const INBOUND: ReadonlySet<RsxDocumentType> = new Set(["Order", "OrderChange"]);

/** The `codes` mode a document type gets when none is given. */
export function defaultCodeStrictness(type: RsxDocumentType): CodeStrictness {
  return INBOUND.has(type) ? "warn" : "strict";
}

export type ValidationResult<T extends RsxDocumentType = RsxDocumentType> =
  | { readonly ok: true; readonly document: RsxDocumentMap[T]; readonly warnings: readonly RsxIssue[] }
  | { readonly ok: false; readonly issues: readonly RsxIssue[]; readonly warnings: readonly RsxIssue[] };

function schemaFor(type: RsxDocumentType): z.core.$ZodType {
  return rsxDocumentSchemas[type] as unknown as z.core.$ZodType;
}

/**
 * A document type's schema as validation uses it, built once per type on first use: `check` is zod's ahead-of-time
 * compiled check (generated code that answers valid or not, about 2-3x faster than the runtime parser; undefined
 * when the schema has none), `parser` what parses and reports issues.
 */
interface TypeValidator {
  /** zod's compiled check, or ours in parts (which reads `fromJson`, see CompiledCheck). */
  readonly check: ((input: unknown, fromJson?: boolean) => boolean) | undefined;
  readonly parser: z.ZodType;
}

const validators = new Map<RsxDocumentType, TypeValidator>();

function validatorFor(type: RsxDocumentType): TypeValidator {
  let validator = validators.get(type);
  if (validator === undefined) {
    const schema = rsxDocumentSchemas[type] as unknown as z.ZodType;
    // `z.core.compile` generates two functions, the check and a compiled parser (each about 0.6 MB of source for the
    // 850, kept with its code for the life of the process). A schema that returns its input needs the parser only for
    // documents the check rejected, where the compiled parser hands them to the runtime parser anyway: the runtime
    // parser it is (same issues), and only the check is generated, in parts (compiled-check.ts).
    validator = outputIsInput(type)
      ? { check: compiledCheckOf(schema as unknown as z.core.$ZodType), parser: schema }
      : compiledBoth(schema);
    validators.set(type, validator);
  }
  return validator;
}

/**
 * The compiled check's verdict on a value as a document of `type` (true: valid; false: it may not be, the runtime
 * parser decides), or undefined when the type has none. Its recursion follows the schema, not the value (into the
 * 856's recursive levels a bounded number of times), so it is safe on a value of any depth. `fromJson`: the value
 * is as JSON.parse made it (see CompiledCheck).
 */
export function compiledCheck(type: RsxDocumentType, value: unknown, fromJson = false): boolean | undefined {
  const { check } = validatorFor(type);
  return check === undefined ? undefined : check(value, fromJson);
}

/** Schema kinds whose accepted values nest no deeper than their children's (objects and arrays add a level). */
const BOUNDED_KINDS = new Set([
  "array",
  "optional",
  "nullable",
  "string",
  "number",
  "boolean",
  "enum",
  "literal",
  "never",
]);

function schemaDepth(schema: z.core.$ZodType, within: Set<z.core.$ZodType>): number {
  const def = schema._zod.def as z.core.$ZodTypeDef & { catchall?: z.core.$ZodType };
  const level = def.type === "object" || def.type === "array" ? 1 : 0;
  // An object that keeps or strips unknown keys lets them hold anything; a recursive schema nests without bound.
  if (def.type === "object" ? def.catchall?._zod.def.type !== "never" : !BOUNDED_KINDS.has(def.type)) {
    return Number.POSITIVE_INFINITY;
  }
  if (within.has(schema)) return Number.POSITIVE_INFINITY;
  within.add(schema);
  let deepest = 0;
  for (const child of childSchemas(schema)) deepest = Math.max(deepest, schemaDepth(child, within));
  within.delete(schema);
  return level + deepest;
}

const checkedDepths = new Map<RsxDocumentType, number>();

/**
 * The deepest a value the compiled check of `type` accepts can nest (objects and arrays, counted as `valueDepth`
 * counts them), or Infinity when the check does not bound it (no compiled check, a schema open to unknown values).
 */
export function checkedDepthBound(type: RsxDocumentType): number {
  let depth = checkedDepths.get(type);
  if (depth === undefined) {
    depth = validatorFor(type).check === undefined ? Number.POSITIVE_INFINITY : schemaDepth(schemaFor(type), new Set());
    checkedDepths.set(type, depth);
  }
  return depth;
}

const COMPILED_INVALID = Symbol.for("zod.compile.invalid");

function compiledBoth(schema: z.ZodType): TypeValidator {
  const parser = z.core.compile(schema);
  const check = (parser._zod.bag as { validator?: (input: unknown) => unknown }).validator;
  return { check: typeof check === "function" ? (input) => check(input) !== COMPILED_INVALID : undefined, parser };
}

const OUTPUT_CHANGING = new Set(["transform", "default", "prefault", "catch", "success", "pipe", "codec"]);

/** Whether parsing with this schema can produce something other than its input (transforms, defaults...). */
function changesOutput(schema: z.core.$ZodType, seen = new Set<z.core.$ZodType>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  if (OUTPUT_CHANGING.has(schema._zod.def.type)) return true;
  return childSchemas(schema).some((child) => changesOutput(child, seen));
}

const identityOutput = new Map<RsxDocumentType, boolean>();

/** Whether the schema of `type` returns what it is given (no transforms, defaults...): a valid document is its own output. */
export function outputIsInput(type: RsxDocumentType): boolean {
  let known = identityOutput.get(type);
  if (known === undefined) {
    known = !changesOutput(schemaFor(type));
    identityOutput.set(type, known);
  }
  return known;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let target = root;
  for (const key of path) {
    if (target === null || typeof target !== "object") return undefined;
    target = (target as Record<PropertyKey, unknown>)[key];
  }
  return target;
}

function setAt(root: unknown, path: readonly PropertyKey[], value: unknown): void {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent !== null && typeof parent === "object" && key !== undefined) {
    (parent as Record<PropertyKey, unknown>)[key] = value;
  }
}

/** A group (object or list) rather than a single value: lenient mode never drops one. */
function isGroup(value: unknown): boolean {
  return value !== null && typeof value === "object";
}

/** Removes the unknown leaf properties named by `unrecognized_key` issues from a (copied) value. */
function stripLeafKeys(value: unknown, zodIssues: readonly z.core.$ZodIssue[]): unknown {
  const copy: unknown = structuredClone(value);
  for (const issue of zodIssues) {
    if (issue.code !== "unrecognized_keys") continue;
    const target = valueAt(copy, issue.path);
    if (target !== null && typeof target === "object") {
      for (const key of issue.keys) {
        if (!isGroup((target as Record<string, unknown>)[key])) delete (target as Record<string, unknown>)[key];
      }
    }
  }
  return copy;
}

const LINE_KEYS = new Set([
  "LineItem",
  "LineItems",
  "OrderLine",
  "OrderLevel",
  "PackLevel",
  "ItemLevel",
  "ShipmentLine",
  "InvoiceLine",
]);

/** Whether a value holds line items, packs or items (searched a few levels down). */
function holdsLines(key: string, value: unknown, depth = 0): boolean {
  if (LINE_KEYS.has(key)) return true;
  if (depth > 4 || value === null || typeof value !== "object") return false;
  const entries = Array.isArray(value) ? value.map((v) => ["", v] as const) : Object.entries(value);
  return entries.some(([k, v]) => holdsLines(k, v, depth + 1));
}

/** Unknown groups that lenient mode kept: said as such, never dropped. */
function lenientGroupIssues(zodIssues: readonly z.core.$ZodIssue[], value: unknown): RsxIssue[] {
  const out: RsxIssue[] = [];
  for (const issue of zodIssues) {
    if (issue.code !== "unrecognized_keys") continue;
    const target = valueAt(value, issue.path);
    for (const key of issue.keys) {
      const child =
        target !== null && typeof target === "object" ? (target as Record<string, unknown>)[key] : undefined;
      if (!isGroup(child)) continue;
      const path = formatPath([...issue.path, key]);
      out.push({
        path,
        code: holdsLines(key, child) ? "lines_would_be_lost" : "unrecognized_key",
        message: holdsLines(key, child)
          ? `Unknown group "${key}" holds line items (or packs/items) that RSX 7.7 does not read there: the document is refused rather than read without them, even in lenient mode. Is it another RSX version or layout?`
          : `Unknown group "${key}" in ${formatPath(issue.path) || "the document root"}: lenient mode ignores unknown single fields but never drops a group (${describeValue(child)}). Remove it or fix its name.`,
      });
    }
  }
  return out;
}

/** A code-list failure on a value that looks like a code of that list (same alphabet, no longer than its codes). */
function isWellFormedCode(value: unknown, codes: readonly unknown[]): value is string {
  if (typeof value !== "string" || !/^[A-Za-z0-9]+$/.test(value)) return false;
  let longest = 0;
  for (const code of codes) if (typeof code === "string" && code.length > longest) longest = code.length;
  return value.length <= Math.max(longest, 2);
}

function lastKey(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "string") return path[i] as string;
  return "";
}

/**
 * Validates a value as an RSX document of `type`: the base schema (unknown properties are errors, or warnings
 * with `lenient`), then each rule set. A string holding a character XML 1.0 forbids is an `invalid_character` error
 * in a document we send (855, 856, 810: it could not be written as XML) and a warning, value kept, in one partners
 * send us (850, 860). Never throws on bad input.
 */
export function validateRsx<T extends RsxDocumentType>(
  type: T,
  value: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  return validateDocument(type, value, options, true);
}

/**
 * The rule sets alone, on a document that `parseRsx` or `validateRsx` already accepted with the same `lenient` and
 * `codes`: its schema is not checked again (a second pass over every field, and a copy). The result is what
 * `validateRsx` would answer, except that its warnings are the rules' only. A rule set that keeps code lists strict
 * (`strictCodes`) needs the schema's code checks, so with one the whole of `validateRsx` runs.
 */
export function checkRules<T extends RsxDocumentType>(
  type: T,
  document: RsxDocumentMap[T],
  options: ValidateOptions,
): ValidationResult<T> {
  const ruleSets = ruleSetsOf(options);
  const strictCodes = ruleSets.some(
    (set) => set.strictCodes !== undefined && (set.appliesTo === undefined || set.appliesTo.includes(type)),
  );
  if (strictCodes) return validateRsx(type, document, options);
  return finishRules(type, document, [], options);
}

/**
 * validateRsx for the parser, which may know that its input cannot hold a character XML 1.0 forbids (a JSON text
 * without a `\u` escape of one) and so skip that scan, and may have asked the compiled check already (`checked`, its
 * verdict on this very value).
 */
export function validateDocument<T extends RsxDocumentType>(
  type: T,
  value: unknown,
  options: ValidateOptions,
  scanCharacters: boolean,
  checked?: boolean,
): ValidationResult<T> {
  const schema = schemaFor(type);
  const { check, parser: validator } = validatorFor(type);
  const inbound = INBOUND.has(type);
  const characters = scanCharacters ? forbiddenCharacterIssues(value, inbound) : [];
  const characterErrors = inbound ? [] : characters;
  const warnings: RsxIssue[] = inbound ? characters : [];
  let current = value;
  // zod's compiled check first: on a miss, `validate` would re-run the runtime parser over the whole document, which
  // on a file of 450,000 bad lines costs seconds. Only a document it rejects is scanned for a cut (below).
  const compiledSaysValid = checked ?? (check ? check(current) : validator.validate(current));
  if (!compiledSaysValid) {
    // A document with more bad lines than issues are reported is refused on its first ones: the schema checks it
    // only up to just past the cap (zod would build one issue per bad line first). When that part alone passes
    // (lenient mode, codes read as warnings), the whole document is checked, so nothing is accepted unchecked.
    const cut = cutAfterFailingLines(schema, current);
    if (cut !== undefined) {
      const head = validateDocument(type, cut.value, options, scanCharacters);
      if (!head.ok) {
        return {
          ok: false,
          issues: capIssues(head.issues, 0, { count: cut.notChecked, after: cut.after }),
          warnings: head.warnings,
        };
      }
    }
  }
  // Fast path: a valid document whose schema has no transforms or defaults is its own output; skip the copy.
  if (outputIsInput(type) && (compiledSaysValid || validator.validate(current))) {
    return finishRules(type, current as RsxDocumentMap[T], warnings, options, characterErrors);
  }
  let result = validator.safeParse(current);
  for (let round = 0; !result.success && options.lenient && round < 8; round++) {
    const zodIssues = result.error.issues;
    const leaves = zodIssues
      .filter((i) => i.code === "unrecognized_keys")
      .map((i) => ({ ...i, keys: i.keys.filter((k) => !isGroup(valueAt(current, [...i.path, k]))) }))
      .filter((i) => i.keys.length > 0);
    if (leaves.length === 0) break;
    for (const issue of toRsxIssues(leaves, current, schema)) {
      if (issue.code === "too_many_issues") warnings.push(issue);
      else warnings.push({ ...issue, message: `${issue.message.split(":")[0]}: ignored (lenient mode).` });
    }
    current = stripLeafKeys(current, leaves);
    result = validator.safeParse(current);
  }
  const ruleSets = ruleSetsOf(options);
  let unknownCodes: z.core.$ZodIssue[] = [];
  if (!result.success && (options.codes ?? defaultCodeStrictness(type)) === "warn") {
    // Well-formed codes outside their lists are kept and reported; the rest of the document is checked with each
    // replaced by a listed code, so every other problem is still found.
    unknownCodes = result.error.issues.filter(
      (i) =>
        i.code === "invalid_value" &&
        isWellFormedCode(valueAt(current, i.path), i.values) &&
        strictCodeRuleSet(type, lastKey(i.path), ruleSets) === undefined,
    );
    if (unknownCodes.length > 0) {
      const patched = structuredClone(current);
      for (const issue of unknownCodes) {
        if (issue.code === "invalid_value") setAt(patched, issue.path, issue.values[0]);
      }
      result = validator.safeParse(patched);
      if (result.success) {
        for (const issue of unknownCodes) setAt(result.data, issue.path, valueAt(current, issue.path));
      }
      for (const issue of unknownCodes) {
        const path = formatPath(issue.path);
        warnings.push({
          path,
          code: "unknown_code",
          message: `${path} is ${describeValue(valueAt(current, issue.path))}, which is not in SPS's code list for ${lastKey(issue.path)}: kept as sent (codes are checked strictly only for documents we send, or where a partner's rule set asks).`,
        });
      }
    }
  }
  if (!result.success) {
    const issues = toRsxIssues(result.error.issues, current, schema);
    const groups = options.lenient ? lenientGroupIssues(result.error.issues, current) : [];
    const strictFor = (issue: RsxIssue): RsxIssue => {
      if (issue.code !== "invalid_value") return issue;
      const set = strictCodeRuleSet(type, issue.path.replace(/^.*\./, "").replace(/\[\d+\]$/, ""), ruleSets);
      return set
        ? { ...issue, rule: set.name, message: `${issue.message} (rule set "${set.name}" keeps this code list strict)` }
        : issue;
    };
    const replaced = new Set(groups.map((g) => g.path));
    return {
      ok: false,
      issues: capIssues([
        ...characterErrors,
        ...groups,
        ...issues.filter((i) => !(i.code === "unrecognized_key" && replaced.has(i.path))).map(strictFor),
      ]),
      warnings: capIssues(warnings),
    };
  }
  return finishRules(type, result.data as RsxDocumentMap[T], warnings, options, characterErrors);
}

function ruleSetsOf(options: ValidateOptions): readonly RuleSet[] {
  return options.rules === undefined ? [] : Array.isArray(options.rules) ? options.rules : [options.rules as RuleSet];
}

function finishRules<T extends RsxDocumentType>(
  type: T,
  document: RsxDocumentMap[T],
  warnings: RsxIssue[],
  options: ValidateOptions,
  errors: readonly RsxIssue[] = [],
): ValidationResult<T> {
  const ruleSets = ruleSetsOf(options);
  const ruleErrors: RsxIssue[] = [];
  if (ruleSets.length > 0) {
    const findings = applyRuleSets(type, document, ruleSets, options.related);
    warnings.push(...findings.warnings);
    ruleErrors.push(...findings.errors);
  }
  if (errors.length > 0 || ruleErrors.length > 0) {
    return { ok: false, issues: capIssues([...errors, ...ruleErrors]), warnings: capIssues(warnings) };
  }
  return { ok: true, document, warnings: capIssues(warnings) };
}
