import pRetry, { AbortError } from "p-retry";
import { ConnectorError, isConnectorError } from "../errors/connector-error.js";
import { sleep } from "../time/clock.js";

export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  retries?: number;
  /** Base of the exponential backoff. Default 250 ms. */
  baseDelayMs?: number;
  /** Ceiling of one backoff delay. Default 10 s. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` we wait for inside one call. Default 60 s. A longer wait fails the call with a
   * `rate-limit` error that says when to come back, so a scheduled run can defer to its next pass.
   */
  maxRetryAfterMs?: number;
  /** Source of randomness for the jitter; injected by tests. */
  random?: () => number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    retries: options.retries ?? 4,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    random: options.random ?? Math.random,
  };
}

/** Exponential backoff with full jitter: a uniform delay in [0, min(max, base * 2^retry)]. */
export function backoffDelay(retryIndex: number, options: ResolvedRetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex);
  return Math.floor(options.random() * ceiling);
}

/** Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface RetryAttemptInfo {
  attempt: number;
  delayMs: number;
  error: ConnectorError;
}

export interface WithRetryOptions {
  retry?: RetryOptions | undefined;
  /** Whether repeating the operation is safe (GET, PUT, DELETE, an overwrite by path...). Unsafe ones are tried once. */
  idempotent: boolean;
  /**
   * Whether the operation changes something on the server (any HTTP method but GET, HEAD, OPTIONS). A write that
   * timed out is not repeated even when idempotent: the server may still apply it late, after the repeat and after
   * whatever the caller writes next (a later edit of the same record), and undo that. The caller settles it once no
   * late copy can land (see sync-core's in-doubt window).
   */
  write?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onRetry?: ((info: RetryAttemptInfo) => void) | undefined;
  /** What the call throws instead of `error` when it fails (the caller's own wrapping), applied once. */
  finalError?: ((error: unknown) => unknown) | undefined;
  /**
   * Lets go of a result that is dropped because the caller's signal was aborted while it was being produced (a
   * response whose body nobody will read: its connection and timer are released now rather than at its timeout).
   */
  discard?: ((result: unknown) => void) | undefined;
}

/**
 * Runs `operation` with the one retry policy of ml-connector: retries only `retryable`
 * ConnectorErrors of idempotent operations, waits the server's Retry-After (capped) or a full-jitter backoff.
 *
 * The first attempt is called directly and its promise is continued once: most calls succeed at once, and p-retry
 * (its options, its loop, its promise) is entered only after a failure, for the retries. Every attempt's failure
 * that ends the call goes through `options.finalError` when given.
 */
export function withRetry<T>(operation: (attempt: number) => Promise<T>, options: WithRetryOptions): Promise<T> {
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(finalError(signal.reason, options));
  let first: Promise<T>;
  try {
    first = operation(1);
  } catch (error) {
    first = Promise.reject(error);
  }
  return first.then(
    signal === undefined ? undefined : (result) => firstAttemptResult(result, options),
    (error: unknown) => retryAfterFirstAttempt(error, operation, options),
  );
}

/**
 * What the call answers when its first attempt succeeded with `result`: the result, unless the caller aborted while it
 * was being produced (it is then let go of, and the call fails as cancelled). Exported with retryAfterFirstAttempt for
 * a caller that continues its first attempt's promise itself (the transport, in the continuation it has anyway):
 * together they are what `withRetry` does after the first attempt.
 */
export function firstAttemptResult<T>(result: T, options: WithRetryOptions): T {
  const signal = options.signal;
  if (signal?.aborted) throw dropped(result, signal, options);
  return result;
}

/** What `withRetry` does after a failed first attempt: the retries of `operation`, the final error through finalError. */
export function retryAfterFirstAttempt<T>(
  error: unknown,
  operation: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  return retryAfterFailure(error, operation, options).catch((final: unknown) => {
    throw finalError(final, options);
  });
}

/** A result that came after the caller aborted: let go of, and the call fails as cancelled. */
function dropped(result: unknown, signal: AbortSignal, options: WithRetryOptions): unknown {
  options.discard?.(result);
  return finalError(signal.reason, options);
}

function finalError(error: unknown, options: WithRetryOptions): unknown {
  return options.finalError ? options.finalError(error) : error;
}

/** The retries after a failed first attempt (`first`), through p-retry. */
async function retryAfterFailure<T>(
  first: unknown,
  operation: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  const signal = options.signal;
  const policy = resolveRetryOptions(options.retry);
  const classified = classifyForRetry(first, options, policy);
  if (classified instanceof AbortError) throw classified.originalError;
  if (policy.retries === 0) throw classified;
  await waitBeforeRetry(classified as ConnectorError, 0, policy, options);
  const result = await pRetry(
    async (attempt) => {
      let result: T;
      try {
        result = await operation(attempt + 1);
      } catch (error) {
        throw classifyForRetry(error, options, policy);
      }
      // p-retry drops a result that came after the abort (and throws the signal's reason): let go of it first.
      if (signal?.aborted) options.discard?.(result);
      return result;
    },
    {
      retries: policy.retries - 1,
      // p-retry's own delay is switched off: ours (full jitter, Retry-After) is applied in shouldRetry.
      minTimeout: 0,
      maxTimeout: 0,
      factor: 1,
      ...(signal ? { signal } : {}),
      shouldRetry: async ({ error, retriesConsumed }) => {
        await waitBeforeRetry(error as ConnectorError, retriesConsumed + 1, policy, options);
        return true;
      },
    },
  );
  signal?.throwIfAborted();
  return result;
}

/** Tells `onRetry` and waits the server's Retry-After, or the backoff of retry number `retryIndex` (from 0). */
async function waitBeforeRetry(
  error: ConnectorError,
  retryIndex: number,
  policy: ResolvedRetryOptions,
  options: WithRetryOptions,
): Promise<void> {
  const delayMs = error.retryAfterMs ?? backoffDelay(retryIndex, policy);
  options.onRetry?.({ attempt: retryIndex + 1, delayMs, error });
  await sleep(delayMs, options.signal);
}

function classifyForRetry(
  error: unknown,
  options: Pick<WithRetryOptions, "idempotent" | "write">,
  policy: ResolvedRetryOptions,
): Error {
  if (!isConnectorError(error)) {
    // Programming errors and anything unexpected are never retried.
    return new AbortError(error instanceof Error ? error : new Error(String(error)));
  }
  // The cap applies to every wait the server asks for (a 503 with Retry-After too), not only to 429s:
  // otherwise a `Retry-After: 86400` on a 503 would park the call for a day.
  if (error.retryable && error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) {
    const comeBackAt = new Date(Date.now() + error.retryAfterMs).toISOString();
    const what = error.kind === "rate-limit" ? "Rate limited" : `Unavailable (HTTP ${error.status ?? "?"})`;
    return new AbortError(
      new ConnectorError(
        `${what}: the server asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s, longer than the ${Math.ceil(
          policy.maxRetryAfterMs / 1000,
        )} s cap; try again after ${comeBackAt}.`,
        {
          kind: error.kind,
          status: error.status,
          requestId: error.requestId,
          retryable: true,
          retryAfterMs: error.retryAfterMs,
          details: { retryAt: comeBackAt, ...(isRecord(error.details) ? error.details : {}) },
          cause: error,
        },
      ),
    );
  }
  if (!error.retryable || !options.idempotent) return new AbortError(error);
  if (options.write && error.kind === "timeout") return new AbortError(error);
  return error;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
