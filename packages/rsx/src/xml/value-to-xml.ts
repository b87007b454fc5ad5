import { childPath, formatPath, type RsxIssue } from "../validate/issues.js";
import { escapeXml } from "./entities.js";
import type { ShapePlan } from "./shape-plan.js";

/** What to do with characters XML 1.0 cannot carry: refuse the document (with issues) or write U+FFFD instead. */
export type ForbiddenCharacters = "refuse" | "replace";

// XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. Everything
// else, lone surrogates included, makes the file unreadable for a conforming parser (expat at SPS).
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "g");
// A cheap first test (one character class, no lookaround): surrogates are usually well-paired, so only a text that
// holds a control character or a surrogate gets the exact test.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what it looks for
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function describeForbidden(text: string): string {
  const found = FORBIDDEN.exec(text)?.[0] ?? "";
  return `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Whether a text holds a character XML 1.0 forbids. */
export function hasForbiddenCharacter(text: string): boolean {
  return FORBIDDEN.test(text);
}

/**
 * The string values of a document that hold a character XML 1.0 forbids, one `invalid_character` issue per value
 * at its path. `kept` words the message for a document that is read anyway (an inbound warning).
 */
export function forbiddenCharacterIssues(value: unknown, kept = false): RsxIssue[] {
  const issues: RsxIssue[] = [];
  const found = (segments: readonly PropertyKey[], text: string) => {
    if (FORBIDDEN.test(text)) issues.push(forbiddenCharacterIssue(formatPath(segments), text, kept));
  };
  if (typeof value === "string") {
    if (MAYBE_FORBIDDEN.test(value)) found([], value);
  } else if (mayHoldForbidden(value)) collectForbidden(value, [], found);
  return issues;
}

// Documents are trees of bounded depth (the parser caps it); the bound only guards against cycles in hand-built values.
const MAX_SCAN_DEPTH = 200;

/**
 * Whether a text `collectForbidden` visits may hold such a character: the same walk without paths, with explicit
 * stacks instead of recursion. A document rarely holds one, and V8 optimises this loop for a small fraction of what
 * the recursive walk costs it to optimise (in a process's first few hundred documents, most of the scan's CPU); the
 * recursive walk runs only for a document that may.
 */
function mayHoldForbidden(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const nodes: object[] = [value];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = (depths.pop() as number) + 1;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const field: unknown = node[index];
        if (typeof field === "string") {
          if (MAYBE_FORBIDDEN.test(field)) return true;
        } else if (field !== null && typeof field === "object" && depth <= MAX_SCAN_DEPTH) {
          nodes.push(field);
          depths.push(depth);
        }
      }
    } else {
      for (const key in node) {
        const field: unknown = (node as Record<string, unknown>)[key];
        if (typeof field === "string") {
          if (MAYBE_FORBIDDEN.test(field)) return true;
        } else if (field !== null && typeof field === "object" && depth <= MAX_SCAN_DEPTH) {
          nodes.push(field);
          depths.push(depth);
        }
      }
    }
  }
  return false;
}

/** Walks a value with one shared path stack: paths are built only for the rare text that may hold such a character. */
function collectForbidden(
  value: unknown,
  segments: PropertyKey[],
  found: (segments: readonly PropertyKey[], text: string) => void,
): void {
  if (value === null || typeof value !== "object" || segments.length > MAX_SCAN_DEPTH) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) visit(value[i], i, segments, found);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) visit(record[key], key, segments, found);
}

function visit(
  field: unknown,
  key: PropertyKey,
  segments: PropertyKey[],
  found: (segments: readonly PropertyKey[], text: string) => void,
): void {
  if (typeof field === "string") {
    if (!MAYBE_FORBIDDEN.test(field)) return;
    segments.push(key);
    found(segments, field);
    segments.pop();
  } else if (field !== null && typeof field === "object") {
    segments.push(key);
    collectForbidden(field, segments, found);
    segments.pop();
  }
}

function forbiddenCharacterIssue(path: string, text: string, kept: boolean): RsxIssue {
  const where = path === "" ? "The document" : path;
  return {
    path,
    code: "invalid_character",
    message: kept
      ? `${where} holds ${describeForbidden(text)}, a character XML 1.0 forbids: kept as sent, but it cannot be written to an XML file (serializeRsx refuses it, or replaces it with { forbiddenCharacters: "replace" }).`
      : `${where} holds ${describeForbidden(text)}, a character XML 1.0 forbids: SPS cannot read a file carrying it. Remove it from the source record (or write with { forbiddenCharacters: "replace" }).`,
  };
}

export const RSX_NAMESPACE = "http://www.spscommerce.com/RSX";

export interface XmlWriteOptions {
  /** Spaces per nesting level; 0 writes everything on one line. Default 2. */
  readonly indent?: number;
  /** Default "refuse": the result is `{ issues }` instead of text when a value holds such a character. */
  readonly forbiddenCharacters?: ForbiddenCharacters;
}

interface WriteState {
  readonly indent: number;
  readonly replace: boolean;
  readonly out: string[];
  readonly issues: RsxIssue[];
}

/**
 * Writes a document as RSX XML: `<?xml?>`, the plural root with the RSX namespace, the singular element, and the
 * properties in schema order; each entry of a repeating group is one element; undefined/null are omitted.
 * A value holding a character XML 1.0 forbids gives `{ issues }` (one `invalid_character` per value, at its path)
 * unless `forbiddenCharacters` is "replace".
 */
export function valueToXml(
  value: unknown,
  plan: ShapePlan,
  root: string,
  element: string,
  options: XmlWriteOptions = {},
): string | { readonly issues: readonly RsxIssue[] } {
  const indent = options.indent ?? 2;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', nl(indent), `<${root} xmlns="${RSX_NAMESPACE}">`];
  const state: WriteState = { indent, replace: options.forbiddenCharacters === "replace", out, issues: [] };
  writeElement(element, value, plan, 1, "", state);
  if (state.issues.length > 0) return { issues: state.issues };
  out.push(nl(indent), `</${root}>`, indent > 0 ? "\n" : "");
  return out.join("");
}

function nl(indent: number, depth = 0): string {
  return indent > 0 ? `\n${" ".repeat(indent * depth)}` : "";
}

function orderedKeys(value: Record<string, unknown>, plan: ShapePlan | undefined): string[] {
  if (plan?.kind !== "object") return Object.keys(value);
  const keys = plan.keysOf(value, true);
  return keys.filter((key) => value[key] !== undefined || !plan.has(key));
}

function writeElement(
  name: string,
  value: unknown,
  plan: ShapePlan | undefined,
  depth: number,
  path: string,
  state: WriteState,
): void {
  const { indent, out } = state;
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    const elementPlan = plan?.kind === "array" ? plan.element : plan;
    value.forEach((entry, i) => {
      writeElement(name, entry, elementPlan, depth, `${path}[${i}]`, state);
    });
    return;
  }
  out.push(nl(indent, depth));
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = orderedKeys(record, plan);
    if (keys.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const key of keys) {
      const field = plan?.kind === "object" ? plan.field(key) : undefined;
      writeElement(key, record[key], field, depth + 1, childPath(path, key), state);
    }
    out.push(nl(indent, depth), `</${name}>`);
    return;
  }
  let text = String(value);
  if (FORBIDDEN.test(text)) {
    if (state.replace) text = text.replace(FORBIDDEN_ALL, "\uFFFD");
    else state.issues.push(forbiddenCharacterIssue(path, text, false));
  }
  out.push(`<${name}>`, escapeXml(text), `</${name}>`);
}
