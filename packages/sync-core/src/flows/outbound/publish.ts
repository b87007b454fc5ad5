// Publishing: the outbound flows' settings and deps, and one draft taken to SPS once per content.
import type { RsxDocumentMap, RsxFormat, RsxModel, RuleSet } from "@ml-connector/rsx";
import { RsxBuildError } from "@ml-connector/rsx";
import type {
  AuditDocument,
  AuditStore,
  CursorStore,
  DocumentType,
  JsonObject,
  JsonValue,
  LinkRelation,
  MappingStore,
  Reason,
  SequenceStore,
} from "@ml-connector/state";
import type { KeyedMutex } from "../../concurrency/keyed-mutex.js";
import type { FlowContext, FlowName } from "../../engine/flow.js";
import type { ConnectorEvents } from "../../events/connector-events.js";
import type { InDoubtPolicy } from "../../ledger/run-effect.js";
import type { DocumentSink } from "../../ports/document-sink.js";
import type { VerdictSource } from "../../ports/verdict-source.js";
import type { X3ChangeFeed } from "../../ports/x3-change-feed.js";
import type { FlowSchedule } from "../../scheduler/scheduler.js";
import {
  record,
  rejected,
  revertedReason,
  sameSource,
  sentStatuses,
  supersededReason,
  wasSent,
} from "./audit-records.js";
import type { ChangeWindowSettings, RecordDisposition } from "./change-window.js";
import { contentHash, writeOutboundFile } from "./outbound-file.js";
import type { SourceOrder } from "./source-order.js";
import { laterRevisionMayBeInSps, postedIfInSps, supersede, upload } from "./upload.js";

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
  /** When an upload left in doubt is looked for or done again. Without it: at once. */
  inDoubt?: InDoubtPolicy | undefined;
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
  /** The X3 sales order the record belongs to, linked from the record with `relation` (delivery `fulfils` order...). */
  salesOrder?: { key: string; relation: LinkRelation } | undefined;
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
      if (wasSent(newest) || (newest.status === "rejected" && sameSource(newest, draft))) {
        // Sent already (SPS's verdict, if any, does not change what X3 says): a rejected_by_sps one goes again by replay.
        // A rejected one is built again only from another 850 (one read since may carry what it lacked, a ship-to).
        return { outcome: "unchanged", document: newest, disposition: "durable" };
      }
      // A superseded (ignored) document with this content: built anew below.
    }
    // No document of this key at all (the common case, a first 810): none was sent either.
    let lastPosted =
      newest === undefined ? undefined : await deps.audit.newestRevision(naturalKey, { type, statuses: sentStatuses });
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
    const { fileName, controlNumber, bytes, reasons } = writeOutboundFile(settings, draft, built, revision);
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
    return upload(deps, settings, draft, document, context, options.signal, {
      bytes,
      newDocument: reuse === undefined,
    });
  });
}
