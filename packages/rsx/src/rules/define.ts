import type { RsxDocumentMap, RsxDocumentType } from "../schemas/index.js";
import type { RsxIssue, RsxIssueCode, RsxPath } from "../validate/issues.js";
import { type Selection, select } from "./paths.js";

/** Documents a rule may compare against, e.g. the 850 an 855/856/810 answers (for echo checks). */
export interface RelatedDocuments {
  readonly order?: RsxDocumentMap["Order"];
}

/** What a custom rule receives besides the document. */
export interface RuleContext {
  readonly type: RsxDocumentType;
  /** Name of the rule set being applied. */
  readonly ruleSet: string;
  readonly related: RelatedDocuments;
  /** Reports a problem at a path (see `RsxPath`). */
  report(path: RsxPath, code: RsxIssueCode | (string & {}), message: string): void;
  /** Evaluates a selector such as `LineItem[*].OrderLine.OrderQty` or `Header.Address[AddressTypeCode=ST]`. */
  select(selector: string): Selection;
}

export type CustomRule<D> = (document: D, context: RuleContext) => void;

/**
 * Declarative checks; every key is a selector (see `select`):
 * `LineItem[*].OrderLine.BuyerPartNumber`, `Header.Address[AddressTypeCode=ST].PostalCode`.
 */
export interface RuleBlock<D> {
  /** Selectors that must reach a present, non-empty value. */
  readonly required?: readonly string[];
  /** Maximum length of string values. */
  readonly maxLength?: Readonly<Record<string, number>>;
  /** Allowed values (codes) where a partner accepts fewer than the code list. */
  readonly allowed?: Readonly<Record<string, readonly (string | number)[]>>;
  /** Patterns string values must match. */
  readonly pattern?: Readonly<Record<string, RegExp>>;
  /** Anything else, as functions. */
  readonly custom?: readonly CustomRule<D>[];
}

export interface RuleSetDefinition extends RuleBlock<RsxDocumentMap[RsxDocumentType]> {
  /** Shown with every issue the set reports, e.g. "acme-retail". */
  readonly name: string;
  /** Document types the top-level checks apply to (all when absent). */
  readonly appliesTo?: readonly RsxDocumentType[];
  /** "warning" reports the set's findings as warnings instead of errors. */
  readonly severity?: "error" | "warning";
  /**
   * Code lists this partner enforces even where the document type is read with `codes: "warn"` (inbound 850/860):
   * element names such as `"CarrierTransMethodCode"`, or `"all"`. A code outside such a list is an error, not an
   * `unknown_code` warning.
   */
  readonly strictCodes?: readonly string[] | "all";
  /** Checks for one document type only, with typed custom rules. */
  readonly documents?: { readonly [K in RsxDocumentType]?: RuleBlock<RsxDocumentMap[K]> };
}

/** A partner (or common) rule set: plain data plus optional functions. */
export interface RuleSet extends RuleSetDefinition {
  readonly kind: "rsx-rule-set";
}

/**
 * Declares a rule set. For a retailer this is usually a few lines:
 *
 * ```ts
 * const acme = defineRuleSet({
 *   name: "acme",
 *   documents: {
 *     Order: { required: ["Header.OrderHeader.Vendor", "LineItem[*].OrderLine.BuyerPartNumber"] },
 *     Shipment: { required: ["Header.ShipmentHeader.BillOfLadingNumber"], maxLength: { "Header.ShipmentHeader.ShipmentIdentification": 22 } },
 *   },
 * });
 * ```
 */
export function defineRuleSet(definition: RuleSetDefinition): RuleSet {
  // Validate the selectors now, so a typo fails where the rule set is written, not on the first document.
  const blocks: RuleBlock<never>[] = [definition, ...(Object.values(definition.documents ?? {}) as RuleBlock<never>[])];
  for (const block of blocks) {
    for (const selector of [
      ...(block.required ?? []),
      ...Object.keys(block.maxLength ?? {}),
      ...Object.keys(block.allowed ?? {}),
      ...Object.keys(block.pattern ?? {}),
    ]) {
      select({}, selector);
    }
  }
  return Object.freeze({ ...definition, kind: "rsx-rule-set" as const });
}

/** The rule set (if any) that makes the code list of element `field` strict for this document type. */
export function strictCodeRuleSet(
  type: RsxDocumentType,
  field: string,
  ruleSets: readonly RuleSet[],
): RuleSet | undefined {
  return ruleSets.find(
    (set) =>
      (set.appliesTo === undefined || set.appliesTo.includes(type)) &&
      (set.strictCodes === "all" || (set.strictCodes?.includes(field) ?? false)),
  );
}

export interface RuleFindings {
  readonly errors: RsxIssue[];
  readonly warnings: RsxIssue[];
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Applies rule sets, in order, to a document that already passed its schema. */
export function applyRuleSets(
  type: RsxDocumentType,
  document: RsxDocumentMap[RsxDocumentType],
  ruleSets: readonly RuleSet[],
  related: RelatedDocuments = {},
): RuleFindings {
  const errors: RsxIssue[] = [];
  const warnings: RsxIssue[] = [];
  for (const set of ruleSets) {
    const sink = set.severity === "warning" ? warnings : errors;
    const report = (path: RsxPath, code: string, message: string): void => {
      sink.push({ path, code, message, rule: set.name });
    };
    const context: RuleContext = {
      type,
      ruleSet: set.name,
      related,
      report,
      select: (selector) => select(document, selector),
    };
    if (set.appliesTo === undefined || set.appliesTo.includes(type))
      applyBlock(set, document, context, report, set.name);
    const specific = set.documents?.[type];
    if (specific) applyBlock(specific as RuleBlock<never>, document, context, report, set.name);
  }
  return { errors, warnings };
}

function applyBlock(
  block: RuleBlock<never>,
  document: unknown,
  context: RuleContext,
  report: (path: RsxPath, code: string, message: string) => void,
  name: string,
): void {
  // Each kind of check only where the block has some (most have custom rules only).
  if (block.required) {
    for (const selector of block.required) {
      const { found, missing } = select(document, selector);
      for (const m of missing) {
        report(
          m.path,
          "rule_required",
          m.reason === "no_match"
            ? `Rule set "${name}" requires ${selector}, but ${m.path} matches no entry: add one.`
            : `Rule set "${name}" requires ${selector}, but ${m.path} is missing: add it.`,
        );
      }
      for (const f of found) {
        if (isEmpty(f.value)) report(f.path, "rule_required", `Rule set "${name}" requires ${f.path}: fill it in.`);
      }
    }
  }
  if (block.maxLength) {
    for (const [selector, max] of Object.entries(block.maxLength)) {
      for (const f of select(document, selector).found) {
        if (typeof f.value === "string" && f.value.length > max) {
          report(
            f.path,
            "rule_max_length",
            `Rule set "${name}" allows at most ${max} characters in ${f.path}; it has ${f.value.length}: shorten it.`,
          );
        }
      }
    }
  }
  if (block.allowed) {
    for (const [selector, values] of Object.entries(block.allowed)) {
      for (const f of select(document, selector).found) {
        if (f.value !== undefined && !values.some((v) => v === f.value)) {
          report(
            f.path,
            "rule_allowed",
            `Rule set "${name}" accepts only ${values.join(", ")} in ${f.path}; got ${JSON.stringify(f.value)}.`,
          );
        }
      }
    }
  }
  if (block.pattern) {
    for (const [selector, regex] of Object.entries(block.pattern)) {
      for (const f of select(document, selector).found) {
        if (typeof f.value === "string" && !regex.test(f.value)) {
          report(
            f.path,
            "rule_pattern",
            `Rule set "${name}": ${f.path} (${JSON.stringify(f.value)}) must match ${regex}.`,
          );
        }
      }
    }
  }
  if (block.custom) {
    for (const rule of block.custom) {
      try {
        rule(document as never, context);
      } catch (error) {
        // A bug in a partner's rule must not stop a run: it becomes an issue naming the rule set.
        report(
          "",
          "rule_error",
          `A custom rule of rule set "${name}" failed: ${error instanceof Error ? error.message : String(error)}. Fix the rule.`,
        );
      }
    }
  }
}
