import type { Reason } from "@ml-connector/state";

/** X12 BEG03 (purchase order number) is 1-22 characters. */
export const maxPoNumberLength = 22;
/** SPS TradingPartnerId. */
export const maxPartnerIdLength = 15;

// C0 and C1 control characters and DEL: nothing a PO number or a partner id may hold (a tab, a NUL...).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;
// With the `u` flag, a paired surrogate is one code point: only a lone one is in the Cs category.
const loneSurrogate = /\p{Cs}/u;

/**
 * Checks the identifiers an order is keyed by (the ledger, the X3 lookup, file names, the audit trail) before
 * anything is keyed by them: not empty, not over-long, no control characters, no lone surrogates, no leading or
 * trailing spaces (X3 would not find the order it created by the key it was given). Returns the reasons to reject.
 */
export function identifierReasons(identity: { partnerId: string; po: string }): readonly Reason[] {
  const po = problem(identity.po, maxPoNumberLength);
  const partner = problem(identity.partnerId, maxPartnerIdLength);
  // The usual identifiers (nothing wrong) make no reason and no list of their own.
  if (po === undefined && partner === undefined) return noReasons;
  const reasons: Reason[] = [];
  if (po !== undefined) reasons.push(reason("Header.OrderHeader.PurchaseOrderNumber", "PurchaseOrderNumber", po));
  if (partner !== undefined) reasons.push(reason("Header.OrderHeader.TradingPartnerId", "TradingPartnerId", partner));
  return reasons;
}

const noReasons: readonly Reason[] = Object.freeze([]);

const reason = (path: string, name: string, problem: string): Reason => ({
  path,
  code: "invalid_identifier",
  message: `${name} ${problem}`,
});

/** What is wrong with one identifier, said after its name; undefined when nothing is. */
function problem(value: string, maxLength: number): string | undefined {
  if (value.trim() === "") return "is empty: an order needs one to be told apart.";
  if (loneSurrogate.test(value)) return `holds a lone surrogate (${printable(value)}): not valid text.`;
  if (controlCharacter.test(value)) return `holds a control character (${printable(value)}).`;
  if (value !== value.trim()) return `starts or ends with spaces (${printable(value)}).`;
  // Code points, not UTF-16 units: counted only when the units could be too many.
  const length = value.length <= maxLength ? value.length : codePoints(value);
  if (length > maxLength) {
    return `is ${length} characters long; at most ${maxLength} are allowed (${printable(value)}).`;
  }
  return undefined;
}

/** The code points of a string without lone surrogates (checked before): a pair is one. */
function codePoints(value: string): number {
  let count = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0xd800 || code > 0xdbff) count++;
  }
  return count;
}

/** The identifier as it may be shown and stored: escapes for what is not printable, cut to 60 characters. */
export function printable(value: string): string {
  const shown = escapeSurrogates(value);
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}

function escapeSurrogates(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const isHigh = code >= 0xd800 && code <= 0xdbff;
    const isLow = code >= 0xdc00 && code <= 0xdfff;
    const paired =
      isHigh && i + 1 < value.length && value.charCodeAt(i + 1) >= 0xdc00 && value.charCodeAt(i + 1) <= 0xdfff;
    if (paired) {
      out += value.slice(i, i + 2);
      i += 1;
    } else if (isHigh || isLow) out += `\\u${code.toString(16)}`;
    else out += JSON.stringify(value[i]).slice(1, -1);
  }
  return out;
}
