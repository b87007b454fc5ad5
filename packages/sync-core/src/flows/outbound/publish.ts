import { createHash } from "node:crypto";
import {
  commonRules,
  controlNumberFor,
  RsxBuildError,
  type RsxDocumentMap,
  type RsxFormat,
  type RsxModel,
  RsxSerializeError,
  type RuleSet,
  rsxFileName,
  serializeRsx,
  validateRsx,
  withMeta,
} from "@ml-connector/rsx";
import type {
  AuditDocument,
  AuditStore,
  CursorStore,
  DocumentStatus,
  DocumentType,
  JsonObject,
  JsonValue,
  LinkRelation,
  MappingStore,
  Reason,
  SequenceStore,
} from "@ml-connector/state";
import { callOutcome, isConnectorError } from "@ml-connector/transport";
import type { KeyedMutex } from "../../concurrency/keyed-mutex.js";
import type { FlowContext, FlowName } from "../../engine/flow.js";
import type { ConnectorEvents } from "../../events/connector-events.js";
import { uploadEffect } from "../../ledger/effects.js";
import { mayHaveHappened, runEffect } from "../../ledger/run-effect.js";
import type { DocumentSink } from "../../ports/document-sink.js";
import type { VerdictSource } from "../../ports/verdict-source.js";
import type { X3ChangeFeed } from "../../ports/x3-change-feed.js";
import type { FlowSchedule } from "../../scheduler/scheduler.js";
import type { ChangeWindowSettings, RecordDisposition } from "./change-window.js";
import type { SourceOrder } from "./source-order.js";

/** The RSX documents the outbound flows send. */
export type OutboundRsxType = "OrderAck" | "Shipment" | "Invoice";

export const outboundDocumentTypes: Record<OutboundRsxType, DocumentType> = {
  OrderAck: "855",
  Shipment: "856",
  Invoice: "810",
};

/** Settings every outbound flow takes (on top of its schedule and change window). */
export interface OutboundSettings extends ChangeWindowSettings, FlowSchedule {
  enabled?: boolean | undefined;
  /** File format. Default `json`. */
  format?: RsxFormat | undefined;
  /** The model in file names. Default: the model of the 850's file name, else `BulkImport`. */
  model?: RsxModel | undefined;
  /** Apply the shipped `commonRules` on top of the schema. Default true. */
  commonRules?: boolean | undefined;
  /** Retailer rule sets by TradingPartnerId, applied before upload. */
  partnerRules?: Record<string, RuleSet | readonly RuleSet[]> | undefined;
  /** Send every document to the test mailbox (`testin/`); otherwise a partner's `testMode` decides. */
  testMode?: boolean | undefined;
}

/** What the outbound flows work with. */
export interface OutboundDeps {
  audit: AuditStore;
  mappings: MappingStore;
  sequences: SequenceStore;
  cursors: CursorStore;
  feed: X3ChangeFeed;
  sink: DocumentSink;
  events: ConnectorEvents;
  keyLock: KeyedMutex;
  /** SPS's verdicts on our uploads; each outbound run reads those on its documents. Optional. */
  verdicts?: VerdictSource | undefined;
}

/** One outbound document about to be built from an X3 record and the 850 it answers. */
export interface OutboundDraft<T extends OutboundRsxType> {
  flow: FlowName;
  rsxType: T;
  /** The X3 record it comes from (SORDER, SDELIVERY, SINVOICE). */
  x3: { entity: string; key: string; updatedAt?: string | undefined };
  /** How the document relates to that record in the audit trail (`acknowledges`, `ships`, `bills`). */
  relation: LinkRelation;
  source: SourceOrder;
  /** What the retailer would see change: a new revision is sent only when this changes. */
  content: JsonValue;
  /**
   * Builds the document for a revision. `previous` is the newest earlier document of the same natural key, in any
   * status (an 856 keeps its cartons' SSCC serials across revisions).
   */
  build(context: {
    revision: number;
    previous?: AuditDocument | undefined;
  }): Promise<{ document: RsxDocumentMap[T]; metadata?: JsonObject | undefined }>;
  /** Links besides document → X3 record (delivery `fulfils` order...). */
  link?(documentId: string): Promise<void>;
}

export type PublishOutcome = "posted" | "rejected" | "failed" | "unchanged";

export interface PublishResult {
  outcome: PublishOutcome;
  document?: AuditDocument | undefined;
  /** Whether the change window may move past the record. */
  disposition: RecordDisposition;
}

export interface PublishOptions {
  /** Replay: rebuild and revalidate even when the content did not change since this rejected/failed document. */
  replayOf?: AuditDocument | undefined;
  signal?: AbortSignal | undefined;
}

/** Stable JSON (sorted keys) hashed: the identity of a document's content across runs. */
export function contentHash(value: JsonValue): string {
  return createHash("sha256").update(stableJson(value)).digest("hex");
}

function stableJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(value[key] as JsonValue)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Letters, digits, `.`, `_` and `-` only: X3 keys may carry `/` or spaces. */
export function fileNameId(...parts: readonly (string | number)[]): string {
  return parts.map((part) => String(part).replace(/[^A-Za-z0-9._-]+/g, "_")).join("-");
}

/** Statuses of a document SPS received: posted, and SPS's verdicts on it. */
export const sentStatuses: readonly DocumentStatus[] = ["posted", "accepted_by_sps", "rejected_by_sps"];

const wasSent = (document: AuditDocument | undefined): boolean =>
  document !== undefined && sentStatuses.includes(document.status);

/**
 * Takes a draft to SPS exactly once per content: revision (a new one only when the content changed since the last
 * one), build, validate (schema, common rules, partner rules), record with its bytes, then upload under a
 * deterministic name inside the ledger (in-progress → done), and mark it posted. A document left unsent by a crash
 * or a failed upload is resumed from its stored bytes (same revision, same file name, same SSCC serials), so a
 * retried upload overwrites the same file.
 */
export async function publish<T extends OutboundRsxType>(
  deps: OutboundDeps,
  settings: OutboundSettings,
  draft: OutboundDraft<T>,
  context: Pick<FlowContext, "logger" | "signal"> | undefined,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const type = outboundDocumentTypes[draft.rsxType];
  const naturalKey = `${type}:${draft.x3.key}`;
  return deps.keyLock.run(naturalKey, async () => {
    const hash = contentHash(draft.content);
    const newest = await deps.audit.newestRevision(naturalKey, { type });
    const sameContent = newest !== undefined && newest.metadata?.contentHash === hash;
    const replaying = options.replayOf !== undefined && newest?.id === options.replayOf.id;
    if (sameContent && !replaying) {
      if (newest.status === "received" || newest.status === "failed") {
        return upload(deps, settings, draft, newest, context, options.signal);
      }
      if (newest.status === "rejected" || wasSent(newest)) {
        // Sent already (SPS's verdict, if any, does not change what X3 says): a rejected_by_sps one goes again by replay.
        return { outcome: "unchanged", document: newest, disposition: "durable" };
      }
      // A superseded (ignored) document with this content: built anew below.
    }
    let lastPosted = await deps.audit.newestRevision(naturalKey, { type, statuses: sentStatuses });
    if (
      !replaying &&
      newest !== undefined &&
      lastPosted !== undefined &&
      lastPosted.metadata?.contentHash === hash &&
      !(await laterRevisionMayBeInSps(deps, draft.flow, lastPosted))
    ) {
      // Back to what the last posted revision says, and no document after it ever began an upload: SPS holds this
      // content already, and a new revision would only repeat it. What was built since (unsent, or rejected before
      // any upload) is out of date.
      if (newest.status === "received" || newest.status === "failed" || newest.status === "rejected") {
        await supersede(deps, draft.flow, newest, revertedReason(lastPosted));
      }
      return { outcome: "unchanged", document: lastPosted, disposition: "durable" };
    }
    if (newest && !replaying && (newest.status === "received" || newest.status === "failed")) {
      // A document whose content is out of date. If its upload landed after all (a crash or a lost answer
      // mid-upload), it was posted, and the new one takes the next revision: SPS is not trusted to overwrite a file.
      // Otherwise it was never sent, and the new one takes its revision and file name.
      const landed = await postedIfInSps(deps, settings, draft.flow, newest, options.signal);
      if (landed) lastPosted = landed;
      else await supersede(deps, draft.flow, newest, supersededReason);
    }
    const revision = (lastPosted?.revision ?? 0) + 1;
    // A replayed document that never reached SPS is rebuilt in place; one SPS received (and rejected) gets a new
    // revision, so SPS never sees the same file name twice.
    const reuse = replaying && !wasSent(newest) ? newest : undefined;

    let built: Awaited<ReturnType<OutboundDraft<T>["build"]>>;
    try {
      built = await draft.build({ revision, previous: newest });
    } catch (error) {
      if (!(error instanceof RsxBuildError)) throw error;
      const reasons: Reason[] = [{ path: "", code: "build_failed", message: error.message }];
      const document = await record(deps, draft, { naturalKey, type, revision, hash, reuse, reasons });
      return rejected(deps, draft, document, reasons);
    }
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
    const bytes = new TextEncoder().encode(text);
    const validationReasons: Reason[] = validated.ok
      ? []
      : validated.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message }));
    // validateRsx already reports most unwritable values (invalid_character at the same path): said once.
    const said = new Set(validationReasons.map((reason) => `${reason.code} ${reason.path}`));
    const reasons: Reason[] = [
      ...validationReasons,
      ...unwritable.filter((reason) => !said.has(`${reason.code} ${reason.path}`)),
    ];
    const document = await record(deps, draft, {
      naturalKey,
      type,
      revision,
      hash,
      reuse,
      reasons,
      fileName,
      bytes,
      metadata: { ...(built.metadata ?? {}), controlNumber },
      test: settings.testMode === true || draft.source.partner?.testMode === true,
    });
    if (lastPosted && lastPosted.id !== document.id) {
      await deps.audit.link({ kind: "document", id: document.id }, { kind: "document", id: lastPosted.id }, "revises");
    }
    if (reuse === undefined && options.replayOf) {
      await deps.audit.link(
        { kind: "document", id: document.id },
        { kind: "document", id: options.replayOf.id },
        "replays",
      );
    }
    if (reasons.length > 0) return rejected(deps, draft, document, reasons);
    return upload(deps, settings, draft, document, context, options.signal);
  });
}

const uploadKey = (flow: FlowName, documentId: string) => uploadEffect.key({ flow, documentId });

/**
 * Whether a document recorded after `lastPosted` (the next revision, built one or more times) may be in SPS: one of
 * them has an upload in the ledger, in any state. An upload cut short by a crash, or failed on a timeout or a lost
 * answer, may have landed under that revision's file name. Without an entry, none of them was ever handed to SPS.
 */
async function laterRevisionMayBeInSps(
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

const supersededReason: Reason = {
  path: "",
  code: "superseded",
  message:
    "The X3 record changed before this document was sent: a newer one replaces it (same revision and file name).",
};

const revertedReason = (lastPosted: AuditDocument): Reason => ({
  path: "",
  code: "superseded",
  message: `The X3 record changed back to what revision ${lastPosted.revision} (${lastPosted.id}), already posted, says: nothing new to send.`,
});

/**
 * An unsent document whose upload may have happened (in progress at a crash, or failed without an answer), found in
 * SPS: its upload is settled as done and the document is posted. Undefined when it is not there, or cannot be looked for.
 */
async function postedIfInSps(
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

async function supersede(deps: OutboundDeps, flow: FlowName, document: AuditDocument, reason: Reason): Promise<void> {
  const effect = await deps.audit.getEffect(uploadKey(flow, document.id));
  if (effect?.state === "in-progress") {
    await deps.audit.failEffect(effect.key, {
      kind: "superseded",
      message: "The X3 record changed before the upload.",
    });
  }
  await deps.audit.updateDocument(document.id, { status: "ignored", reasons: [reason] });
}

interface RecordInput {
  naturalKey: string;
  type: DocumentType;
  revision: number;
  hash: string;
  reuse?: AuditDocument | undefined;
  reasons: Reason[];
  fileName?: string | undefined;
  bytes?: Uint8Array | undefined;
  metadata?: JsonObject | undefined;
  test?: boolean | undefined;
}

async function record<T extends OutboundRsxType>(
  deps: OutboundDeps,
  draft: OutboundDraft<T>,
  input: RecordInput,
): Promise<AuditDocument> {
  const status = input.reasons.length > 0 ? "rejected" : "received";
  const metadata: JsonObject = {
    ...(input.metadata ?? {}),
    contentHash: input.hash,
    test: input.test === true,
    ...(draft.x3.updatedAt ? { x3UpdatedAt: draft.x3.updatedAt } : {}),
    ...(draft.source.orderDocument ? { orderDocumentId: draft.source.orderDocument.id } : {}),
  };
  let document: AuditDocument;
  if (input.reuse) {
    document = await deps.audit.updateDocument(input.reuse.id, {
      status,
      reasons: input.reasons,
      revision: input.revision,
      fileName: input.fileName,
      metadata,
    });
    if (input.bytes) document = await deps.audit.putPayload(document.id, input.bytes);
  } else {
    document = await deps.audit.recordDocument({
      direction: "out",
      type: input.type,
      flow: draft.flow,
      partnerId: draft.source.partnerId,
      naturalKey: input.naturalKey,
      poNumber: draft.source.order.Header.OrderHeader.PurchaseOrderNumber,
      revision: input.revision,
      purposeCode: input.revision > 1 ? "05" : "00",
      status,
      reasons: input.reasons,
      fileName: input.fileName,
      x3Key: draft.x3.key,
      metadata,
      payload: input.bytes,
    });
  }
  await deps.audit.link(
    { kind: "document", id: document.id },
    { kind: "x3", entity: draft.x3.entity, key: draft.x3.key },
    draft.relation,
  );
  await draft.link?.(document.id);
  return document;
}

async function rejected<T extends OutboundRsxType>(
  deps: OutboundDeps,
  draft: OutboundDraft<T>,
  document: AuditDocument,
  reasons: Reason[],
): Promise<PublishResult> {
  deps.events.emit({
    type: "document.rejected",
    flow: draft.flow,
    documentId: document.id,
    naturalKey: document.naturalKey,
    reasons,
  });
  return { outcome: "rejected", document, disposition: "durable" };
}

async function upload<T extends OutboundRsxType>(
  deps: OutboundDeps,
  settings: OutboundSettings,
  draft: OutboundDraft<T>,
  document: AuditDocument,
  context: Pick<FlowContext, "logger" | "signal"> | undefined,
  signal: AbortSignal | undefined,
): Promise<PublishResult> {
  const { audit } = deps;
  const fileName = document.fileName;
  const bytes = await audit.getPayload(document.id);
  if (!fileName || !bytes) throw new Error(`Outbound document ${document.id} has no file name or payload to upload.`);
  const test = document.metadata?.test === true || settings.testMode === true;
  try {
    await runEffect({
      audit,
      effect: uploadEffect,
      key: { flow: draft.flow, documentId: document.id },
      data: { fileName, test },
      document,
      attempt: "sps.upload",
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
    const reasons: Reason[] = [{ path: "", code: `upload_${kind}`, message }];
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
