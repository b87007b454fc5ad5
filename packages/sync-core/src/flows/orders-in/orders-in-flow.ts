import type { AuditDocument, EffectRecord, Reason } from "@ml-connector/state";
import { type ConnectorError, isConnectorError } from "@ml-connector/transport";
import { overlapPages } from "../../concurrency/overlap-pages.js";
import { Slots } from "../../concurrency/slots.js";
import type { WorkClaims } from "../../concurrency/work-claims.js";
import type { Flow, FlowContext } from "../../engine/flow.js";
import {
  changeOrderEffect,
  closeOrderEffect,
  createOrderEffect,
  orderEffects,
  readEffect,
  replaceOrderEffect,
} from "../../ledger/effects.js";
import { EffectInDoubtError, IN_DOUBT, settleUnfinished, UNRECONCILED } from "../../ledger/run-effect.js";
import type { InboundFile, OrderSource } from "../../ports/order-source.js";
import { countVerdict } from "../outbound/sps-verdicts.js";
import { retryWaitingReplays } from "./order-change.js";
import { processInboundPayload } from "./process-inbound.js";
import {
  documentTypeOfFileName,
  isSettled,
  ORDERS_IN,
  type OrderProcessingDeps,
  park,
  poClaimName,
  sameCodes,
  sha256Hex,
} from "./process-order.js";

export interface OrdersInFlowOptions {
  /** Documents processed at the same time within a page. Default 8. */
  concurrency?: number | undefined;
}

/**
 * The orders-in flow: reconcile unfinished effects, then stream the mailbox page by page; each file is downloaded,
 * processed (see processOrderPayload) and removed from the mailbox only once its outcome is durable. A document does
 * not wait for that: its removal waits apart, for the store's next commit (the next document's effect begun, usually),
 * while its slot takes the next file; the run's end commits what is left and waits for the removals. (The listing
 * goes on by cursor, so a file whose removal waits is not listed again in the same run.)
 * A file that fails for a passing reason (X3 down) stays for the next run; a bad file is rejected, kept, and removed.
 * A file the flow will not read (a name that cannot be used in a path, larger than the limit) or cannot process yet
 * (not an 850) is parked: recorded once with why, and left in the mailbox untouched. A 997 functional acknowledgment
 * is recorded, applied to the uploads it acknowledges (their SPS verdict) and removed (see processFunctionalAck).
 */
export function createOrdersInFlow(
  deps: OrderProcessingDeps & { source: OrderSource },
  options: OrdersInFlowOptions = {},
): Flow {
  const slots = new Slots(options.concurrency ?? 8);
  return {
    name: ORDERS_IN,
    async run(context) {
      await reconcileInProgress(deps, context);
      const removals = new Set<Promise<void>>();
      try {
        // The next page is listed while a page's documents run (two pages in hand at most), so the slots do not drain
        // at the end of each page and wait for a listing.
        await overlapPages(
          deps.source.pages(context.signal, { warn: (message, fields) => context.warn?.(message, fields) }),
          {
            start: (page) =>
              slots.runEach(page, async (file) => {
                // Graceful stop: documents not yet started wait for the next run; the one in hand finishes.
                if (context.signal.aborted) return;
                // The run's signal, not one per document: the transport keeps one abort listener per signal
                // (attemptsBySignal) and gives an injected fetch a signal of each attempt's own.
                // Without claims (one instance) the file is handled as it is, with no claim layer around it.
                const settled = deps.claims
                  ? await handleFile(deps, deps.claims, context, file)
                  : await handleClaimedFile(deps, context, file);
                if (!settled) return;
                // A stop after the document was done lets its file leave the mailbox (see settledRemoval).
                const removalSignal = context.signal.aborted ? context.signal : settledRemoval;
                const removal = removeWhenDurable(deps, context, file, settled, slots, removalSignal);
                removals.add(removal);
                // Out of the set once over, either way (a failure is the run's to see, at its end). This handler
                // also marks the removal handled, so a failure meanwhile is not an unhandled rejection.
                const forget = () => removals.delete(removal);
                removal.then(forget, forget);
              }),
            stop: () => context.signal.aborted,
          },
        );
      } finally {
        // The last outcomes have no next effect begun to commit them: committed here, then their files removed.
        await commitAndRemove(deps, removals);
      }
      if (!context.signal.aborted) await retryWaitingReplays(deps, context.signal, (outcome) => context.count(outcome));
    },
  };
}

/**
 * The signal of the removal of a file whose document was done before the run was stopped: never aborted, so a stop
 * lets it finish (the document in hand finishes, its removal included) rather than leaving a processed file for the
 * next run to download and recognise again. A stop that came while the document was in hand aborts its removal too.
 * One signal for every run: the transport keeps a single listener on it.
 */
const settledRemoval: AbortSignal = new AbortController().signal;

/**
 * A processed document whose file leaves the mailbox: the document itself, or with claims, the document and the
 * file's claim to release once it has.
 */
type Settled = AuditDocument | { document: AuditDocument; release: () => Promise<void> };

/** Commits what the store holds (the documents' last outcomes), then waits for the removals waiting on it. */
async function commitAndRemove(deps: OrderProcessingDeps, removals: ReadonlySet<Promise<void>>): Promise<void> {
  try {
    await deps.audit.flush();
  } finally {
    // A failed commit rejected the removals' waits: those files stay in the mailbox (see removeWhenDurable).
    await Promise.all([...removals]);
  }
}

/**
 * With claims (several instances), a file is handled only by the instance that claims it; the others pass over it.
 * The claim is released when the file is done: by then it is gone from the mailbox, or its outcome is durable.
 * Answers the processed document whose file is to be removed, with its claim (released once the file is removed).
 */
async function handleFile(
  deps: OrderProcessingDeps & { source: OrderSource },
  claims: WorkClaims,
  context: FlowContext,
  file: InboundFile,
): Promise<Settled | undefined> {
  const claim = await claims.tryClaim(fileClaimName(file.name));
  if (!claim) {
    context.logger.debug({ file: file.name }, "claimed by another instance; passed over");
    return undefined;
  }
  let document: AuditDocument | undefined;
  try {
    document = await handleClaimedFile(deps, context, file);
  } finally {
    if (document === undefined) await claim.release();
  }
  // Held until the file is removed: another instance must not take it up while its outcome is not yet durable.
  return document && { document, release: () => claim.release() };
}

/** The claim name of one mailbox file across instances. */
export const fileClaimName = (fileName: string) => `orders-in:file:${fileName}`;

async function handleClaimedFile(
  deps: OrderProcessingDeps & { source: OrderSource },
  context: FlowContext,
  file: InboundFile,
): Promise<AuditDocument | undefined> {
  let payload: Uint8Array;
  try {
    payload = await deps.source.download(file, context.signal);
  } catch (error) {
    if (isConnectorError(error) && error.kind === "not-found") {
      // Listed, then removed before we got to it: another instance (or run) handled it.
      context.logger.debug({ file: file.name }, "gone from the mailbox since the listing; nothing to do");
      return undefined;
    }
    if (isConnectorError(error) && error.kind === "security") {
      // Refused before reading (the name, the size): no run will read it as it stands.
      await parkUnreadFile(deps, context, file, error);
      return undefined;
    }
    context.logger.warn(
      { file: file.name, error: describe(error) },
      "download failed; the file stays for the next run",
    );
    context.count("failed");
    return undefined;
  }
  const sameName = (await deps.audit.findDocuments({ fileName: file.name, direction: "in", limit: 100 })).items;
  // Hashed here only to compare with documents of the same name: a new file (the usual case) is hashed once, by the
  // store that records it.
  const sha = sameName.length > 0 ? sha256Hex(payload) : undefined;
  const known = sha === undefined ? undefined : sameName.find((document) => document.payloadSha256 === sha);
  if (known && isSettled(known.status)) {
    // Already handled (a crash or a failed delete came between the effect and the removal): just remove it.
    context.count("already_handled");
    return known;
  }
  let processed: Awaited<ReturnType<typeof processInboundPayload>>;
  try {
    processed = await processInboundPayload(deps, payload, { fileName: file.name, existing: known }, context.signal);
  } catch (error) {
    // An unexpected failure (the store, a bug) must not stop the other documents: this file stays in the mailbox,
    // and its ledger entries, if any, are reconciled on the next run.
    context.logger.error(
      { file: file.name, error: describe(error) },
      "document failed; the file stays for the next run",
    );
    context.count("failed");
    return undefined;
  }
  // Parked before for the same reasons: said once already.
  if (processed.unchanged) return undefined;
  // Only a file read before under its name can have been parked unread: no call (and no turn of the queue) otherwise.
  if (sameName.length > 0) await closeUnreadParking(deps, sameName, processed.document);
  context.count(processed.outcome);
  // Only a 997 has verdicts: an 850 makes no empty list to go over.
  if (processed.verdicts !== undefined) {
    for (const verdict of processed.verdicts) {
      countVerdict(context, ORDERS_IN, verdict.document, verdict.status, verdict.reasons);
    }
  }
  return isSettled(processed.document.status) ? processed.document : undefined;
}

/**
 * Records a file the flow will not download, as `parked` with the reason, once: while the same reason holds, later
 * runs pass over it in silence (and never count it as a failure). Its bytes were never read, so none are stored.
 */
async function parkUnreadFile(
  deps: OrderProcessingDeps,
  context: FlowContext,
  file: InboundFile,
  error: ConnectorError,
): Promise<void> {
  const reason = unreadReason(error);
  const parked = await deps.audit.findDocuments({ fileName: file.name, direction: "in", status: "parked", limit: 20 });
  if (parked.items.some((document) => document.payloadSha256 === undefined && sameCodes(document.reasons, [reason]))) {
    context.logger.debug({ file: file.name, code: reason.code }, "parked earlier; left in the mailbox");
    return;
  }
  const document = await deps.audit.recordDocument({
    direction: "in",
    type: documentTypeOfFileName(file.name),
    flow: ORDERS_IN,
    partnerId: "unknown",
    naturalKey: `file:${file.name}`,
    status: "received",
    fileName: file.name,
  });
  await park(deps, document, [reason]);
  context.logger.warn(
    { file: file.name, documentId: document.id, code: reason.code },
    "file parked: left in the mailbox unread (see the audit trail)",
  );
  context.count("parked");
}

function unreadReason(error: ConnectorError): Reason {
  const details = typeof error.details === "object" && error.details !== null ? error.details : {};
  if ("maxBytes" in details) {
    return {
      path: "",
      code: "too_large",
      message: `${error.message} It stays in the mailbox unread (parked); raise the limit (maxBytes, flows.orders-in.maxBytes in the CLI config) if such files are legitimate.`,
    };
  }
  return {
    path: "",
    code: "unreadable_name",
    message: `${error.message} It stays in the mailbox unread (parked): ask the sender or SPS to send it under a plain name, or remove it from the mailbox yourself.`,
  };
}

/**
 * A file parked unread (too large) has been read now (the limit was raised): its parked record is closed, pointing
 * to the document that holds the bytes, so that `parked` lists only what still waits.
 */
async function closeUnreadParking(
  deps: OrderProcessingDeps,
  sameName: readonly AuditDocument[],
  read: AuditDocument,
): Promise<void> {
  for (const unread of sameName) {
    if (unread.status !== "parked" || unread.payloadSha256 !== undefined || unread.id === read.id) continue;
    await deps.audit.link({ kind: "document", id: read.id }, { kind: "document", id: unread.id }, "revises");
    await deps.audit.updateDocument(unread.id, {
      status: "ignored",
      reasons: [
        { path: "", code: "read_later", message: `Read in a later run as document ${read.id} (${read.status}).` },
      ],
    });
  }
}

/**
 * Removes a processed file from the mailbox once its outcome is durable (a crash must not lose both), without forcing
 * a commit of its own and without holding the document's slot meanwhile: the store's next commit (the next document's
 * effect begun, or the run's end) carries the outcome. The request itself takes the next free slot, before the files
 * not yet started (`concurrency` bounds every request; the removal's audit line is committed with the next document).
 * When that commit fails, the file stays in the mailbox and the next run finds it again. Awaited at the run's end.
 */
function removeWhenDurable(
  deps: OrderProcessingDeps & { source: OrderSource },
  context: FlowContext,
  file: InboundFile,
  settled: Settled,
  slots: Slots,
  signal: AbortSignal,
): Promise<void> {
  const document = "release" in settled ? settled.document : settled;
  const release = "release" in settled ? settled.release : undefined;
  const removed = deps.audit.whenDurable().then(
    () => slots.run(() => removeFile(deps, context, file, document, signal), { urgent: true }),
    (error: unknown) => {
      context.logger.error(
        { file: file.name, documentId: document.id, error: describe(error) },
        "the document's outcome could not be stored; the file stays for the next run",
      );
    },
  );
  return release ? removed.finally(release) : removed;
}

async function removeFile(
  deps: OrderProcessingDeps & { source: OrderSource },
  context: FlowContext,
  file: InboundFile,
  document: AuditDocument,
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  try {
    await deps.source.remove(file, signal);
    await deps.audit.recordAttempt(document.id, {
      operation: "sps.delete",
      outcome: "success",
      durationMs: Date.now() - started,
    });
  } catch (error) {
    await deps.audit.recordAttempt(document.id, {
      operation: "sps.delete",
      outcome: "failure",
      errorKind: isConnectorError(error) ? error.kind : "unknown",
      httpStatus: isConnectorError(error) ? error.status : undefined,
      message: error instanceof Error ? error.message : String(error),
      durationMs: Date.now() - started,
    });
    context.logger.warn(
      { file: file.name, documentId: document.id, error: describe(error) },
      "could not remove a processed file; the next run removes it without processing it again",
    );
  }
}

/**
 * On start, effects left in progress by a crash are settled by natural-key lookup before anything is retried:
 * found in X3 → done (and the document gets its outcome); not found → failed, so the file is processed again.
 * Each entry is settled on its own: one that cannot be (X3 holds two orders for its key, an entry this version cannot
 * read) is closed as `unreconciled`, its document marked failed with the reason, reported (event and run summary),
 * and the run goes on; the next attempt at that PO looks in X3 again before doing anything.
 */
export async function reconcileInProgress(deps: OrderProcessingDeps, context: FlowContext): Promise<void> {
  const pending = await deps.audit.listInProgress({ limit: 1000 });
  for (const effect of pending) {
    if (!orderEffects.some((definition) => definition.operation === effect.operation)) continue;
    if (!deps.claims) {
      await reconcileIsolated(deps, context, effect);
      continue;
    }
    // With several instances, an in-progress effect may be another instance's live work: only the holder of the
    // PO's claim may settle it. A dead instance's claim is free once its lease has expired.
    const claim = effect.naturalKey ? await deps.claims.tryClaim(poClaimName(effect.naturalKey)) : undefined;
    if (!claim) continue;
    try {
      // Read again under the claim: the previous holder may have finished it meanwhile.
      const current = await deps.audit.getEffect(effect.key);
      if (current?.state === "in-progress") await reconcileIsolated(deps, context, current);
    } finally {
      await claim.release();
    }
  }
}

async function reconcileIsolated(deps: OrderProcessingDeps, context: FlowContext, effect: EffectRecord): Promise<void> {
  try {
    await reconcileEffect(deps, context, effect);
  } catch (error) {
    const { kind, message } = describe(error);
    const reason = `An unfinished ${effect.operation} could not be settled: ${message}`;
    context.logger.error({ effect: effect.key, documentId: effect.documentId, kind, error: message }, reason);
    // Closed, so that it stops nobody: whoever retries this PO looks in X3 again first.
    const current = await deps.audit.getEffect(effect.key).catch(() => undefined);
    if (current?.state === "in-progress" && current.attempts === effect.attempts) {
      await deps.audit.failEffect(effect.key, { kind: UNRECONCILED, message: reason }).catch(() => undefined);
    }
    if (effect.documentId) {
      const reasons = [{ path: "", code: UNRECONCILED, message: reason }];
      await deps.audit.updateDocument(effect.documentId, { status: "failed", reasons }).catch(() => undefined);
    }
    context.events.emit({
      type: "effect.unreconciled",
      flow: ORDERS_IN,
      effectKey: effect.key,
      documentId: effect.documentId,
      naturalKey: effect.naturalKey,
      message: reason,
    });
    context.report?.({ code: UNRECONCILED, effectKey: effect.key, documentId: effect.documentId, message: reason });
  }
}

async function reconcileEffect(deps: OrderProcessingDeps, context: FlowContext, effect: EffectRecord): Promise<void> {
  const create = readEffect(createOrderEffect, effect);
  if (create) {
    const { kind, partyCode, reference } = create.data;
    const settled = await settleUnfinished(
      deps.audit,
      createOrderEffect,
      effect,
      async () => {
        const found = await deps.gateway.find(kind, partyCode, reference, context.signal);
        return found ? { x3Key: found.key } : undefined;
      },
      deps.inDoubt,
    );
    if (settled.state === "in-doubt") return leftInDoubt(deps, context, effect, settled.until);
    if (settled.state === "done") {
      const x3Key = settled.result.x3Key;
      if (effect.documentId) {
        const entity = kind === "purchase" ? "PORDER" : "SORDER";
        await deps.audit.link(
          { kind: "document", id: effect.documentId },
          { kind: "x3", entity, key: x3Key },
          "created",
        );
        await deps.audit.updateDocument(effect.documentId, { status: "created", reasons: [], x3Key });
      }
      context.logger.info({ effect: effect.key, x3Key }, "reconciled an unfinished create: found in X3");
      return;
    }
    context.logger.info({ effect: effect.key }, "reconciled an unfinished create: not in X3, will be redone");
    return;
  }
  const repeatable =
    readEffect(replaceOrderEffect, effect) ??
    readEffect(changeOrderEffect, effect) ??
    readEffect(closeOrderEffect, effect);
  if (!repeatable) {
    throw new Error(`The ledger entry ${effect.key} (${effect.operation}) holds data this version cannot read.`);
  }
  // A replace, a change or a close carries the whole intended state: safe to redo when the file is processed again,
  // once no request of the crashed attempt can still land after the redo.
  const settled = await settleUnfinished(deps.audit, replaceOrderEffect, effect, undefined, deps.inDoubt);
  if (settled.state === "in-doubt") return leftInDoubt(deps, context, effect, settled.until);
  context.logger.info({ effect: effect.key }, "reconciled an unfinished effect: will be redone");
}

/** An unfinished effect whose in-doubt window has begun: its document says why it waits, and until when. */
async function leftInDoubt(
  deps: OrderProcessingDeps,
  context: FlowContext,
  effect: EffectRecord,
  until: Date,
): Promise<void> {
  const message = new EffectInDoubtError(effect.key, effect.operation, until).message;
  if (effect.documentId) {
    const reasons = [{ path: "", code: IN_DOUBT, message: `${message} The file stays in the mailbox.` }];
    await deps.audit.updateDocument(effect.documentId, { status: "failed", reasons });
  }
  context.logger.info(
    { effect: effect.key, until: until.toISOString() },
    "an unfinished effect waits out its in-doubt window",
  );
}

function describe(error: unknown): { kind?: string; message: string } {
  if (isConnectorError(error)) return { kind: error.kind, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
