import type { z } from "zod";
import { decodeInput } from "../parse/decode.js";
import { DEFAULT_MAX_DEPTH, valueDepth } from "../parse/depth.js";
import { x12TransactionSetsByGroup } from "../schemas/documents.js";
import type { RsxFormat } from "../serialize/serialize.js";
import { RsxSerializeError } from "../serialize/serialize.js";
import type { RsxIssue } from "../validate/issues.js";
import { capIssues } from "../validate/issues.js";
import { toRsxIssues } from "../validate/zod-issues.js";
import { readXml, XML_LIMITS } from "../xml/read-xml.js";
import { shapePlanOf } from "../xml/shape-plan.js";
import { RSX_NAMESPACE, valueToXml } from "../xml/value-to-xml.js";
import { xmlNodeToValue } from "../xml/xml-to-value.js";
import {
  elementErrorCodes,
  type FunctionalAck,
  type FunctionalAckCode,
  functionalAckCodes,
  functionalAckSchema,
  functionalAckXmlNames,
  groupErrorCodes,
  segmentErrorCodes,
  transactionSetErrorCodes,
} from "./schema.js";

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const plan = () => shapePlanOf(functionalAckSchema as unknown as z.core.$ZodType);

export type FunctionalAckParseResult =
  | {
      readonly ok: true;
      readonly format: RsxFormat;
      readonly document: FunctionalAck;
      readonly warnings: readonly RsxIssue[];
    }
  | { readonly ok: false; readonly format?: RsxFormat; readonly issues: readonly RsxIssue[] };

export interface FunctionalAckParseOptions {
  /** Inputs larger than this many bytes are refused before decoding. Default 10 MB. */
  readonly maxBytes?: number;
  /** Inputs nested deeper than this are refused. Default 100. */
  readonly maxDepth?: number;
}

function fail(issue: RsxIssue, format?: RsxFormat): FunctionalAckParseResult {
  return { ok: false, issues: [issue], ...(format ? { format } : {}) };
}

function validated(value: unknown, format: RsxFormat, warnings: RsxIssue[]): FunctionalAckParseResult {
  const result = functionalAckSchema.safeParse(value);
  if (!result.success) {
    return {
      ok: false,
      format,
      issues: toRsxIssues(result.error.issues, value, functionalAckSchema as unknown as z.core.$ZodType),
    };
  }
  return { ok: true, format, document: result.data, warnings: capIssues(warnings) };
}

/**
 * Parses a 997 functional acknowledgment (JSON or XML, with or without a UTF-8 BOM) and validates it against
 * `functionalAckSchema`. Never throws on bad input; the same bounds as `parseRsx` apply (size, depth, no DOCTYPE).
 */
export function parseFunctionalAck(
  input: string | Uint8Array,
  options: FunctionalAckParseOptions = {},
): FunctionalAckParseResult {
  const decoded = decodeInput(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!decoded.ok) return fail(decoded.issue);
  const text = decoded.text;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const first = text.trimStart()[0];
  if (first === "{") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = error instanceof RangeError ? "nested too deep" : (error as Error).message;
      return fail({ path: "", code: "syntax", message: `Invalid JSON: ${message}.` }, "json");
    }
    if (valueDepth(value, maxDepth) > maxDepth) {
      return fail({ path: "", code: "too_deep", message: `The JSON nests more than ${maxDepth} levels.` }, "json");
    }
    return validated(value, "json", []);
  }
  if (first === "<") {
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
      return fail(
        { path: "", code: "dtd_forbidden", message: "The XML declares a DOCTYPE or ENTITY, which is refused." },
        "xml",
      );
    }
    const read = readXml(text, { ...XML_LIMITS, maxDepth });
    if (!read.ok) return fail(read.issue, "xml");
    const names = functionalAckXmlNames;
    const warnings: RsxIssue[] = [];
    let node: unknown = read.root;
    if (read.rootName === names.root) {
      const inner =
        node !== null && typeof node === "object" ? (node as Record<string, unknown>)[names.element] : undefined;
      if (inner === undefined || Array.isArray(inner)) {
        return fail(
          {
            path: "",
            code: inner === undefined ? "empty" : "multiple_documents",
            message: `<${names.root}> must hold exactly one <${names.element}>.`,
          },
          "xml",
        );
      }
      node = inner;
    } else if (read.rootName !== names.element) {
      return fail(
        {
          path: "",
          code: "unknown_type",
          message: `The root element is <${read.rootName.slice(0, 60)}>, not <${names.root}>: this is not a 997 functional acknowledgment.`,
        },
        "xml",
      );
    }
    if (read.rootNamespace !== RSX_NAMESPACE) {
      warnings.push({
        path: "",
        code: "invalid_value",
        message: `The root element should declare xmlns="${RSX_NAMESPACE}".`,
      });
    }
    return validated(xmlNodeToValue(node, plan()), "xml", warnings);
  }
  return fail({
    path: "",
    code: "unknown_format",
    message: "The input is neither JSON nor XML: a 997 functional acknowledgment is one or the other.",
  });
}

/** Writes a 997 as JSON (a bare object, as RSX documents are) or XML (`<FunctionalAcks>` in the RSX namespace). */
export function serializeFunctionalAck(ack: FunctionalAck, options: { format: RsxFormat; indent?: number }): string {
  const indent = options.indent ?? 2;
  if (options.format === "json") return `${JSON.stringify(ack, null, indent)}\n`;
  const written = valueToXml(ack, plan(), functionalAckXmlNames.root, functionalAckXmlNames.element, { indent });
  if (typeof written !== "string") throw new RsxSerializeError(written.issues);
  return written;
}

/**
 * SPS names mailbox files by document type code + a unique id. A 997 travels in the X12 functional group `FA`, the
 * prefix its files carry: `FA{id}.{json|xml}`.
 */
export function functionalAckFileName(parts: { id: string; format: RsxFormat }): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(parts.id)) {
    throw new RangeError(`File-name id must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(parts.id)})`);
  }
  return `FA${parts.id}.${parts.format}`;
}

/** A 997's file name from where its last segment starts (sticky: matched there, not searched for). */
const FUNCTIONAL_ACK_NAME = /FA[A-Za-z0-9]/y;

/** Whether a file name (or path) is a 997's: it starts with `FA` and a letter or digit. */
export function isFunctionalAckFileName(name: string): boolean {
  // The last segment, by either separator, looked at where it starts: no list of segments, no copy of it.
  FUNCTIONAL_ACK_NAME.lastIndex = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1;
  return FUNCTIONAL_ACK_NAME.test(name);
}

/**
 * Whether the bytes (or text) hold a 997 functional acknowledgment, judged by its first 4 KB: the JSON
 * `FunctionalAckHeader` or the XML `<FunctionalAcks>`/`<FunctionalAck>` root. Cheap; `parseFunctionalAck` decides.
 */
export function looksLikeFunctionalAck(input: string | Uint8Array): boolean {
  if (typeof input === "string") return functionalAckMark.test(input.slice(0, 4096));
  const head = input.subarray(0, 4096);
  // Both marks hold "FunctionalAck", ASCII, which UTF-8 never writes inside another character: bytes without it
  // (every 850) need no decoding and no pattern.
  if (!holdsAscii(head, FUNCTIONAL_ACK_BYTES)) return false;
  return functionalAckMark.test(headDecoder.decode(head));
}

const functionalAckMark = /"FunctionalAckHeader"\s*:|<(?:[A-Za-z_][\w.-]*:)?FunctionalAcks?[\s>]/;
const headDecoder = new TextDecoder();
const utf8 = new TextEncoder();
const FUNCTIONAL_ACK_BYTES = utf8.encode("FunctionalAck");

/** Whether `bytes` hold the sequence `word` (its first byte found natively, the rest compared). */
function holdsAscii(bytes: Uint8Array, word: Uint8Array): boolean {
  const first = word[0];
  const last = bytes.byteLength - word.byteLength;
  for (let at = bytes.indexOf(first as number); at >= 0 && at <= last; at = bytes.indexOf(first as number, at + 1)) {
    let index = 1;
    while (index < word.byteLength && bytes[at + index] === word[index]) index++;
    if (index === word.byteLength) return true;
  }
  return false;
}

/**
 * A control number for the document uploaded under `fileName`: 9 digits, the same for the same name (a retried
 * upload keeps it), so that a 997's AK1/AK2 control numbers lead back to the document. Our uploads carry it as their
 * Meta `GroupControlNumber` and `DocumentControlNumber` (one document per group, one group per file).
 */
export function controlNumberFor(fileName: string): string {
  // FNV-1a (32 bits): stable across platforms and versions, no dependency.
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(fileName)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % 1_000_000_000).padStart(9, "0");
}

/** What a 997 says about one document it acknowledges. */
export interface FunctionalAckResult {
  /** The acknowledged document's transaction set (`855`...). */
  readonly transactionSet: string;
  /** Its control number (AK202), or the group's (AK102) when the 997 has no per-document response. */
  readonly controlNumber: string;
  readonly groupControlNumber: string;
  readonly purchaseOrderNumber?: string | undefined;
  readonly code: FunctionalAckCode;
  /** `accepted` for A and E, `rejected` for R, M, W and X. */
  readonly verdict: "accepted" | "rejected";
  /** The errors noted (AK3/AK4/AK5, or AK9 for the group), paths into the 997. Also present on an E. */
  readonly issues: readonly RsxIssue[];
}

function verdictOf(code: FunctionalAckCode): "accepted" | "rejected" | undefined {
  if (code === "A" || code === "E") return "accepted";
  if (code === "P") return undefined;
  return "rejected";
}

function coded(path: string, element: string, table: Readonly<Record<string, string>>, code: string): RsxIssue {
  return { path, code: `997:${element}:${code}`, message: `${element} ${code}: ${table[code] ?? "error code"}` };
}

/**
 * Reads a 997 as a verdict per acknowledged document: one result per transaction set response (AK2-AK5); a 997
 * without them acknowledges its group as a whole (AK1/AK9), one result for the group's control number. A group
 * code `P` (partially accepted) without per-document responses names no document, so gives no result.
 */
export function functionalAckResults(ack: FunctionalAck): FunctionalAckResult[] {
  const header = ack.Header.FunctionalAckHeader;
  const group = header.GroupControlNumber;
  const sets = ack.TransactionSetResponse ?? [];
  if (sets.length === 0) {
    const verdict = verdictOf(header.GroupAcknowledgmentCode);
    if (!verdict) return [];
    const base = "Header.FunctionalAckHeader";
    return [
      {
        transactionSet: x12TransactionSetsByGroup[header.FunctionalIdentifierCode] ?? header.FunctionalIdentifierCode,
        controlNumber: group,
        groupControlNumber: group,
        code: header.GroupAcknowledgmentCode,
        verdict,
        issues: groupIssues(header.GroupAcknowledgmentCode, header.GroupSyntaxErrorCodes ?? [], base),
      },
    ];
  }
  return sets.flatMap((set, index) => {
    const verdict = verdictOf(set.TransactionSetAcknowledgmentCode);
    if (!verdict) return [];
    const base = `TransactionSetResponse[${index}]`;
    const issues: RsxIssue[] = (set.TransactionSetSyntaxErrorCodes ?? []).map((code, i) =>
      coded(`${base}.TransactionSetSyntaxErrorCodes[${i}]`, "AK502", transactionSetErrorCodes, code),
    );
    (set.DataSegmentNote ?? []).forEach((note, n) => {
      const at = `${base}.DataSegmentNote[${n}]`;
      const where = `segment ${note.SegmentIdCode}${note.SegmentPosition !== undefined ? ` at position ${note.SegmentPosition}` : ""}`;
      if (note.SegmentSyntaxErrorCode !== undefined) {
        const issue = coded(at, "AK304", segmentErrorCodes, note.SegmentSyntaxErrorCode);
        issues.push({ ...issue, message: `${issue.message} (${where})` });
      }
      (note.DataElementNote ?? []).forEach((element, e) => {
        const issue = coded(
          `${at}.DataElementNote[${e}]`,
          "AK403",
          elementErrorCodes,
          element.DataElementSyntaxErrorCode,
        );
        const detail = [
          where,
          element.ElementPosition !== undefined ? `element ${element.ElementPosition}` : undefined,
          element.DataElementReferenceNumber !== undefined
            ? `data element ${element.DataElementReferenceNumber}`
            : undefined,
          element.BadDataElementCopy !== undefined ? `value ${JSON.stringify(element.BadDataElementCopy)}` : undefined,
        ].filter((part) => part !== undefined);
        issues.push({ ...issue, message: `${issue.message} (${detail.join(", ")})` });
      });
    });
    if (verdict === "rejected" && issues.length === 0) {
      issues.push({
        path: `${base}.TransactionSetAcknowledgmentCode`,
        code: `997:AK501:${set.TransactionSetAcknowledgmentCode}`,
        message: `AK501 ${set.TransactionSetAcknowledgmentCode}: ${functionalAckCodes[set.TransactionSetAcknowledgmentCode]}`,
      });
    }
    return [
      {
        transactionSet: set.TransactionSetIdentifierCode,
        controlNumber: set.TransactionSetControlNumber,
        groupControlNumber: group,
        ...(set.PurchaseOrderNumber !== undefined ? { purchaseOrderNumber: set.PurchaseOrderNumber } : {}),
        code: set.TransactionSetAcknowledgmentCode,
        verdict,
        issues,
      },
    ];
  });
}

function groupIssues(code: FunctionalAckCode, errors: readonly string[], base: string): RsxIssue[] {
  const issues = errors.map((error, i) =>
    coded(`${base}.GroupSyntaxErrorCodes[${i}]`, "AK905", groupErrorCodes, error),
  );
  if (verdictOf(code) === "rejected" && issues.length === 0) {
    issues.push({
      path: `${base}.GroupAcknowledgmentCode`,
      code: `997:AK901:${code}`,
      message: `AK901 ${code}: ${functionalAckCodes[code]}`,
    });
  }
  return issues;
}
