import type { AuditDocument, DocumentType, Reason } from "@ml-connector/state";
import { ConnectorError } from "@ml-connector/transport";
import type { DocumentOutcome, Flow, FlowContext, FlowName } from "../../engine/flow.js";
import type { X3ChangeKind, X3ChangeRecords } from "../../ports/x3-change-feed.js";
import { runChangeWindow } from "./change-window.js";
import { contentHash } from "./outbound-file.js";
import {
  type OutboundDeps,
  type OutboundDraft,
  type OutboundRsxType,
  type OutboundSettings,
  type PublishResult,
  publish,
} from "./publish.js";
import { applySpsVerdicts } from "./sps-verdicts.js";

/** What an outbound flow makes of one X3 record. */
export type Preparation<T extends OutboundRsxType> =
  /** Nothing to send: not an SPS partner's record, or not ready (unallocated order, unvalidated delivery...). */
  | { kind: "skip"; reason: string }
  | { kind: "draft"; draft: OutboundDraft<T> }
  /** A partner's record that cannot be answered: recorded as rejected with the reasons. */
  | { kind: "invalid"; partnerId: string; poNumber?: string | undefined; reasons: Reason[] };

/** One outbound flow: which X3 records it follows and how it turns one into a document. */
export interface OutboundFlowDefinition<K extends X3ChangeKind, T extends OutboundRsxType> {
  name: FlowName;
  kind: K;
  rsxType: T;
  documentType: DocumentType;
  prepare(record: X3ChangeRecords[K], signal: AbortSignal | undefined): Promise<Preparation<T>>;
  /**
   * Whether X3 no longer changes this record in anything its document says (a posted invoice), so that once handled,
   * its key and UPDDATTIM identify it and a re-read needs no details. Default: never.
   */
  settled?(record: X3ChangeRecords[K]): boolean;
}

/** The X3 entity (class) of each kind, as cursors and messages name them. */
const x3Entities: Record<X3ChangeKind, string> = {
  salesOrder: "SORDER",
  delivery: "SDELIVERY",
  invoice: "SINVOICE",
};

const outcomeCounts: Record<PublishResult["outcome"], DocumentOutcome> = {
  posted: "posted",
  rejected: "rejected",
  failed: "failed",
  unchanged: "unchanged",
};

/**
 * An outbound flow: walk the X3 change window of its record kind, prepare each record, publish the drafts
 * (revision, validation, exactly-once upload), and move the cursor once the page's outcomes are durable.
 */
export function createOutboundFlow<K extends X3ChangeKind, T extends OutboundRsxType>(
  deps: OutboundDeps,
  settings: OutboundSettings,
  definition: OutboundFlowDefinition<K, T>,
): Flow {
  return {
    name: definition.name,
    async run(context) {
      const result = await runChangeWindow<X3ChangeRecords[K]>({
        cursors: deps.cursors,
        cursorKey: { flow: definition.name, source: `${deps.feed.name}:${x3Entities[definition.kind]}` },
        settings,
        context,
        pages: (window, options) => deps.feed.changes(definition.kind, window, context.signal, options),
        settled: (record) => definition.settled?.(record) ?? false,
        handle: async (record) => {
          const published = await handleRecord(deps, settings, definition, record, context);
          if (published) context.count(outcomeCounts[published.outcome]);
          return published?.disposition ?? "durable";
        },
      });
      context.logger.info(
        {
          flow: definition.name,
          from: result.window.from.toISOString(),
          to: result.window.to.toISOString(),
          handled: result.handled,
          deduplicated: result.deduplicated,
          retried: result.retried,
        },
        "change window read",
      );
      // Then SPS's verdicts on what this flow uploaded (this run's uploads included, once SPS has checked them).
      const verdicts = deps.verdicts;
      if (verdicts && !context.signal.aborted) {
        try {
          await applySpsVerdicts({ ...deps, verdicts }, definition.name, definition.documentType, context);
        } catch (error) {
          // SPS's history unreachable: the uploads are done; their verdicts are read on the next run.
          const message = error instanceof Error ? error.message : String(error);
          context.warn?.(`Could not read SPS's verdicts (history): ${message}`);
        }
      }
    },
  };
}

async function handleRecord<K extends X3ChangeKind, T extends OutboundRsxType>(
  deps: OutboundDeps,
  settings: OutboundSettings,
  definition: OutboundFlowDefinition<K, T>,
  record: X3ChangeRecords[K],
  context: FlowContext,
  replayOf?: AuditDocument,
): Promise<PublishResult | undefined> {
  try {
    const prepared = await definition.prepare(record, context.signal);
    if (prepared.kind === "skip") {
      context.logger.debug({ flow: definition.name, key: record.key, reason: prepared.reason }, "nothing to send");
      return undefined;
    }
    if (prepared.kind === "invalid") return await recordInvalid(deps, definition, record, prepared, replayOf);
    return await publish(deps, settings, prepared.draft, context, { replayOf, signal: context.signal });
  } catch (error) {
    // X3 or the store failed in the middle: the record is retried next run (the cursor stays before it).
    context.logger.warn(
      { flow: definition.name, key: record.key, error: error instanceof Error ? error.message : String(error) },
      "could not handle an X3 record; retried next run",
    );
    return { outcome: "failed", disposition: "retry" };
  }
}

/** A partner's record that cannot be answered: one rejected document per distinct set of reasons. */
async function recordInvalid<K extends X3ChangeKind, T extends OutboundRsxType>(
  deps: OutboundDeps,
  definition: OutboundFlowDefinition<K, T>,
  record: X3ChangeRecords[K],
  prepared: Extract<Preparation<T>, { kind: "invalid" }>,
  replayOf?: AuditDocument,
): Promise<PublishResult> {
  const naturalKey = `${definition.documentType}:${record.key}`;
  const hash = contentHash({ invalid: prepared.reasons.map((reason) => `${reason.path}|${reason.code}`) });
  const newest = await deps.audit.newestRevision(naturalKey, { type: definition.documentType });
  if (newest?.metadata?.contentHash === hash && newest.status === "rejected" && !replayOf) {
    return { outcome: "unchanged", document: newest, disposition: "durable" };
  }
  const metadata = { contentHash: hash, x3UpdatedAt: record.updatedAt };
  const document =
    replayOf && newest?.id === replayOf.id
      ? await deps.audit.updateDocument(replayOf.id, { status: "rejected", reasons: prepared.reasons, metadata })
      : await deps.audit.recordDocument({
          direction: "out",
          type: definition.documentType,
          flow: definition.name,
          partnerId: prepared.partnerId,
          naturalKey,
          poNumber: prepared.poNumber,
          revision: newest?.revision ?? 1,
          status: "rejected",
          reasons: prepared.reasons,
          x3Key: record.key,
          metadata,
        });
  deps.events.emit({
    type: "document.rejected",
    flow: definition.name,
    documentId: document.id,
    naturalKey,
    reasons: prepared.reasons,
  });
  return { outcome: "rejected", document, disposition: "durable" };
}

/**
 * Replays an outbound document that was rejected or failed: the X3 record is read again (the data may have been
 * fixed since) and the document rebuilt, revalidated with today's rules and uploaded. Refused when a newer document
 * of the same natural key exists.
 */
export async function replayOutbound<K extends X3ChangeKind, T extends OutboundRsxType>(
  deps: OutboundDeps,
  settings: OutboundSettings,
  definition: OutboundFlowDefinition<K, T>,
  document: AuditDocument,
  context: FlowContext,
): Promise<{ document: AuditDocument; outcome: DocumentOutcome }> {
  const newest = await deps.audit.newestRevision(document.naturalKey, { type: document.type });
  if (newest && newest.id !== document.id && newest.seq > document.seq) {
    throw new ConnectorError(
      `Refused: a newer ${document.type} for ${document.naturalKey} (${newest.id}, ${newest.status}) exists; replaying this one would send stale data.`,
      { kind: "conflict", details: { newerDocumentId: newest.id } },
    );
  }
  if (!document.x3Key) {
    throw new ConnectorError(`Document ${document.id} names no X3 record to rebuild from.`, { kind: "not-found" });
  }
  const record = await deps.feed.get(definition.kind, document.x3Key, context.signal);
  if (!record) {
    throw new ConnectorError(`X3 has no ${x3Entities[definition.kind]} ${document.x3Key} any more.`, {
      kind: "not-found",
    });
  }
  const result = await handleRecord(deps, settings, definition, record, context, document);
  if (!result) {
    throw new ConnectorError(
      `${x3Entities[definition.kind]} ${document.x3Key} has nothing to send now (not ready, or no longer an SPS partner's).`,
      { kind: "conflict" },
    );
  }
  const replayed = result.document ?? document;
  return { document: replayed, outcome: outcomeCounts[result.outcome] };
}
