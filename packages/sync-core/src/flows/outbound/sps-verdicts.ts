import type { AuditDocument, DocumentType, Reason } from "@ml-connector/state";
import type { FlowContext, FlowName } from "../../engine/flow.js";
import type { UploadVerdict, VerdictSource } from "../../ports/verdict-source.js";
import type { OutboundDeps } from "./publish.js";

/** SPS's history lags (up to 5 minutes, SPS says): each read goes this far back before the cursor. */
export const VERDICT_LOOKBACK_MS = 15 * 60_000;

/** Statuses a verdict may move a document from: accepted after posted; rejected after posted or accepted. */
const movable: Record<UploadVerdict["verdict"], readonly AuditDocument["status"][]> = {
  accepted: ["posted"],
  rejected: ["posted", "accepted_by_sps"],
};

/** What a verdict says, wherever it comes from (the transaction history, a 997). */
export interface VerdictInput {
  verdict: UploadVerdict["verdict"];
  /** Why SPS (or the partner, in a 997) rejected it; empty when accepted. */
  reasons: Reason[];
  /** Recorded as the attempt's message: where the verdict came from. */
  message: string;
  /** Recorded as the attempt's operation. Default `sps.verdict`. */
  operation?: string | undefined;
}

/**
 * Sets SPS's verdict on one uploaded document: `accepted_by_sps` from `posted`, `rejected_by_sps` from `posted` or
 * `accepted_by_sps`, with the reasons; records the attempt and emits the event. The one place a verdict is applied:
 * the history and 997s both come here, so a verdict given twice (the history, then a 997 confirming it) is one
 * transition. Returns the status set, or undefined when the document did not move.
 */
export async function applyVerdict(
  deps: Pick<OutboundDeps, "audit" | "events" | "keyLock">,
  flow: FlowName,
  document: AuditDocument,
  verdict: VerdictInput,
): Promise<"accepted_by_sps" | "rejected_by_sps" | undefined> {
  return deps.keyLock.run(document.naturalKey, async () => {
    const current = await deps.audit.getDocument(document.id);
    if (!current || !movable[verdict.verdict].includes(current.status)) return undefined;
    const status = verdict.verdict === "accepted" ? "accepted_by_sps" : "rejected_by_sps";
    await deps.audit.updateDocument(current.id, { status, reasons: verdict.reasons });
    await deps.audit.recordAttempt(current.id, {
      operation: verdict.operation ?? "sps.verdict",
      outcome: verdict.verdict === "accepted" ? "success" : "failure",
      message: verdict.message,
      durationMs: 0,
    });
    deps.events.emit({
      type: status === "accepted_by_sps" ? "document.accepted_by_sps" : "document.rejected_by_sps",
      flow,
      documentId: current.id,
      naturalKey: current.naturalKey,
      fileName: current.fileName,
      reasons: verdict.reasons,
    });
    return status;
  });
}

/** Counts a verdict in the run's summary; a rejection is also a warning in the log. */
export function countVerdict(
  context: FlowContext,
  flow: FlowName,
  document: AuditDocument,
  status: "accepted_by_sps" | "rejected_by_sps",
  reasons: readonly Reason[],
): void {
  context.count(status);
  if (status === "rejected_by_sps") {
    context.logger.warn(
      { flow, documentId: document.id, fileName: document.fileName, reasons: reasons.slice(0, 3) },
      "SPS rejected a document after the upload; replay it once the cause is fixed",
    );
  }
}

/**
 * Follows the documents a flow uploaded to SPS's verdict: reads the verdicts given since the flow's cursor (minus a
 * lookback), and for each one on a document of this flow's type sets `accepted_by_sps` or `rejected_by_sps` (with
 * SPS's reasons), records the attempt and emits an event. Applying a verdict twice changes nothing, so re-reading
 * the lookback is safe; the cursor moves once the verdicts read are recorded.
 */
export async function applySpsVerdicts(
  deps: OutboundDeps & { verdicts: VerdictSource },
  flow: FlowName,
  documentType: DocumentType,
  context: FlowContext,
): Promise<void> {
  const cursorKey = { flow, source: deps.verdicts.name };
  const cursor = await deps.cursors.get(cursorKey);
  const after =
    typeof cursor?.value === "object" && cursor.value !== null ? (cursor.value as { after?: string }).after : undefined;
  const since = after ? new Date(Date.parse(after) - VERDICT_LOOKBACK_MS) : undefined;
  let newest = after;
  for await (const verdict of deps.verdicts.verdicts(since, context.signal)) {
    if (!newest || Date.parse(verdict.at) > Date.parse(newest)) newest = verdict.at;
    const page = await deps.audit.findDocuments({ fileName: verdict.fileName, direction: "out", limit: 10 });
    const document = page.items.find((item) => item.type === documentType);
    if (!document) continue;
    const status = await applyVerdict(deps, flow, document, {
      verdict: verdict.verdict,
      reasons: verdict.reasons,
      message: `SPS ${verdict.verdict} ${verdict.path} at ${verdict.at}`,
    });
    if (status) countVerdict(context, flow, document, status, verdict.reasons);
  }
  if (newest && newest !== after) {
    await deps.cursors.set(cursorKey, { after: newest }, { expectedVersion: cursor?.version ?? 0 });
  }
}
