import { type ParsedRsxFileName, parseRsxFileName } from "../file-names/file-names.js";
import type { RelatedDocuments, RuleSet } from "../rules/define.js";
import { x12TransactionSets } from "../schemas/documents.js";
import type { RsxDocumentMap, RsxDocumentType } from "../schemas/index.js";
import { documentPlan, type RsxFormat } from "../serialize/serialize.js";
import { capIssues, type RsxIssue } from "../validate/issues.js";
import {
  type CodeStrictness,
  checkedDepthBound,
  compiledCheck,
  outputIsInput,
  type ValidateOptions,
  validateDocument,
} from "../validate/validate.js";
import { type RsxVersion, rsx76Evidence, upgradeRsx76 } from "../versions/rsx-76.js";
import { readXml, XML_LIMITS } from "../xml/read-xml.js";
import { typeForXmlRoot, xmlNames } from "../xml/roots.js";
import { RSX_NAMESPACE } from "../xml/value-to-xml.js";
import { xmlLeafValue, xmlNodeToValue } from "../xml/xml-to-value.js";
import { decodeInput } from "./decode.js";
import { DEFAULT_MAX_DEPTH, valueDepth } from "./depth.js";
import { guessJsonType } from "./detect-type.js";
import { lineColumn } from "./position.js";

/** Default size limit: 10 MB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface ParseOptions {
  /** The document type, when known; otherwise it is detected (XML root, file name, JSON shape). */
  readonly type?: RsxDocumentType;
  /** The format, when known; otherwise detected from the file name or the first character. */
  readonly format?: RsxFormat;
  /** The file name (or path), used as a hint for type and format: `PO584615-1-v7.7-BulkImport.json`. */
  readonly fileName?: string;
  /** Inputs larger than this many bytes (UTF-8) are refused before decoding. Default 10 MB. */
  readonly maxBytes?: number;
  /**
   * Inputs nested deeper than this many levels (JSON arrays and objects, XML elements) are refused with a `too_deep`
   * issue before any check that recurses as deep as the value does (XML: before parsing). Default 100.
   */
  readonly maxDepth?: number;
  /**
   * Report unknown leaf properties as warnings (and drop them) instead of errors. A group is never dropped: a
   * document whose line items (or packs/items) would be lost is refused (`lines_would_be_lost`).
   */
  readonly lenient?: boolean;
  /**
   * `"warn"`: a well-formed code outside its list is kept, with an `unknown_code` warning at its path; `"strict"`: it
   * is an error. Default: `"warn"` for Order (850) and OrderChange (860), `"strict"` for the documents we send.
   */
  readonly codes?: CodeStrictness;
  /**
   * The RSX version to read the document as. By default it is detected: a 7.6 layout (`LineItems` wrapper, `Date`
   * groups, singular `Contact`/`Reference`, `PurchaseOrderTypeCode`...) or a `-v7.6-` file name is read as 7.6.
   */
  readonly version?: RsxVersion;
  /** Rule sets applied after the schema (e.g. `[commonRules, acmeRules]`). */
  readonly rules?: RuleSet | readonly RuleSet[];
  /** Documents the rules may compare with. */
  readonly related?: RelatedDocuments;
  /**
   * `false`: read the document (format, type, version, the 7.6 layout brought to 7.7) without checking it against
   * the schema or any rule set; the size and depth limits still apply. For a document this code already validated
   * when it was received, read back from your own store: one that passed without warnings comes back exactly as the
   * check would return it (the RSX schemas do not transform values; one that did would be checked anyway), without
   * paying for the check again. Anything else comes back as it is, unchecked. Default `true`.
   */
  readonly validate?: boolean;
}

export type ParseSuccess<T extends RsxDocumentType = RsxDocumentType> = {
  readonly ok: true;
  readonly type: T;
  readonly format: RsxFormat;
  readonly document: RsxDocumentMap[T];
  /** The RSX version the document was written in; `document` is the 7.7 model either way. */
  readonly version: RsxVersion;
  /**
   * Values of RSX 7.6 elements that have no place in 7.7 (`PromotionDealNumber`, `Summary.TotalQuantity`...), by
   * path; each is also a `legacy_field` warning. Empty for 7.7.
   */
  readonly legacy: Readonly<Record<string, unknown>>;
  readonly warnings: readonly RsxIssue[];
};

export type ParseFailure = {
  readonly ok: false;
  /** What is wrong, each with a path, a code and a message. */
  readonly issues: readonly RsxIssue[];
  readonly warnings: readonly RsxIssue[];
  /** The type, format and version, when they could be determined. */
  readonly type?: RsxDocumentType;
  readonly format?: RsxFormat;
  readonly version?: RsxVersion;
};

/** A success for each document type (a discriminated union on `type`), or a failure. */
export type ParseResult = { [T in RsxDocumentType]: ParseSuccess<T> }[RsxDocumentType] | ParseFailure;

function failure(
  issue: RsxIssue | readonly RsxIssue[],
  extra: { type?: RsxDocumentType; format?: RsxFormat; version?: RsxVersion; warnings?: readonly RsxIssue[] } = {},
): ParseFailure {
  return {
    ok: false,
    issues: capIssues(Array.isArray(issue) ? issue : [issue as RsxIssue]),
    warnings: capIssues(extra.warnings ?? []),
    ...(extra.type ? { type: extra.type } : {}),
    ...(extra.format ? { format: extra.format } : {}),
    ...(extra.version ? { version: extra.version } : {}),
  };
}

/** Root elements of SPS layouts older than RSX 7.6, which are refused with one issue instead of a cascade. */
const OLDER_LAYOUT_ROOTS: Readonly<Record<string, string>> = {
  PurchaseOrder: "purchase order (850)",
  PurchaseOrders: "purchase order (850)",
  POAcknowledgment: "acknowledgment (855)",
  POAcknowledgement: "acknowledgment (855)",
  ShipNotice: "ship notice (856)",
  AdvanceShipNotice: "ship notice (856)",
  ASN: "ship notice (856)",
  InvoiceDocument: "invoice (810)",
  POChange: "order change (860)",
};

/** The version a document is read as: the option, then its layout, then the file name (`named`: the name read). */
function versionOf(document: unknown, options: ParseOptions, named: ParsedRsxFileName | undefined): RsxVersion {
  if (options.version) return options.version;
  if (rsx76Evidence(document) !== undefined) return "7.6";
  return named?.version.startsWith("7.6") ? "7.6" : "7.7";
}

function jsonSyntaxIssue(text: string, error: unknown): RsxIssue {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const truncated = /end of (JSON )?(data|input)|Unterminated string/i.test(message);
  if (position?.[1] !== undefined) {
    const { line, column } = lineColumn(text, Number(position[1]));
    return {
      path: "",
      code: "syntax",
      message: `Invalid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, "")}${
        truncated ? " (the file looks truncated: was it fully downloaded?)" : ""
      }.`,
    };
  }
  return {
    path: "",
    code: "syntax",
    message: `Invalid JSON: ${message}${truncated ? " (the file looks truncated: was it fully downloaded?)" : ""}.`,
  };
}

function tooDeepFailure(format: RsxFormat, limit: number): ParseFailure {
  const what = format === "json" ? "arrays and objects" : "elements";
  return failure(
    {
      path: "",
      code: "too_deep",
      message: `The ${format.toUpperCase()} nests ${what} more than ${limit} levels deep, so it was refused before any check: an RSX document needs far fewer levels, so this file is not one (or is built to exhaust the parser).`,
    },
    { format },
  );
}

// JSON.parse refuses raw control characters in strings, so a JSON text can only carry a character XML 1.0 forbids
// as an escape (\b, \f, or \u of a control character, a surrogate, U+FFFE or U+FFFF) or as a raw surrogate or
// U+FFFE/U+FFFF. A text without any needs no scan of its values (a false alarm, e.g. an escaped backslash before a
// "b", only costs the scan).
const JSON_ESCAPE_MAY_BE_FORBIDDEN = /\\(?:[bf]|u(?:00[01]|[dD][89a-fA-F]|[fF]{3}[eEfF]))/;
const RAW_FORBIDDEN = /[\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * The escapes are looked for only in a text with a backslash (rare in an RSX document): a plain search for one costs
 * a fiftieth of the pattern's pass over every character (3.4 µs on 4 KB). The raw characters' pattern answers at
 * once on a text of characters up to U+00FF, which cannot match it.
 */
function mayHoldForbiddenCharacter(jsonText: string): boolean {
  return RAW_FORBIDDEN.test(jsonText) || (jsonText.includes("\\") && JSON_ESCAPE_MAY_BE_FORBIDDEN.test(jsonText));
}

/** `found`, or too_deep when `unmeasured` (a value whose depth was not measured yet) nests deeper than `limit`. */
function measuredFailure(unmeasured: unknown, limit: number, found: ParseFailure): ParseFailure {
  return unmeasured !== undefined && valueDepth(unmeasured, limit) > limit ? tooDeepFailure("json", limit) : found;
}

function parseJson(text: string, options: ParseOptions, named: ParsedRsxFileName | undefined): ParseResult {
  const limit = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's JSON.parse recurses: input nested deep enough exhausts the stack (a RangeError) before any syntax error.
    if (error instanceof RangeError) return tooDeepFailure("json", limit);
    return failure(jsonSyntaxIssue(text, error), { format: "json" });
  }
  // The depth is measured on the parsed value (a JSON text scan costs as much as JSON.parse itself), before anything
  // recurses into it without a bound and before any other finding is reported. A plain object is first read for its
  // version and type (lookups a few levels down) and, read as 7.7, given to the schema's compiled check, whose
  // recursion follows the schema: a value it accepts nests no deeper than the schema does, so when that is within the
  // limit (an 850: 11 levels) the walk over every value is not needed. Anything else is measured at once.
  let measured = value === null || typeof value !== "object" || Array.isArray(value);
  if (measured && valueDepth(value, limit) > limit) return tooDeepFailure("json", limit);
  const warnings: RsxIssue[] = [];
  if (Array.isArray(value)) {
    if (value.length === 1) {
      warnings.push({
        path: "",
        code: "multiple_documents",
        message:
          "The document is wrapped in a JSON array of one; it was read as a bare object, which is how SPS writes it.",
      });
      value = value[0];
    } else {
      return failure(
        {
          path: "",
          code: "multiple_documents",
          message:
            value.length === 0
              ? "The file holds an empty JSON array: there is no document in it."
              : `The file holds a JSON array of ${value.length} documents; an RSX file carries one document as a bare object. Split it into one file per document (or parse each element separately).`,
        },
        { format: "json" },
      );
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return failure(
      {
        path: "",
        code: "invalid_type",
        message: `An RSX JSON document is an object with Header, LineItem and Summary; this file holds ${JSON.stringify(value)?.slice(0, 40)}.`,
      },
      { format: "json" },
    );
  }
  const version = versionOf(value, options, named);
  // A 7.6 document is renamed into 7.7 by a walk of its own: measured first.
  if (version === "7.6") {
    measured = true;
    if (valueDepth(value, limit) > limit) return tooDeepFailure("json", limit);
  }
  const record = value as Record<string, unknown>;
  const lines76 = version === "7.6" ? (record.LineItems as Record<string, unknown> | undefined)?.LineItem : undefined;
  const guess = guessJsonType(lines76 === undefined ? record : { ...record, LineItem: lines76 });
  if (options.type && guess && guess.type !== options.type && guess.evidence !== "") {
    // Another document than the one expected (an 855 or an 860 among 850s): said as such, not as a pile of schema
    // errors, and never read as the expected type with the other type's fields dropped (lenient mode).
    return measuredFailure(
      measured ? undefined : value,
      limit,
      failure(
        {
          path: "",
          code: "type_mismatch",
          message: `Expected ${documentName(options.type)} but this is ${documentName(guess.type)}: it has ${guess.evidence}, which ${documentName(options.type)} does not.`,
        },
        { format: "json", type: guess.type },
      ),
    );
  }
  const hinted = options.type ?? named?.type;
  const type = hinted ?? guess?.type;
  if (!type) {
    return measuredFailure(
      measured ? undefined : value,
      limit,
      failure(
        {
          path: "Header",
          code: "unknown_type",
          message:
            "Cannot tell which RSX document this is: expected Header.OrderHeader (850/855/860), Header.ShipmentHeader (856) or Header.InvoiceHeader (810). Pass { type } if the file is right.",
        },
        { format: "json" },
      ),
    );
  }
  let checked: boolean | undefined;
  if (!measured) {
    // Unmeasured so far: the compiled check's verdict (kept for the validation) may make the walk needless.
    // The value is as JSON.parse made it, untouched so far (see CompiledCheck's fromJson).
    checked = options.validate === false && outputIsInput(type) ? undefined : compiledCheck(type, value, true);
    const bounded = checked === true && checkedDepthBound(type) <= limit;
    if (!bounded && valueDepth(value, limit) > limit) return tooDeepFailure("json", limit);
  }
  return finish(type, "json", version, value, options, warnings, mayHoldForbiddenCharacter(text), checked);
}

/** `an Order (850)`, `a Shipment (856)`. */
function documentName(type: RsxDocumentType): string {
  return `${/^[AEIOU]/.test(type) ? "an" : "a"} ${type} (${x12TransactionSets[type]})`;
}

function parseXml(text: string, options: ParseOptions, named: ParsedRsxFileName | undefined): ParseResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return failure(
      {
        path: "",
        code: "dtd_forbidden",
        message:
          "The XML declares a DOCTYPE or ENTITY. RSX files never need one and entity expansion is refused for safety (XXE, entity bombs): remove the declaration.",
      },
      { format: "xml" },
    );
  }
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const read = readXml(text, { ...XML_LIMITS, maxDepth });
  if (!read.ok) return read.tooDeep ? tooDeepFailure("xml", maxDepth) : failure(read.issue, { format: "xml" });
  const rootName = read.rootName;
  const root = typeForXmlRoot(rootName);
  const older = OLDER_LAYOUT_ROOTS[rootName];
  if (older !== undefined) {
    return failure(
      {
        path: "",
        code: "unsupported_layout",
        message: `The root element is <${rootName}>: this is an SPS ${older} in a layout older than RSX 7.6, which is not supported. Ask SPS to move this trading partner's connection to RSX 7.7 (or 7.6).`,
      },
      { format: "xml" },
    );
  }
  if (root === undefined) {
    return failure(
      {
        path: "",
        code: "unknown_type",
        message: `The root element is <${rootName.length > 60 ? `${rootName.slice(0, 60)}…` : rootName}>, which is not an RSX 7.7 document: expected ${Object.values(
          xmlNames,
        )
          .map((n) => `<${n.root}>`)
          .join(", ")}.`,
      },
      { format: "xml" },
    );
  }
  if (options.type && options.type !== root.type) {
    return failure(
      {
        path: "",
        code: "type_mismatch",
        message: `Expected ${documentName(options.type)} but this is ${documentName(root.type)}: the XML root is <${rootName}>.`,
      },
      { format: "xml", type: root.type },
    );
  }
  const warnings: RsxIssue[] = [];
  const namespace = read.rootNamespace;
  const names = xmlNames[root.type];
  let node: unknown = read.root;
  const inner =
    root.plural && node !== null && typeof node === "object"
      ? (node as Record<string, unknown>)[names.element]
      : undefined;
  const version = versionOf(root.plural ? inner : node, options, named);
  // 7.6 files are often written without the namespace: only a 7.7 document is expected to declare it.
  if (namespace !== RSX_NAMESPACE && (version === "7.7" || namespace !== undefined)) {
    warnings.push({
      path: "",
      code: "invalid_value",
      message: `The root element should declare xmlns="${RSX_NAMESPACE}"${namespace === undefined ? "" : ` (found "${namespace.length > 100 ? `${namespace.slice(0, 100)}…` : namespace}")`}.`,
    });
  }
  if (root.plural) {
    if (inner === undefined) {
      return failure(
        {
          path: "",
          code: "empty",
          message: `<${names.root}> contains no <${names.element}> element: there is no document in it.`,
        },
        { format: "xml", type: root.type },
      );
    }
    if (Array.isArray(inner)) {
      return failure(
        {
          path: "",
          code: "multiple_documents",
          message: `<${names.root}> contains ${inner.length} <${names.element}> documents; parse one document per file (split the file).`,
        },
        { format: "xml", type: root.type },
      );
    }
    node = inner;
  }
  return finish(root.type, "xml", version, node, options, warnings);
}

function finish(
  type: RsxDocumentType,
  format: RsxFormat,
  version: RsxVersion,
  input: unknown,
  options: ParseOptions,
  warnings: RsxIssue[],
  scanCharacters = true,
  checked?: boolean,
): ParseResult {
  const plan = documentPlan(type);
  let value = input;
  let legacy: Readonly<Record<string, unknown>> = NO_LEGACY;
  if (version === "7.6") {
    const upgraded = upgradeRsx76(input, plan, format === "xml" ? xmlLeafValue : (leaf) => leaf);
    value = upgraded.value;
    legacy = upgraded.legacy;
    warnings.push(...upgraded.warnings);
  }
  if (format === "xml") value = xmlNodeToValue(value, plan);
  // Unchecked only where the check would return its input (a schema with transforms would change what it reads).
  if (options.validate === false && outputIsInput(type)) {
    return {
      ok: true,
      type,
      format,
      version,
      document: value,
      legacy,
      warnings: capIssues(warnings),
    } as ParseResult;
  }
  const result = validateDocument(type, value, validateOptionsOf(options), scanCharacters, checked);
  if (!result.ok) {
    return failure(result.issues, { type, format, version, warnings: [...warnings, ...result.warnings] });
  }
  return {
    ok: true,
    type,
    format,
    version,
    document: result.document,
    legacy,
    warnings: result.warnings.length === 0 ? capIssues(warnings) : capIssues([...warnings, ...result.warnings]),
  } as ParseResult;
}

const NO_VALIDATE_OPTIONS: ValidateOptions = Object.freeze({});

/** What the validation takes from the parse options (none, for most reads: no new object). */
function validateOptionsOf(options: ParseOptions): ValidateOptions {
  if (!options.rules && !options.lenient && !options.codes && !options.related) return NO_VALIDATE_OPTIONS;
  return {
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.lenient ? { lenient: true } : {}),
    ...(options.codes ? { codes: options.codes } : {}),
    ...(options.related ? { related: options.related } : {}),
  };
}

const NO_LEGACY: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Parses an RSX 7.7 or 7.6 document: a string or bytes, JSON or XML, with or without a UTF-8 BOM. Detects the
 * format, the document type and the version (or takes them from `options`; a file name such as
 * `PO584615-1-v7.7-BulkImport.json` is a hint), validates it against the schema and the given rule sets, and returns
 * `{ ok: true, type, format, version, document, legacy, warnings }` (the document is the 7.7 model whatever the
 * version) or `{ ok: false, issues }`.
 *
 * Never throws on bad input: inputs over `maxBytes` (10 MB by default) are refused before decoding, XML with a
 * DOCTYPE or ENTITY declaration is refused, input nested more than `maxDepth` (100) levels is refused unparsed
 * (`too_deep`), UTF-16 and invalid UTF-8 give an `encoding` issue.
 */
export function parseRsx(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const decoded = decodeInput(input, maxBytes);
    if (!decoded.ok) return failure(decoded.issue);
    const text = decoded.text;
    const start = text.search(/\S/);
    if (start < 0) {
      return failure({
        path: "",
        code: "empty",
        message:
          text.length === 0
            ? "The input is empty: the file has no content."
            : "The input holds only whitespace: the file has no content.",
      });
    }
    // The file name is read once: its format, type and version hints all come from here.
    const hint = options.fileName ? parseRsxFileName(options.fileName) : undefined;
    const first = text[start];
    const format: RsxFormat | undefined =
      options.format ?? (first === "<" ? "xml" : first === "{" || first === "[" ? "json" : hint?.format);
    if (format === "xml") return parseXml(text, options, hint);
    if (format === "json") return parseJson(text, options, hint);
    return failure({
      path: "",
      code: "unknown_format",
      message: `The input is neither JSON nor XML (it starts with ${JSON.stringify(text.slice(start, start + 20))}): RSX files are one or the other.`,
    });
  } catch (error) {
    // Defensive: nothing above should throw, but a parser bug must not stop a run.
    return failure({
      path: "",
      code: "invalid",
      message: `The document could not be read: ${error instanceof Error ? error.message : String(error)}.`,
    });
  }
}
