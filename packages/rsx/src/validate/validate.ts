import { z } from "zod";
import { applyRuleSets, type RelatedDocuments, type RuleSet } from "../rules/define.js";
import { type RsxDocumentMap, type RsxDocumentType, rsxDocumentSchemas } from "../schemas/index.js";
import type { RsxIssue } from "./issues.js";
import { toRsxIssues } from "./zod-issues.js";

export interface ValidateOptions {
  /** Rule sets applied after the schema, in order (e.g. `[commonRules, acmeRules]`). */
  readonly rules?: RuleSet | readonly RuleSet[];
  /** Report unknown properties as warnings (and drop them) instead of errors. */
  readonly lenient?: boolean;
  /** Documents the rules may compare with (the 850 an 855/856/810 answers). */
  readonly related?: RelatedDocuments;
}

export type ValidationResult<T extends RsxDocumentType = RsxDocumentType> =
  | { readonly ok: true; readonly document: RsxDocumentMap[T]; readonly warnings: readonly RsxIssue[] }
  | { readonly ok: false; readonly issues: readonly RsxIssue[]; readonly warnings: readonly RsxIssue[] };

function schemaFor(type: RsxDocumentType): z.core.$ZodType {
  return rsxDocumentSchemas[type] as unknown as z.core.$ZodType;
}

// zod's ahead-of-time compiled fast path, built once per document type on first use. It gives the same results
// (it falls back to the runtime parser on any failure, so issues are identical) about 2-3x faster.
const compiled = new Map<RsxDocumentType, z.ZodType>();

function validatorFor(type: RsxDocumentType): z.ZodType {
  let schema = compiled.get(type);
  if (schema === undefined) {
    schema = z.core.compile(rsxDocumentSchemas[type] as unknown as z.ZodType);
    compiled.set(type, schema);
  }
  return schema;
}

const OUTPUT_CHANGING = new Set(["transform", "default", "prefault", "catch", "success", "pipe", "codec"]);

/** Whether parsing with this schema can produce something other than its input (transforms, defaults...). */
function changesOutput(schema: z.core.$ZodType, seen = new Set<z.core.$ZodType>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  if (OUTPUT_CHANGING.has(def.type)) return true;
  const children: unknown[] = [];
  if (def.type === "object") {
    const shape = (def as unknown as z.core.$ZodObjectDef).shape;
    for (const key of Object.keys(shape)) children.push(shape[key]);
    children.push((def as unknown as z.core.$ZodObjectDef).catchall);
  } else if (def.type === "lazy") {
    children.push((def as unknown as z.core.$ZodLazyDef).getter());
  } else {
    for (const key of [
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
    ]) {
      const child = def[key];
      if (Array.isArray(child)) children.push(...child);
      else children.push(child);
    }
  }
  return children.some(
    (child) =>
      child !== null && typeof child === "object" && "_zod" in child && changesOutput(child as z.core.$ZodType, seen),
  );
}

const identityOutput = new Map<RsxDocumentType, boolean>();

/** True when a valid input is its own output for this document type, so validation need not build a copy. */
function outputIsInput(type: RsxDocumentType): boolean {
  let known = identityOutput.get(type);
  if (known === undefined) {
    known = !changesOutput(schemaFor(type));
    identityOutput.set(type, known);
  }
  return known;
}

/** Removes the properties named by `unrecognized_key` issues from a (copied) value. */
function stripKeys(value: unknown, zodIssues: readonly z.core.$ZodIssue[]): unknown {
  const copy: unknown = structuredClone(value);
  for (const issue of zodIssues) {
    if (issue.code !== "unrecognized_keys") continue;
    let target: unknown = copy;
    for (const key of issue.path) {
      if (target === null || typeof target !== "object") break;
      target = (target as Record<PropertyKey, unknown>)[key];
    }
    if (target !== null && typeof target === "object") {
      for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
    }
  }
  return copy;
}

/**
 * Validates a value as an RSX document of `type`: the base schema (unknown properties are errors, or warnings
 * with `lenient`), then each rule set. Never throws on bad input.
 */
export function validateRsx<T extends RsxDocumentType>(
  type: T,
  value: unknown,
  options: ValidateOptions = {},
): ValidationResult<T> {
  const schema = schemaFor(type);
  const validator = validatorFor(type);
  const warnings: RsxIssue[] = [];
  let current = value;
  // Fast path: a valid document whose schema has no transforms or defaults is its own output; skip the copy.
  if (outputIsInput(type) && validator.validate(current)) {
    return finishRules(type, current as RsxDocumentMap[T], [], options);
  }
  let result = validator.safeParse(current);
  for (let round = 0; !result.success && options.lenient && round < 8; round++) {
    const zodIssues = result.error.issues;
    if (!zodIssues.some((i) => i.code === "unrecognized_keys")) break;
    const unknownKeys = toRsxIssues(
      zodIssues.filter((i) => i.code === "unrecognized_keys"),
      current,
      schema,
    );
    for (const issue of unknownKeys) {
      warnings.push({ ...issue, message: `${issue.message.split(":")[0]}: ignored (lenient mode).` });
    }
    current = stripKeys(current, zodIssues);
    result = validator.safeParse(current);
  }
  if (!result.success) {
    return { ok: false, issues: toRsxIssues(result.error.issues, current, schema), warnings };
  }
  return finishRules(type, result.data as RsxDocumentMap[T], warnings, options);
}

function finishRules<T extends RsxDocumentType>(
  type: T,
  document: RsxDocumentMap[T],
  warnings: RsxIssue[],
  options: ValidateOptions,
): ValidationResult<T> {
  const ruleSets = options.rules === undefined ? [] : Array.isArray(options.rules) ? options.rules : [options.rules];
  if (ruleSets.length > 0) {
    const findings = applyRuleSets(type, document, ruleSets as readonly RuleSet[], options.related);
    warnings.push(...findings.warnings);
    if (findings.errors.length > 0) return { ok: false, issues: findings.errors, warnings };
  }
  return { ok: true, document, warnings };
}
