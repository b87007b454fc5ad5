/** Where a problem is, as a JSON path: `LineItem[2].OrderLine.OrderQty` (array indexes are 0-based; "" is the whole document). */
export type RsxPath = string;

/** Codes of the problems the package reports itself; rule sets may add their own codes. */
export type RsxIssueCode =
  // input
  | "too_large"
  | "empty"
  | "encoding"
  | "syntax"
  | "dtd_forbidden"
  | "too_deep"
  | "too_complex"
  | "too_many_issues"
  | "multiple_documents"
  | "unknown_format"
  | "unknown_type"
  | "type_mismatch"
  | "unsupported_layout"
  | "lines_would_be_lost"
  | "invalid_character"
  // schema
  | "required"
  | "invalid_type"
  | "unrecognized_key"
  | "invalid_value"
  | "invalid_format"
  | "too_long"
  | "too_short"
  | "too_small"
  | "too_big"
  | "invalid"
  // warnings of liberal reading
  | "unknown_code"
  | "legacy_field"
  // rules
  | "rule_required"
  | "rule_max_length"
  | "rule_allowed"
  | "rule_pattern"
  | "check_digit"
  | "line_count"
  | "total_mismatch"
  | "not_positive"
  | "echo_missing"
  | "echo_mismatch"
  | "party_missing"
  | "rule_error";

/** One problem found in a document, with a path and a message a person can act on. */
export interface RsxIssue {
  readonly path: RsxPath;
  readonly code: RsxIssueCode | (string & {});
  readonly message: string;
  /** The rule set that reported it (absent for parse and schema issues). */
  readonly rule?: string;
}

export type PathSegment = string | number;

/** `["LineItem", 2, "OrderLine", "OrderQty"]` -> `LineItem[2].OrderLine.OrderQty`. */
export function formatPath(segments: readonly PropertyKey[]): RsxPath {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Joins a parent path and a child key or index. */
export function childPath(parent: RsxPath, key: PathSegment): RsxPath {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** A short, human description of a value for messages: `the string "12x"`, `an array of 3 items`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "object") return "an object";
  return typeof value;
}

/** Issues reported per document, at most: the first ones, then one `too_many_issues` issue counting the rest. */
export const MAX_ISSUES = 100;
/** Characters of one issue's message and path, at most (a key of a hostile file can be megabytes long). */
const MAX_MESSAGE = 1000;
const MAX_PATH = 300;

function cut(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${(text.length - max).toLocaleString("en-US")} characters cut)`;
}

/**
 * The first `MAX_ISSUES` issues, each with its message and path cut to a bounded length, and, when there were more
 * (`issues` beyond the first ones, plus `uncounted` not even translated), one issue saying how many were left out:
 * a file with 450,000 bad lines costs a report of about 100 KB, not 100 MB.
 */
export function capIssues(
  issues: readonly RsxIssue[],
  uncounted = 0,
  notChecked?: { readonly count: number; readonly after: string },
): RsxIssue[] {
  // Most documents: nothing to report (a fresh array, as every other answer is).
  if (issues.length === 0 && uncounted === 0 && notChecked === undefined) return [];
  // Capping twice (lists merged after each was capped) counts what earlier caps left out, without a second summary.
  let more = uncounted;
  let unchecked = notChecked;
  const real: RsxIssue[] = [];
  for (const issue of issues) {
    const omitted = omittedBy.get(issue);
    if (omitted === undefined) {
      real.push(issue);
      continue;
    }
    more += omitted;
    const skipped = notCheckedBy.get(issue);
    if (skipped !== undefined) {
      unchecked = { count: skipped.count + (unchecked?.count ?? 0), after: unchecked?.after ?? skipped.after };
    }
  }
  const shown = real
    .slice(0, MAX_ISSUES)
    .map((issue) =>
      issue.message.length <= MAX_MESSAGE && issue.path.length <= MAX_PATH
        ? issue
        : { ...issue, path: cut(issue.path, MAX_PATH), message: cut(issue.message, MAX_MESSAGE) },
    );
  more += real.length - shown.length;
  if (more > 0 || unchecked !== undefined) {
    const uncheckedText =
      unchecked === undefined
        ? ""
        : ` The ${unchecked.count.toLocaleString("en-US")} line(s) after ${unchecked.after} were not checked.`;
    const summary: RsxIssue = {
      path: "",
      code: "too_many_issues",
      message: `${more.toLocaleString("en-US")} more issue(s) not listed: only the first ${MAX_ISSUES} of a document are reported.${uncheckedText} Fix these and check the file again.`,
    };
    omittedBy.set(summary, more);
    if (unchecked !== undefined) notCheckedBy.set(summary, unchecked);
    shown.push(summary);
  }
  return shown;
}

/** How many issues each `too_many_issues` summary stands for. */
const omittedBy = new WeakMap<RsxIssue, number>();
/** The lines each summary says were not checked (validation stopped past the cap). */
const notCheckedBy = new WeakMap<RsxIssue, { readonly count: number; readonly after: string }>();
