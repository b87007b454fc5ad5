// The upload of an outbound document through the ledger, and the recovery of an earlier upload that may have landed.
import type { AuditDocument, Reason } from "@ml-connector/state";
import { callOutcome, isConnectorError } from "@ml-connector/transport";
import type { FlowContext, FlowName } from "../../engine/flow.js";
import { uploadEffect } from "../../ledger/effects.js";
import { EffectInDoubtError, IN_DOUBT, mayHaveHappened, runEffect } from "../../ledger/run-effect.js";
import { rejected } from "./audit-records.js";
import type { OutboundDeps, OutboundDraft, OutboundRsxType, OutboundSettings, PublishResult } from "./publish.js";

export const uploadKey = (flow: FlowName, documentId: string) => uploadEffect.key({ flow, documentId });

/**
 * Whether a document recorded after `lastPosted` (the next revision, built one or more times) may be in SPS: one of
 * them has an upload in the ledger, in any state. An upload cut short by a crash, or failed on a timeout or a lost
 * answer, may have landed under that revision's file name. Without an entry, none of them was ever handed to SPS.
 */
export async function laterRevisionMayBeInSps(
  deps: OutboundDeps,
  flow: FlowName,
  lastPosted: AuditDocument,
): Promise<boolean> {
  let cursor: string | undefined;
  do {
    // Newest first: the documents built after the last posted one come before it.
    const page = await deps.audit.findDocuments({ naturalKey: lastPosted.naturalKey, type: lastPosted.type, cursor });
    for (const document of page.items) {
      if (document.seq <= lastPosted.seq) return false;
      if (await deps.audit.getEffect(uploadKey(flow, document.id))) return true;
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return false;
}

/**
 * An unsent document whose upload may have happened (in progress at a crash, or failed without an answer), found in
 * SPS: its upload is settled as done and the document is posted. Undefined when it is not there, or cannot be looked for.
 */
export async function postedIfInSps(
  deps: OutboundDeps,
  settings: OutboundSettings,
  flow: FlowName,
  document: AuditDocument,
  signal: AbortSignal | undefined,
): Promise<AuditDocument | undefined> {
  const effect = await deps.audit.getEffect(uploadKey(flow, document.id));
  if (!effect || !mayHaveHappened(effect) || !deps.sink.find || !document.fileName) return undefined;
  const test = document.metadata?.test === true || settings.testMode === true;
  const found = await deps.sink.find({ name: document.fileName, test }, { since: document.createdAt, signal });
  if (!found) return undefined;
  await deps.audit.completeEffect(effect.key, { path: found.path, reconciled: true });
  return deps.audit.updateDocument(document.id, { status: "posted", reasons: [] });
}

export async function supersede(
  deps: OutboundDeps,
  flow: FlowName,
  document: AuditDocument,
  reason: Reason,
): Promise<void> {
  const effect = await deps.audit.getEffect(uploadKey(flow, document.id));
  if (effect?.state === "in-progress") {
    await deps.audit.failEffect(effect.key, {
      kind: "superseded",
      message: "The X3 record changed before the upload.",
    });
  }
  await deps.audit.updateDocument(document.id, { status: "ignored", reasons: [reason] });
}

export async function upload<T extends OutboundRsxType>(
  deps: OutboundDeps,
  settings: OutboundSettings,
  draft: OutboundDraft<T>,
  document: AuditDocument,
  context: Pick<FlowContext, "logger" | "signal"> | undefined,
  signal: AbortSignal | undefined,
  /**
   * The payload just recorded with the document, when the caller has it in hand (not read back from the store), and
   * whether the document is new (recorded under a new id, so no upload of it can be in the ledger).
   */
  recorded?: { bytes: Uint8Array; newDocument: boolean } | undefined,
): Promise<PublishResult> {
  const { audit } = deps;
  const fileName = document.fileName;
  const bytes = recorded?.bytes ?? (await audit.getPayload(document.id));
  if (!fileName || !bytes) throw new Error(`Outbound document ${document.id} has no file name or payload to upload.`);
  const test = document.metadata?.test === true || settings.testMode === true;
  try {
    await runEffect({
      audit,
      effect: uploadEffect,
      key: { flow: draft.flow, documentId: document.id },
      newKey: recorded?.newDocument === true,
      data: { fileName, test },
      document,
      attempt: "sps.upload",
      inDoubt: deps.inDoubt,
      // Looked for only after an attempt whose answer was lost (or a crash): SPS is not trusted to overwrite.
      lookup: deps.sink.find
        ? () =>
            deps.sink.find?.({ name: fileName, test }, { since: document.createdAt, signal }) ??
            Promise.resolve(undefined)
        : undefined,
      call: () => deps.sink.upload({ name: fileName, bytes, test }, signal ?? context?.signal),
      describe: (written) => written.path,
    });
  } catch (error) {
    const kind = isConnectorError(error) ? error.kind : "unknown";
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof EffectInDoubtError ? IN_DOUBT : `upload_${kind}`;
    const reasons: Reason[] = [{ path: "", code, message }];
    if (callOutcome(error) === "refused") {
      // SPS refused the file itself: a rejection (replayable once fixed), not something to retry every run.
      const updated = await audit.updateDocument(document.id, { status: "rejected", reasons });
      return rejected(deps, draft, updated, reasons);
    }
    const updated = await audit.updateDocument(document.id, { status: "failed", reasons });
    deps.events.emit({
      type: "document.failed",
      flow: draft.flow,
      documentId: document.id,
      naturalKey: document.naturalKey,
      reasons,
    });
    context?.logger.warn({ documentId: document.id, fileName, error: message }, "upload failed; retried next run");
    return { outcome: "failed", document: updated, disposition: "retry" };
  }
  const posted = await audit.updateDocument(document.id, { status: "posted", reasons: [] });
  deps.events.emit({
    type: "document.posted",
    flow: draft.flow,
    documentId: document.id,
    naturalKey: document.naturalKey,
    fileName,
  });
  return { outcome: "posted", document: posted, disposition: "durable" };
}
