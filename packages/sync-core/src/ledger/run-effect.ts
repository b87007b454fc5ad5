import type { AuditStore, EffectRecord, JsonObject } from "@ml-connector/state";
import { callOutcome, isConnectorError } from "@ml-connector/transport";
import { type EffectDefinition, readResult } from "./effects.js";

/**
 * Why an entry was closed as failed although the effect may have happened (a timeout, a lost answer, an entry that
 * could not be settled): whoever begins it again looks in the system before calling it.
 */
export const UNCERTAIN = "uncertain";
/** An entry left in progress (a crash) that the lookup could not settle; also looked for before it is redone. */
export const UNRECONCILED = "unreconciled";
/** An entry left in progress that was looked for and not found (or is repeatable): it did not happen. */
export const RECONCILED = "reconciled";

const mayHaveHappenedKinds = new Set([UNCERTAIN, UNRECONCILED]);

/** Whether an entry says its effect may have happened: in progress, or closed while uncertain. */
export function mayHaveHappened(record: EffectRecord | undefined): boolean {
  if (record === undefined) return false;
  if (record.state === "in-progress") return true;
  return record.state === "failed" && mayHaveHappenedKinds.has(record.error?.kind ?? "");
}

export interface RunEffectOptions<Key, Data extends JsonObject, Result extends JsonObject> {
  audit: AuditStore;
  effect: EffectDefinition<Key, Data, Result>;
  key: Key;
  data: Data;
  /** The document the effect is for: the entry names it, and the call's attempts are recorded on it. */
  document: { id: string; naturalKey: string };
  /** Who begins it (instance id), with several instances. */
  owner?: string | undefined;
  /** The attempt's operation in the audit trail, e.g. `x3.create`, `sps.upload`. */
  attempt: string;
  /**
   * How to learn whether the effect happened (a lookup by natural key, a listing). Without one the effect must be
   * repeatable (it carries the whole intended state): an unfinished one is simply done again.
   */
  lookup?: (() => Promise<Result | undefined>) | undefined;
  /** Look before every call, not only after an attempt that may have happened (someone may cause it by hand). */
  lookBeforeEveryCall?: boolean | undefined;
  /** Checked right before the call (e.g. a claim still held); what it throws closes the entry and is rethrown. */
  guard?: (() => Promise<void>) | undefined;
  call: () => Promise<Result>;
  /** The success attempt's message (e.g. the path written). */
  describe?: ((result: Result) => string) | undefined;
  now?: (() => number) | undefined;
}

/**
 * How the effect came to be done:
 * - `called`: by this call;
 * - `earlier`: it was done already (`documentId`: the document that began it);
 * - `reconciled`: an earlier attempt that may have happened did (found by the lookup; `documentId`: its document);
 * - `found`: the system had it before any attempt of ours could have caused it (someone else did it).
 */
export type EffectOutcome<Result> =
  | { via: "called"; result: Result }
  | { via: "earlier"; result: Result | undefined; documentId: string | undefined }
  | { via: "reconciled"; result: Result; documentId: string | undefined }
  | { via: "found"; result: Result };

/**
 * The one exactly-once protocol: begin the effect in the ledger → call the system → complete it or close it as failed,
 * and settle by lookup what a crash or a lost answer left open. An entry this call begins is always closed before it
 * returns or throws (done, or failed with the reason and whether the effect may have happened); only a crash leaves
 * one in progress, and the next attempt (or the reconciliation at the start of a run) settles it first.
 * Errors are rethrown as they came: `callOutcome` (from the transport) says whether to reject or retry.
 */
export async function runEffect<Key, Data extends JsonObject, Result extends JsonObject>(
  options: RunEffectOptions<Key, Data, Result>,
): Promise<EffectOutcome<Result>> {
  const { audit, effect } = options;
  const now = options.now ?? Date.now;
  const key = effect.key(options.key);
  const details = {
    operation: effect.operation,
    documentId: options.document.id,
    naturalKey: options.document.naturalKey,
    owner: options.owner,
    data: options.data,
  };
  const previous = await audit.getEffect(key);
  let begun = await audit.beginEffect(key, details);
  let uncertainBefore = mayHaveHappened(previous);
  let lookedUp = false;
  if (begun.outcome === "in-progress") {
    // Begun and never finished (a crash): settle it before anything is done again.
    const settled = await settleUnfinished(audit, effect, begun.effect, options.lookup);
    if (settled.state === "done") {
      return { via: "reconciled", result: settled.result, documentId: begun.effect.documentId };
    }
    lookedUp = options.lookup !== undefined;
    uncertainBefore = false;
    begun = await audit.beginEffect(key, details);
  }
  if (begun.outcome === "done") {
    return { via: "earlier", result: readResult(effect, begun.effect.result), documentId: begun.effect.documentId };
  }
  if (begun.outcome === "in-progress") {
    // Another holder began it between our two calls: theirs to finish.
    throw new Error(`The effect ${key} was begun elsewhere while it was being settled; it is retried on the next run.`);
  }

  const mine = begun.effect;
  let called = false;
  const started = now();
  try {
    await options.guard?.();
    if (options.lookup && !lookedUp && (uncertainBefore || options.lookBeforeEveryCall)) {
      const found = await options.lookup();
      if (found) {
        await audit.completeEffect(key, uncertainBefore ? { ...found, reconciled: true } : { ...found, found: true });
        return uncertainBefore
          ? { via: "reconciled", result: found, documentId: previous?.documentId }
          : { via: "found", result: found };
      }
    }
    called = true;
    const result = await options.call();
    await audit.completeEffect(key, result);
    await audit.recordAttempt(options.document.id, {
      operation: options.attempt,
      outcome: "success",
      message: options.describe?.(result),
      durationMs: now() - started,
    });
    return { via: "called", result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind = isConnectorError(error) ? error.kind : "unknown";
    if (called) {
      await audit.recordAttempt(options.document.id, {
        operation: options.attempt,
        outcome: "failure",
        httpStatus: isConnectorError(error) ? error.status : undefined,
        errorKind: kind,
        message,
        durationMs: now() - started,
      });
    }
    const uncertain = uncertainBefore || (called && callOutcome(error) === "uncertain");
    await closeIfStillMine(audit, mine, {
      kind: uncertain ? UNCERTAIN : kind,
      message: uncertain ? `${kind}: ${message} (may have happened: looked for before it is tried again)` : message,
    });
    throw error;
  }
}

/**
 * Settles an entry left in progress: with a lookup, found → done with what was found, not found → failed (it did not
 * happen); without one (a repeatable effect) → failed, to be done again. When the lookup throws, the entry is closed
 * as `unreconciled` (the next attempt looks again before anything) and the error is rethrown.
 */
export async function settleUnfinished<Key, Data extends JsonObject, Result extends JsonObject>(
  audit: AuditStore,
  effect: EffectDefinition<Key, Data, Result>,
  record: EffectRecord,
  lookup: (() => Promise<Result | undefined>) | undefined,
): Promise<{ state: "done"; result: Result } | { state: "failed" }> {
  if (lookup === undefined) {
    await closeIfStillMine(audit, record, { kind: RECONCILED, message: "Unfinished; repeatable, so done again." });
    return { state: "failed" };
  }
  let found: Result | undefined;
  try {
    found = await lookup();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await closeIfStillMine(audit, record, {
      kind: UNRECONCILED,
      message: `Could not be settled by lookup: ${message}`,
    });
    throw error;
  }
  if (found) {
    await audit.completeEffect(record.key, { ...found, reconciled: true });
    return { state: "done", result: found };
  }
  await closeIfStillMine(audit, record, {
    kind: RECONCILED,
    message: `Unfinished; not found by ${effect.operation}'s lookup: it did not happen.`,
  });
  return { state: "failed" };
}

/** Fails the entry unless someone else began it again since (then it is theirs to close). */
async function closeIfStillMine(
  audit: AuditStore,
  record: EffectRecord,
  error: { kind: string; message: string },
): Promise<void> {
  const current = await audit.getEffect(record.key);
  if (current?.state !== "in-progress" || current.attempts !== record.attempts) return;
  await audit.failEffect(record.key, error);
}
