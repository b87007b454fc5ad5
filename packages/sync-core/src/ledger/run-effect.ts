import type { AuditStore, BeginEffectResult, EffectRecord, JsonObject } from "@ml-connector/state";
import { ConnectorError, callOutcome, isConnectorError } from "@ml-connector/transport";
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

/**
 * How long a call the connector stopped waiting for (a timeout, a lost answer, a crash) may still take effect in the
 * other system, by default. A request that reached a busy server is applied when the server gets to it, whatever
 * became of the caller: looked for (or done again) too soon, it lands after the redo, or after a later change to the
 * same order, and undoes it (Sage X3's api1 has no optimistic locking to refuse it; a late create or upload makes a
 * second order or file).
 */
export const DEFAULT_IN_DOUBT_WINDOW_MS = 2 * 60_000;

/** When an effect in doubt is looked for or done again (see `DEFAULT_IN_DOUBT_WINDOW_MS`). */
export interface InDoubtPolicy {
  /** How long after it was last seen in doubt. 0: at once. */
  windowMs: number;
  /** The clock, in milliseconds: the same one the audit store stamps its entries with. Default the system clock. */
  now?: (() => number) | undefined;
}

/**
 * The effect may still be taking place from an earlier attempt: nothing was called. Retryable: the document is tried
 * again by a later run, from `until` on. `details.reasonCode` is `in_doubt`.
 */
export class EffectInDoubtError extends ConnectorError {
  readonly until: Date;
  constructor(key: string, operation: string, until: Date) {
    super(
      `An earlier attempt at ${operation} (${key}) may still take effect: a timeout, a lost answer or a crash left it in doubt, and a request that reached the server can be applied late. It is looked for, and done again only if it did not happen, from ${until.toISOString()} on.`,
      { kind: "timeout", retryable: true, details: { reasonCode: IN_DOUBT, until: until.toISOString() } },
    );
    this.name = "EffectInDoubtError";
    this.until = until;
  }
}

/** The reason code of a document whose effect waits out its in-doubt window. */
export const IN_DOUBT = "in_doubt";

/** When an entry closed in doubt may be looked for or done again; undefined when it is not in doubt, or may be now. */
function inDoubtUntil(record: EffectRecord | undefined, policy: InDoubtPolicy | undefined): Date | undefined {
  if (!policy || policy.windowMs <= 0 || record?.state !== "failed" || !mayHaveHappened(record)) return undefined;
  const until = record.updatedAt.getTime() + policy.windowMs;
  return (policy.now ?? Date.now)() < until ? new Date(until) : undefined;
}

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
  /**
   * An entry left in doubt (closed as uncertain, or found in progress after a crash) is looked for or done again only
   * once `windowMs` have passed since it was last seen so; until then `EffectInDoubtError` is thrown and nothing is
   * called. Without it: at once.
   */
  inDoubt?: InDoubtPolicy | undefined;
  /**
   * No entry of this key can exist yet: its key names a document this call just recorded, under an id never used
   * before. The effect is then begun with `beginEffect` (which still checks, atomically), with no in-doubt check.
   */
  newKey?: boolean | undefined;
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
  // A new entry is begun at once (the usual case); a failed one is only read, to tell whether it may be begun again.
  const first = options.newKey ? await audit.beginEffect(key, details) : await audit.beginNewEffect(key, details);
  let previous: EffectRecord | undefined;
  let begun: BeginEffectResult;
  if (first.outcome === "failed") {
    previous = first.effect;
    const waitUntil = inDoubtUntil(previous, options.inDoubt);
    if (waitUntil) throw new EffectInDoubtError(key, effect.operation, waitUntil);
    begun = await audit.beginEffect(key, details);
  } else {
    begun = first;
    if (begun.outcome === "in-progress") previous = begun.effect;
  }
  let uncertainBefore = mayHaveHappened(previous);
  let lookedUp = false;
  if (begun.outcome === "in-progress") {
    // Begun and never finished (a crash): settle it before anything is done again.
    const settled = await settleUnfinished(audit, effect, begun.effect, options.lookup, options.inDoubt);
    if (settled.state === "done") {
      return { via: "reconciled", result: settled.result, documentId: begun.effect.documentId };
    }
    if (settled.state === "in-doubt") throw new EffectInDoubtError(key, effect.operation, settled.until);
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
    // Awaited only when there is one: `await undefined` still waits a turn of the queue.
    if (options.guard) await options.guard();
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
 * as `unreconciled` (the next attempt looks again before anything) and the error is rethrown. With an in-doubt window
 * (`inDoubt`), it is not looked for yet: a request its crashed holder sent may still land. It is closed as
 * `unreconciled` now, which starts the window (`in-doubt`, with when it ends).
 */
export async function settleUnfinished<Key, Data extends JsonObject, Result extends JsonObject>(
  audit: AuditStore,
  effect: EffectDefinition<Key, Data, Result>,
  record: EffectRecord,
  lookup: (() => Promise<Result | undefined>) | undefined,
  inDoubt?: InDoubtPolicy | undefined,
): Promise<{ state: "done"; result: Result } | { state: "failed" } | { state: "in-doubt"; until: Date }> {
  if (inDoubt && inDoubt.windowMs > 0) {
    await closeIfStillMine(audit, record, {
      kind: UNRECONCILED,
      message: `Left unfinished (a crash): a request it sent may still take effect, so it is looked for, and done again only if it did not happen, once ${inDoubt.windowMs} ms have passed.`,
    });
    return { state: "in-doubt", until: new Date((inDoubt.now ?? Date.now)() + inDoubt.windowMs) };
  }
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
