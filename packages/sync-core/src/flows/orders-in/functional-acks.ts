import {
  controlNumberFor,
  type FunctionalAckResult,
  functionalAckResults,
  isFunctionalAckFileName,
  looksLikeFunctionalAck,
  parseFunctionalAck,
} from "@ml-connector/rsx";
import {
  type AuditDocument,
  type DocumentType,
  documentPages,
  type JsonObject,
  type Reason,
} from "@ml-connector/state";
import type { DocumentOutcome } from "../../engine/flow.js";
import { applyVerdict } from "../outbound/sps-verdicts.js";
import { ORDERS_IN, type OrderProcessingDeps, type ProcessedOrder, park, sameCodes } from "./process-order.js";

/** What the outbound flows upload, the documents a 997 can acknowledge. */
const acknowledgeable: ReadonlySet<string> = new Set<DocumentType>(["855", "856", "810"]);

/** Statuses of an upload SPS received, which a 997 may concern. */
const uploadedStatuses = ["posted", "accepted_by_sps", "rejected_by_sps"] as const;

/** Documents of one partner and type looked through for a control number, newest first, when the 997 names no PO. */
const SEARCH_LIMIT = 5000;

/**
 * Whether a mailbox file is a 997 functional acknowledgment: its content says so, or its name starts with `FA` and
 * it parses as one. (An `FA…` file that is something else goes through orders-in as any other file.)
 */
export function isFunctionalAckFile(fileName: string, payload: Uint8Array): boolean {
  if (looksLikeFunctionalAck(payload)) return true;
  return isFunctionalAckFileName(fileName) && parseFunctionalAck(payload).ok;
}

/** What processing a 997 came to: its audit document, and the verdicts it set on the documents it acknowledges. */
export interface ProcessedFunctionalAck extends ProcessedOrder {
  verdicts: { document: AuditDocument; status: "accepted_by_sps" | "rejected_by_sps"; reasons: Reason[] }[];
}

/**
 * Reads a 997 from the mailbox: records it with its bytes, finds each document it acknowledges among our uploads
 * (by the control number our uploads carry in their Meta, see `controlNumberFor`), links the 997 to it
 * (`acknowledges`) and applies the verdict (`applyVerdict`, the same path as the transaction history's). The 997
 * ends `applied`, and its file may then leave the mailbox; one that acknowledges nothing we uploaded is `parked`
 * (kept in the mailbox, listed); one that does not parse is `rejected` (its bytes kept).
 */
export async function processFunctionalAck(
  deps: Pick<OrderProcessingDeps, "audit" | "events" | "keyLock">,
  payload: Uint8Array,
  source: { fileName: string; existing?: AuditDocument | undefined },
): Promise<ProcessedFunctionalAck> {
  const { audit } = deps;
  const parsed = parseFunctionalAck(payload);
  if (!parsed.ok) {
    const reasons = parsed.issues.map(({ path, code, message }) => ({ path, code, message }));
    const document = await record(deps, payload, source, { partnerId: "unknown", metadata: {} });
    const updated = await audit.updateDocument(document.id, { status: "rejected", reasons });
    deps.events.emit({
      type: "document.rejected",
      flow: ORDERS_IN,
      documentId: updated.id,
      naturalKey: updated.naturalKey,
      reasons,
    });
    return { document: updated, outcome: "rejected", verdicts: [] };
  }
  const header = parsed.document.Header.FunctionalAckHeader;
  const partnerId = header.TradingPartnerId;
  const results = functionalAckResults(parsed.document);
  const matches = await Promise.all(results.map((result) => findAcknowledged(deps, partnerId, result)));
  const unmatched: Reason[] = results.flatMap((result, index) =>
    matches[index]
      ? []
      : [
          {
            path: "",
            code: "unknown_control_number",
            message: `The 997 acknowledges ${result.transactionSet} control number ${result.controlNumber} (group ${result.groupControlNumber}) for ${partnerId}, which matches no document this connector uploaded.`,
          },
        ],
  );
  const metadata: JsonObject = {
    groupControlNumber: header.GroupControlNumber,
    functionalIdentifierCode: header.FunctionalIdentifierCode,
    groupAcknowledgmentCode: header.GroupAcknowledgmentCode,
    acknowledged: results.map((result) => ({
      transactionSet: result.transactionSet,
      controlNumber: result.controlNumber,
      code: result.code,
      verdict: result.verdict,
    })),
    ...(parsed.warnings.length > 0
      ? { warnings: parsed.warnings.map(({ path, code, message }) => ({ path, code, message })) }
      : {}),
  };
  if (matches.every((match) => match === undefined)) {
    const parking: Reason[] = [
      {
        path: "",
        code: "unknown_acknowledgment",
        message:
          results.length === 0
            ? `This 997 names no document (group ${header.GroupControlNumber}, code ${header.GroupAcknowledgmentCode}); it stays in the mailbox untouched (parked).`
            : `This 997 acknowledges nothing this connector uploaded (${results.map((r) => `${r.transactionSet} ${r.controlNumber}`).join(", ")}); it stays in the mailbox untouched (parked). If another program shares the mailbox, it is probably theirs.`,
      },
    ];
    if (source.existing?.status === "parked" && sameCodes(source.existing.reasons, parking)) {
      return { document: source.existing, outcome: "parked", unchanged: true, verdicts: [] };
    }
    const document = await record(deps, payload, source, { partnerId, metadata });
    return { ...(await park(deps, document, parking)), verdicts: [] };
  }
  const document = await record(deps, payload, source, { partnerId, metadata });
  const verdicts: ProcessedFunctionalAck["verdicts"] = [];
  for (const [index, result] of results.entries()) {
    const target = matches[index];
    if (!target) continue;
    await audit.link({ kind: "document", id: document.id }, { kind: "document", id: target.id }, "acknowledges");
    const reasons =
      result.verdict === "rejected"
        ? result.issues.map(({ path, code, message }) => ({ path: `997:${path}`, code, message }))
        : [];
    const status = await applyVerdict(deps, ORDERS_IN, target, {
      verdict: result.verdict,
      reasons,
      operation: "sps.997",
      message: `997 ${source.fileName}: ${result.transactionSet} ${result.controlNumber} ${result.code} (${result.verdict})`,
    });
    if (status) verdicts.push({ document: target, status, reasons });
  }
  const applied = await audit.updateDocument(document.id, { status: "applied", reasons: unmatched });
  return { document: applied, outcome: "applied" satisfies DocumentOutcome, verdicts };
}

async function record(
  deps: Pick<OrderProcessingDeps, "audit">,
  payload: Uint8Array,
  source: { fileName: string; existing?: AuditDocument | undefined },
  identity: { partnerId: string; metadata: JsonObject },
): Promise<AuditDocument> {
  if (source.existing) {
    return deps.audit.updateDocument(source.existing.id, { status: "received", metadata: identity.metadata });
  }
  return deps.audit.recordDocument({
    direction: "in",
    type: "997",
    flow: ORDERS_IN,
    partnerId: identity.partnerId,
    naturalKey: `997:${identity.partnerId}:${source.fileName}`,
    status: "received",
    fileName: source.fileName,
    metadata: identity.metadata,
    payload,
  });
}

/**
 * The upload a 997 result acknowledges: same partner and type, and the control number our upload carried
 * (`metadata.controlNumber`, or derived from its file name for uploads recorded before it was kept). Narrowed by
 * the PO number when the 997 gives one; otherwise the newest uploads of the partner and type are looked through.
 */
async function findAcknowledged(
  deps: Pick<OrderProcessingDeps, "audit">,
  partnerId: string,
  result: FunctionalAckResult,
): Promise<AuditDocument | undefined> {
  if (!acknowledgeable.has(result.transactionSet)) return undefined;
  let seen = 0;
  const pages = documentPages(deps.audit, {
    direction: "out",
    type: result.transactionSet as DocumentType,
    partnerId,
    status: uploadedStatuses,
    ...(result.purchaseOrderNumber ? { poNumber: result.purchaseOrderNumber } : {}),
    limit: 1000,
  });
  for await (const page of pages) {
    const found = page.find((document) => controlNumberOf(document) === result.controlNumber);
    if (found) return found;
    seen += page.length;
    if (seen >= SEARCH_LIMIT) break;
  }
  return undefined;
}

/** The control number an upload carried in its Meta. */
export function controlNumberOf(document: AuditDocument): string | undefined {
  const kept = document.metadata?.controlNumber;
  if (typeof kept === "string") return kept;
  return document.fileName ? controlNumberFor(document.fileName) : undefined;
}
