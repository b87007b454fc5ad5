// The outbound file: content hash, file name, and the document validated and serialised into the bytes to upload.
import {
  commonRules,
  controlNumberFor,
  type RsxDocumentMap,
  RsxSerializeError,
  type RuleSet,
  rsxFileName,
  serializeRsx,
  validateRsx,
  withMeta,
} from "@ml-connector/rsx";
import { type JsonValue, type Reason, sha256 } from "@ml-connector/state";
import type { OutboundDraft, OutboundRsxType, OutboundSettings } from "./publish.js";

const utf8 = new TextEncoder();

/** Stable JSON (sorted keys) hashed: the identity of a document's content across runs. */
export function contentHash(value: JsonValue): string {
  return sha256(stableJson(value), "hex");
}

// Not @ml-connector/state's stableJson: that one leaves out keys whose value is undefined, this one writes them as
// `undefined`. Content hashes already stored in users' ledgers come from this one; a different hash for the same
// document would make the outbound flows send it again as a new revision after an upgrade.
// Written with one string and no arrays per level (it runs on every record of every change window); the text is
// the same as `[${items.map(stableJson).join(",")}]` and `{${keys.map(...).join(",")}}` wrote: an undefined item
// written empty, an undefined value written `undefined`.
function stableJson(value: JsonValue): string {
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ",";
      text += stableJson(value[index] as JsonValue) ?? "";
    }
    return `${text}]`;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    let text = "{";
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      if (index > 0) text += ",";
      text += `${JSON.stringify(key)}:${stableJson(value[key] as JsonValue)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value);
}

/** Letters, digits, `.`, `_` and `-` only: X3 keys may carry `/` or spaces. */
export function fileNameId(...parts: readonly (string | number)[]): string {
  return parts.map((part) => String(part).replace(/[^A-Za-z0-9._-]+/g, "_")).join("-");
}

/** A built document made into its file: what to record and upload, and why it may not be sent. */
export interface OutboundFile {
  fileName: string;
  /** The control number of the document's group and of the document itself. */
  controlNumber: string;
  bytes: Uint8Array;
  /** Validation and serialisation problems: the document is rejected when there are any. */
  reasons: Reason[];
}

/** Validates a built document (schema, common rules, partner rules), names its file and serialises it. */
export function writeOutboundFile<T extends OutboundRsxType>(
  settings: OutboundSettings,
  draft: OutboundDraft<T>,
  built: { document: RsxDocumentMap[T] },
  revision: number,
): OutboundFile {
  const ruleSets: RuleSet[] = [];
  if (settings.commonRules !== false) ruleSets.push(commonRules);
  const partnerRules = settings.partnerRules?.[draft.source.partnerId];
  if (partnerRules) ruleSets.push(...(Array.isArray(partnerRules) ? partnerRules : [partnerRules as RuleSet]));
  const validated = validateRsx(draft.rsxType, built.document, {
    rules: ruleSets,
    related: { order: draft.source.order },
  });
  const format = settings.format ?? "json";
  // Partners recorded before the setting existed have none: 7.7.
  const version = draft.source.partner?.rsxVersion ?? "7.7";
  const fileName = rsxFileName({
    type: draft.rsxType,
    id: fileNameId(draft.x3.key, revision),
    model: settings.model ?? draft.source.model ?? "BulkImport",
    format,
    version,
  });
  // The control numbers a 997 names this document by (one document per group, one group per file): derived from
  // the file name, so a retried upload carries the same ones.
  const controlNumber = controlNumberFor(fileName);
  const outgoing = withMeta(built.document, { controlNumbers: { group: controlNumber, document: controlNumber } });
  // A value XML 1.0 cannot carry (a control character from X3) is a rejection at its path, not a crash; the
  // audit keeps the file as it would be written with U+FFFD in its place.
  let text: string;
  let unwritable: Reason[] = [];
  try {
    text = serializeRsx(outgoing, { type: draft.rsxType, format, version });
  } catch (error) {
    if (!(error instanceof RsxSerializeError)) throw error;
    unwritable = error.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message }));
    text = serializeRsx(outgoing, { type: draft.rsxType, format, version, forbiddenCharacters: "replace" });
  }
  const bytes = utf8.encode(text);
  if (validated.ok && unwritable.length === 0) return { fileName, controlNumber, bytes, reasons: [] };
  const validationReasons: Reason[] = validated.ok
    ? []
    : validated.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message }));
  // validateRsx already reports most unwritable values (invalid_character at the same path): said once.
  const said = new Set(validationReasons.map((reason) => `${reason.code} ${reason.path}`));
  const reasons: Reason[] = [
    ...validationReasons,
    ...unwritable.filter((reason) => !said.has(`${reason.code} ${reason.path}`)),
  ];
  return { fileName, controlNumber, bytes, reasons };
}
