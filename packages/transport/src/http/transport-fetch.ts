import pLimit from "p-limit";
import type { AuthStrategy } from "../auth/auth-strategy.js";
import { ConnectorError, errorKindForStatus, isConnectorError } from "../errors/connector-error.js";
import { createSafeLogger, type Logger } from "../logging/logger.js";
import { redactText } from "../logging/redact.js";
import { parseRetryAfter, type RetryOptions, withRetry } from "../retry/retry-policy.js";

/** What a client sees of a failed response, to build its own error subclass. */
export interface FailedResponse {
  status: number;
  method: string;
  /** The path only: query strings can hold codes or filters we do not want in messages. */
  path: string;
  requestId: string | undefined;
  retryAfterMs: number | undefined;
  contentType: string;
  /** Parsed JSON when the body was JSON, else the text (truncated), else undefined. */
  body: unknown;
}

export type ErrorFactory = (failed: FailedResponse) => ConnectorError;

export interface TransportOptions {
  /** The only origin that receives requests (and so credentials). */
  baseUrl: string;
  fetch?: typeof fetch | undefined;
  auth?: AuthStrategy | undefined;
  retry?: RetryOptions | undefined;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number | undefined;
  /** Requests in flight at most. Default 8. */
  maxConcurrency?: number | undefined;
  /** Builds the client's error from a failed response. Default: a ConnectorError. */
  toError?: ErrorFactory | undefined;
  logger?: Partial<Logger> | undefined;
  userAgent?: string | undefined;
}

/**
 * A request header that marks a non-GET request as safe to repeat (an upload that overwrites by path).
 * It is read and removed by the transport; it never goes on the wire.
 */
export const IDEMPOTENT_HEADER = "x-ml-connector-idempotent";

const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const requestIdHeaders = ["x-request-id", "x-amzn-requestid", "request-id", "x-correlation-id"];

export function defaultErrorFactory(failed: FailedResponse): ConnectorError {
  return new ConnectorError(`${failed.method} ${failed.path} failed with HTTP ${failed.status}.`, {
    kind: errorKindForStatus(failed.status),
    status: failed.status,
    requestId: failed.requestId,
    retryAfterMs: failed.retryAfterMs,
    details: failed.body,
  });
}

/**
 * A `fetch` for openapi-fetch that adds, in one place for every client: the origin guard, authentication with one
 * refresh-and-retry on 401, per-attempt timeouts, retries (DESIGN §4.5), bounded concurrency and typed errors.
 * Non-2xx responses are thrown as errors, so a returned response is always a success.
 */
export function createTransportFetch(options: TransportOptions): (input: Request) => Promise<Response> {
  const base = new URL(options.baseUrl);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const limit = pLimit(options.maxConcurrency ?? 8);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const toError = options.toError ?? defaultErrorFactory;
  const logger = createSafeLogger(options.logger, () => options.auth?.secrets() ?? []);

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.origin !== base.origin) {
      throw new ConnectorError(`Refused a request to ${url.origin}: this client only talks to ${base.origin}.`, {
        kind: "security",
      });
    }
    const headers = new Headers(request.headers);
    const markedIdempotent = headers.get(IDEMPOTENT_HEADER) === "true";
    headers.delete(IDEMPOTENT_HEADER);
    if (options.userAgent) headers.set("user-agent", options.userAgent);
    const method = request.method.toUpperCase();
    const idempotent = markedIdempotent || idempotentMethods.has(method);
    // Buffered once so that every attempt can send the same bytes.
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const callerSignal = request.signal;

    const attemptOnce = async (): Promise<Response> => {
      let authHeader = options.auth ? await options.auth.authorize() : undefined;
      let response = await send(authHeader);
      if (response.status === 401 && options.auth && authHeader) {
        await response.body?.cancel();
        // One refresh and one retry: a token revoked or expired early.
        if (await options.auth.invalidate(authHeader)) {
          authHeader = await options.auth.authorize();
          response = await send(authHeader);
        }
      }
      if (response.ok || (response.status >= 300 && response.status < 400)) return response;
      throw toError(await describeFailure(response, method, url.pathname));
    };

    const send = async (authHeader: string | undefined): Promise<Response> => {
      const attemptHeaders = new Headers(headers);
      if (authHeader) attemptHeaders.set("authorization", authHeader);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([callerSignal, timeout]);
      try {
        return await fetchImpl(
          new Request(url, { method, headers: attemptHeaders, body: body ?? null, signal, redirect: "manual" }),
        );
      } catch (error) {
        if (callerSignal.aborted) {
          throw new ConnectorError(`${method} ${url.pathname} was cancelled.`, {
            kind: "cancelled",
            retryable: false,
            cause: callerSignal.reason,
          });
        }
        if (timeout.aborted) {
          throw new ConnectorError(`${method} ${url.pathname} timed out after ${timeoutMs} ms.`, { kind: "timeout" });
        }
        const reason =
          error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
        throw new ConnectorError(
          `${method} ${url.pathname} could not reach ${url.origin}: ${redactText(reason, options.auth?.secrets())}`,
          { kind: "connection" },
        );
      }
    };

    return limit(() =>
      withRetry(attemptOnce, {
        retry: options.retry,
        idempotent,
        signal: callerSignal,
        onRetry: ({ attempt, delayMs, error }) =>
          logger.warn(
            { method, path: url.pathname, attempt, delayMs, kind: error.kind, status: error.status },
            "retrying request",
          ),
      }).catch((error: unknown) => {
        if (isConnectorError(error)) throw error;
        if (callerSignal.aborted) {
          throw new ConnectorError(`${method} ${url.pathname} was cancelled.`, { kind: "cancelled", cause: error });
        }
        throw error;
      }),
    );
  };
}

async function describeFailure(response: Response, method: string, path: string): Promise<FailedResponse> {
  const contentType = response.headers.get("content-type") ?? "";
  let body: unknown;
  try {
    const text = await response.text();
    if (text) {
      if (contentType.includes("json")) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text.slice(0, 2000);
        }
      } else body = text.slice(0, 2000);
    }
  } catch {
    body = undefined;
  }
  return {
    status: response.status,
    method,
    path,
    requestId: requestIdHeaders.map((name) => response.headers.get(name)).find((value) => value) ?? undefined,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    contentType,
    body,
  };
}
