import { type ParseFailure, parseRsxFileName } from "@ml-connector/rsx";
import type { Reason } from "@ml-connector/state";
import { documentTypeOfFileName } from "./processing.js";

/**
 * Why orders-in leaves a document in the mailbox for now instead of rejecting it (undefined: it does not). Only what is
 * recognisably not a purchase order or a change to one is parked: another RSX document (an 855, 856 or 810), XML of
 * another kind, a JSON object without an order header under a name that is not an 850's, or a file that is neither
 * JSON nor XML (an X12 997, a report). Deleting those would lose what another version or another program may need; a
 * broken 850 is rejected (its bytes are kept, and it is replayable once fixed).
 */
export function parkingReason(parsed: ParseFailure, payload: Uint8Array, fileName: string): Reason | undefined {
  const first = parsed.issues[0];
  if (!first) return undefined;
  const keep =
    "orders-in processes purchase orders (850) and their changes (860) only, so it stays in the mailbox untouched (parked).";
  if (first.code === "type_mismatch" && parsed.type !== undefined && parsed.type !== "Order") {
    return { path: "", code: "not_an_order", message: `${first.message} ${keep}` };
  }
  if (first.code === "unknown_type" || first.code === "unknown_format") {
    return { path: "", code: "unknown_document", message: `${first.message} ${keep}` };
  }
  // Schema issues on a JSON object (it parsed) that has no order header at all, under a name that does not say 850:
  // some other document.
  const readAsObject = !unreadableInputCodes.has(first.code) && !(first.code === "invalid_type" && first.path === "");
  const namedAsOrder = documentTypeOfFileName(fileName) === "850" && parseRsxFileName(fileName.trim()) !== undefined;
  if (parsed.format === "json" && readAsObject && !namedAsOrder && !hasOrderHeader(payload)) {
    return {
      path: "Header.OrderHeader",
      code: "unknown_document",
      message: `This JSON has no Header.OrderHeader: it is not a purchase order (850). ${keep}`,
    };
  }
  return undefined;
}

/** Issues about the input itself (it could not be read as an object): a broken file, not another kind of document. */
const unreadableInputCodes = new Set([
  "too_large",
  "empty",
  "encoding",
  "syntax",
  "dtd_forbidden",
  "too_deep",
  "too_complex",
  "multiple_documents",
]);

function hasOrderHeader(payload: Uint8Array): boolean {
  return /"OrderHeader"\s*:/.test(Buffer.from(payload.subarray(0, 256 * 1024)).toString("utf8"));
}

/** Best effort for files that do not parse: who sent it and which PO, so the rejection can be found by both. */
export function guessIdentity(payload: Uint8Array): { partnerId?: string | undefined; po?: string | undefined } {
  const text = Buffer.from(payload.subarray(0, 64 * 1024)).toString("utf8");
  const partner = /"?TradingPartnerId"?\s*[:>]\s*"?([A-Za-z0-9_-]{1,15})/.exec(text)?.[1];
  const po = /"?PurchaseOrderNumber"?\s*[:>]\s*"?([A-Za-z0-9_.-]{1,40})/.exec(text)?.[1];
  return { partnerId: partner, po };
}
