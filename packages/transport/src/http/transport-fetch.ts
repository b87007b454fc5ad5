import pLimit from "p-limit";
import type { AuthStrategy } from "../auth/auth-strategy.js";
import { ConnectorError, errorKindForStatus, isConnectorError } from "../errors/connector-error.js";
import { createSafeLogger, type Logger } from "../logging/logger.js";
import { redactText } from "../logging/redact.js";
import { parseRetryAfter, type RetryOptions, withRetry } from "../retry/retry-policy.js";
import { createNodeFetch } from "./node-fetch.js";
import type { ProxyOptions } from "./proxy.js";
import type { TransportInput, TransportRequest } from "./transport-request.js";

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
  /** The fetch every attempt goes through (tests, proxies). Default: `createNodeFetch()`, node:http(s) with keep-alive. */
  fetch?: typeof fetch | undefined;
  /** The proxy of the default fetch (an injected `fetch` does its own networking). Default: the environment. */
  proxy?: ProxyOptions | undefined;
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
 * A request header that marks a non-GET request as safe to repeat (`true`: an upload that overwrites by path), or a
 * PUT as not safe to repeat (`false`: an api1 `$edit` that appends lines would append them again).
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
 * refresh-and-retry on 401, per-attempt timeouts, retries, bounded concurrency and typed errors.
 * Non-2xx responses are thrown as errors, so a returned response is always a success: a 3xx included, which is
 * never followed (see redirectError).
 *
 * It takes a `Request` or the lighter TransportRequest (see transport-request.ts) and calls the underlying fetch
 * with a URL and a plain init, once per attempt. Each attempt has one AbortController and one timer: the timer
 * aborts the attempt when it outlives `timeoutMs`, reading the body included, and is cleared once the body has
 * been read (`json()`, `text()`, `arrayBuffer()`...; a caller reading `response.body` as a stream calls
 * `releaseResponse` when done). The caller's signal aborts the attempt through one listener, removed at the same
 * moment. (`AbortSignal.timeout` + `AbortSignal.any` per attempt did the same at a far higher cost, and kept each
 * attempt's signals and listeners alive until the 30 s timer fired or a full GC ran.)
 */
export function createTransportFetch(options: TransportOptions): (input: TransportInput) => Promise<Response> {
  const base = new URL(options.baseUrl);
  // Default: node:http(s) with keep-alive agents (node-fetch.ts), a socket per request in flight at most.
  const fetchImpl = options.fetch ?? createNodeFetch({ maxSockets: options.maxConcurrency ?? 8, proxy: options.proxy });
  const limit = pLimit(options.maxConcurrency ?? 8);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const toError = options.toError ?? defaultErrorFactory;
  const logger = createSafeLogger(options.logger, () => options.auth?.secrets() ?? []);

  return async (input: TransportInput): Promise<Response> => {
    const url = new URL(input.url);
    if (url.origin !== base.origin) {
      throw new ConnectorError(`Refused a request to ${url.origin}: this client only talks to ${base.origin}.`, {
        kind: "security",
      });
    }
    const request = input instanceof Request || isPlainBody(input.body) ? input : toFetchRequest(input);
    const headers = headerRecord(request.headers);
    const marked = headers[IDEMPOTENT_HEADER];
    const markedIdempotent = marked === "true";
    delete headers[IDEMPOTENT_HEADER];
    if (options.userAgent) headers["user-agent"] = options.userAgent;
    const method = request.method.toUpperCase();
    const idempotent = marked === "false" ? false : markedIdempotent || idempotentMethods.has(method);
    // Buffered once so that every attempt can send the same bytes (a string or bytes body already is).
    const body = await bufferedBody(request);
    const callerSignal = request.signal ?? undefined;
    const href = url.href;

    const attemptOnce = async (): Promise<Response> => {
      let authHeader = options.auth ? await options.auth.authorize() : undefined;
      let response = await send(authHeader);
      if (response.status === 401 && options.auth && authHeader) {
        await response.body?.cancel();
        releaseResponse(response);
        // One refresh and one retry: a token revoked or expired early.
        if (await options.auth.invalidate(authHeader)) {
          authHeader = await options.auth.authorize();
          response = await send(authHeader);
        }
      }
      if (response.ok) return response;
      if (response.status >= 300 && response.status < 400)
        throw await redirectError(response, method, url, options.auth?.secrets());
      throw toError(await describeFailure(response, method, url.pathname));
    };

    const send = async (authHeader: string | undefined): Promise<Response> => {
      const attempt = new AttemptSignal(timeoutMs, callerSignal);
      let response: Response;
      try {
        response = await fetchImpl(href, {
          method,
          headers: authHeader ? { ...headers, authorization: authHeader } : headers,
          body: body ?? null,
          signal: attempt.signal,
          redirect: "manual",
        });
      } catch (error) {
        attempt.release();
        if (callerSignal?.aborted) {
          throw new ConnectorError(`${method} ${url.pathname} was cancelled.`, {
            kind: "cancelled",
            retryable: false,
            cause: callerSignal.reason,
          });
        }
        if (attempt.timedOut) {
          throw new ConnectorError(`${method} ${url.pathname} timed out after ${timeoutMs} ms.`, { kind: "timeout" });
        }
        const reason =
          error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
        throw new ConnectorError(
          `${method} ${url.pathname} could not reach ${url.origin}: ${redactText(reason, options.auth?.secrets())}`,
          { kind: "connection" },
        );
      }
      releaseWhenRead(response, attempt);
      return response;
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
        if (callerSignal?.aborted) {
          throw new ConnectorError(`${method} ${url.pathname} was cancelled.`, { kind: "cancelled", cause: error });
        }
        throw error;
      }),
    );
  };
}

/** One attempt's abort: its timeout and the caller's signal, through one controller. */
class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #caller: AbortSignal | undefined;
  #onCallerAbort: (() => void) | undefined;
  timedOut = false;

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    }, timeoutMs);
    // Like AbortSignal.timeout: a pending attempt timer alone does not keep the process alive.
    this.#timer.unref?.();
    this.#caller = caller;
    if (caller?.aborted) this.#controller.abort(caller.reason);
    else if (caller) {
      this.#onCallerAbort = () => this.#controller.abort(caller.reason);
      caller.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Clears the timer and unhooks the caller's signal (idempotent). */
  release = (): void => {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) {
      this.#caller?.removeEventListener("abort", this.#onCallerAbort);
      this.#onCallerAbort = undefined;
    }
  };
}

const releaseKey = Symbol("ml-connector.transport.release");
const bodyReaders = ["arrayBuffer", "blob", "bytes", "formData", "json", "text"] as const;

/** Releases the attempt when the response's body has been read by one of its methods (at once when it is empty). */
function releaseWhenRead(response: Response, attempt: AttemptSignal): void {
  if (response.body === null || response.headers.get("content-length") === "0") {
    // Nothing left to read (openapi-fetch does not read an empty body at all).
    attempt.release();
    return;
  }
  const target = response as unknown as Record<PropertyKey, unknown>;
  target[releaseKey] = attempt.release;
  for (const name of bodyReaders) {
    const read = target[name];
    if (typeof read !== "function") continue;
    target[name] = function (this: Response) {
      return (read as () => Promise<unknown>).call(this).finally(attempt.release);
    };
  }
}

/**
 * Ends the per-attempt timeout of a response whose body was read as a stream (`response.body`), once the stream is
 * done or cancelled. Without it the timer would fire later on a finished response (harmless, but it holds the
 * attempt's state until then). A no-op for responses that did not come from a transport fetch.
 */
export function releaseResponse(response: Response): void {
  const release = (response as unknown as Record<PropertyKey, unknown>)[releaseKey];
  if (typeof release === "function") (release as () => void)();
}

function isPlainBody(body: unknown): body is string | Uint8Array | ArrayBuffer | null | undefined {
  return (
    body === null ||
    body === undefined ||
    typeof body === "string" ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer
  );
}

/** A body the transport cannot send as is (FormData, Blob, a stream...): let a real Request encode it once. */
function toFetchRequest(input: TransportRequest): Request {
  return new Request(input.url, {
    method: input.method,
    ...(input.headers ? { headers: input.headers } : {}),
    body: input.body,
    ...(input.signal ? { signal: input.signal } : {}),
  });
}

function headerRecord(source: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!source) return out;
  if (source instanceof Headers) {
    source.forEach((value, name) => {
      out[name] = value;
    });
  } else if (Array.isArray(source)) {
    new Headers(source).forEach((value, name) => {
      out[name] = value;
    });
  } else {
    for (const [name, value] of Object.entries(source)) {
      if (value !== undefined) out[name.toLowerCase()] = String(value);
    }
  }
  return out;
}

async function bufferedBody(request: TransportInput): Promise<string | Uint8Array<ArrayBuffer> | undefined> {
  if (request instanceof Request) {
    return request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  }
  const body = request.body;
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return body as Uint8Array<ArrayBuffer>;
  return new Uint8Array(body as ArrayBuffer);
}

/**
 * A redirect answered instead of the API: never followed and never a success. Following it would send the request
 * (and its credentials) somewhere nobody configured, and treating it as a success would take a missing body for an
 * empty document or an upload that never landed for a done one. Not retried within the call (the same request gets
 * the same redirect); the caller's next run tries again. The target is named without its query string, which may
 * hold a signature or a token.
 */
async function redirectError(
  response: Response,
  method: string,
  url: URL,
  secrets: readonly string[] | undefined,
): Promise<ConnectorError> {
  await response.body?.cancel().catch(() => {});
  releaseResponse(response);
  const location = response.headers.get("location");
  let target = "";
  if (location) {
    try {
      const resolved = new URL(location, url);
      const where = `${resolved.origin === url.origin ? "" : resolved.origin}${resolved.pathname}`;
      target = ` to ${redactText(where, secrets).slice(0, 300)}`;
    } catch {
      target = " to an unreadable location";
    }
  }
  return new ConnectorError(
    `${method} ${url.pathname} was answered with HTTP ${response.status}, a redirect${target}: redirects are never followed, so nothing was read or written. The base URL may be out of date, or a proxy or gateway may be answering instead of the API.`,
    {
      kind: "server",
      status: response.status,
      retryable: false,
      requestId: requestIdHeaders.map((name) => response.headers.get(name)).find((value) => value) ?? undefined,
      details: { redirect: true, ...(target ? { location: target.slice(4) } : {}) },
    },
  );
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
