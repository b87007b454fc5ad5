import pLimit from "p-limit";
import type { AuthStrategy } from "../auth/auth-strategy.js";
import { ConnectorError, errorKindForStatus, isConnectorError } from "../errors/connector-error.js";
import { createSafeLogger, type Logger } from "../logging/logger.js";
import { redactText } from "../logging/redact.js";
import {
  firstAttemptResult,
  parseRetryAfter,
  type RetryAttemptInfo,
  type RetryOptions,
  retryAfterFirstAttempt,
  type WithRetryOptions,
  withRetry,
} from "../retry/retry-policy.js";
import { readBodyWithin, takeBodyLimit } from "./body-limit.js";
import { createNodeSend, type NodeSend, type SendControl } from "./node-fetch.js";
import { NodeResponse, releaseKey } from "./node-response.js";
import type { ProxyOptions } from "./proxy.js";
import { type TransportInput, TransportRequest } from "./transport-request.js";

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
  /**
   * Headers every request carries unless it sets them itself (a client's `accept`). Given here rather than to
   * openapi-fetch's `createClient`, which copies its `headers` into a new `Headers` on every call (twice for a call
   * with a body).
   */
  headers?: Record<string, string> | undefined;
}

/**
 * A request header that marks a non-GET request as safe to repeat (`true`: an upload that overwrites by path), or a
 * PUT as not safe to repeat (`false`: an api1 `$edit` that appends lines would append them again).
 * It is read and removed by the transport; it never goes on the wire.
 */
export const IDEMPOTENT_HEADER = "x-ml-connector-idempotent";

const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);
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
 * It takes a `Request` or the lighter TransportRequest (see transport-request.ts) and sends it once per attempt.
 * Each attempt has one timer: it ends the attempt when it outlives `timeoutMs`, reading the body included, and is
 * cleared once the body has been received (a caller reading `response.body` as a stream calls `releaseResponse` when
 * done). The caller's signal ends the attempt through the one listener the transport keeps on that signal (see
 * attemptsBySignal).
 *
 * By default the requests go over node:http (createNodeSend): the reply is a NodeResponse, shaped like the part of a
 * `Response` openapi-fetch and the clients read, and the attempt is ended without an AbortController. With an
 * injected `fetch`, each attempt gives it one AbortController's signal and returns its `Response` as it is.
 * (`AbortSignal.timeout` + `AbortSignal.any` per attempt did the same at a far higher cost, and kept each attempt's
 * signals and listeners alive until the 30 s timer fired or a full GC ran.)
 */
export function createTransportFetch(options: TransportOptions): (input: TransportInput) => Promise<Response> {
  const base = new URL(options.baseUrl);
  const fetchImpl = options.fetch;
  const context: TransportContext = {
    options,
    origin: base.origin,
    fetch: fetchImpl,
    // Default: node:http(s) with keep-alive agents (node-fetch.ts), a socket per request in flight at most.
    nodeSend: fetchImpl ? undefined : createNodeSend({ maxSockets: options.maxConcurrency ?? 8, proxy: options.proxy }),
    timeoutMs: options.timeoutMs ?? 30_000,
    toError: options.toError ?? defaultErrorFactory,
    logger: createSafeLogger(options.logger, () => options.auth?.secrets() ?? []),
  };
  const limit = pLimit(options.maxConcurrency ?? 8);
  const defaultHeaders = Object.entries(options.headers ?? {}).map(([name, value]): [string, string] => [
    name.toLowerCase(),
    value,
  ]);

  // Not an async function: a call is one promise from p-limit on, with no layer of its own on the way.
  return (input: TransportInput): Promise<Response> => {
    try {
      const href = sameOriginHref(input.url, context.origin);
      if (href === undefined) {
        throw new ConnectorError(
          `Refused a request to ${originOf(input.url)}: this client only talks to ${context.origin}.`,
          { kind: "security" },
        );
      }
      const request = isFetchRequest(input) || isPlainBody(input.body) ? input : toFetchRequest(input);
      const headers = headerRecord(request.headers);
      const marked = headers[IDEMPOTENT_HEADER];
      if (marked !== undefined) delete headers[IDEMPOTENT_HEADER];
      const maxBodyBytes = takeBodyLimit(headers);
      if (options.userAgent) headers["user-agent"] = options.userAgent;
      for (const [name, value] of defaultHeaders) headers[name] ??= value;
      const method = request.method.toUpperCase();
      const idempotent = marked === "false" ? false : marked === "true" || idempotentMethods.has(method);
      const call = new TransportCall(context, href, method, headers, idempotent, request.signal, maxBodyBytes);
      // No closure per call: a string or bytes body goes as it is, and a Request's is buffered first, once, so that
      // every attempt can send the same bytes.
      if (!isFetchRequest(request)) {
        call.body = plainBody(request.body);
        return limit(runCall, call);
      }
      return bufferedRequestBody(request).then((body) => {
        call.body = body;
        return limit(runCall, call);
      });
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** What every call of one transport shares. */
interface TransportContext {
  readonly options: TransportOptions;
  readonly origin: string;
  readonly fetch: typeof fetch | undefined;
  readonly nodeSend: NodeSend | undefined;
  readonly timeoutMs: number;
  readonly toError: ErrorFactory;
  readonly logger: Logger;
}

/** One call to the transport with its attempts. It is its own WithRetryOptions, so a call allocates no closures. */
class TransportCall implements WithRetryOptions {
  readonly retry: RetryOptions | undefined;
  readonly signal: AbortSignal | undefined;
  /** What every attempt sends, set before the call enters the limiter. */
  body: string | Uint8Array<ArrayBuffer> | undefined = undefined;

  constructor(
    readonly context: TransportContext,
    readonly href: string,
    readonly method: string,
    readonly headers: Record<string, string>,
    readonly idempotent: boolean,
    signal: AbortSignal | null | undefined,
    readonly maxBodyBytes: number | undefined,
  ) {
    this.retry = context.options.retry;
    this.signal = signal ?? undefined;
  }

  /** Whether the request changes something on the server: a timed-out write is not repeated (see `withRetry`). */
  get write(): boolean {
    return !readMethods.has(this.method);
  }

  /** For messages only: the path, without the query string (it can hold codes or filters). */
  get path(): string {
    return pathOf(this.href);
  }

  /**
   * The call: its first attempt, and p-retry's loop only after it failed (see `withRetry`). When the token is at hand
   * (or there is no auth), the first attempt's own continuation (in `send`) answers the call as withRetry would, so
   * that a call that succeeds at once makes no continuation, closure or promise of the retry policy's.
   */
  run(): Promise<Response> {
    const { auth } = this.context.options;
    const header = auth?.current?.();
    if (auth !== undefined && header === undefined) return withRetry((): Promise<Response> => this.attempt(), this);
    const signal = this.signal;
    if (signal?.aborted) return Promise.reject(this.finalError(signal.reason));
    return this.send(header, auth !== undefined, true);
  }

  /** The retries after a failed first attempt, as `withRetry` makes them. */
  retryAfterFirst(error: unknown): Promise<Response> {
    return retryAfterFirstAttempt(error, (): Promise<Response> => this.attempt(), this);
  }

  /** What the call throws when it fails: a ConnectorError, or the error that ended it early (see `withRetry`). */
  finalError(error: unknown): unknown {
    if (isConnectorError(error)) return error;
    if (this.signal?.aborted) return cancelled(this.method, this.path, error);
    return error;
  }

  /** A response that came after the caller aborted: its body is dropped and its attempt released. */
  discard(response: unknown): void {
    void discardBody(response as Response);
  }

  onRetry({ attempt, delayMs, error }: RetryAttemptInfo): void {
    this.context.logger.warn(
      { method: this.method, path: this.path, attempt, delayMs, kind: error.kind, status: error.status },
      "retrying request",
    );
  }

  /**
   * One attempt: authorised, sent, and its answer checked, in one promise continuation when the token is at hand and
   * the answer is a success (the common case); a 401 refreshes the token and sends once more.
   */
  attempt(): Promise<Response> {
    const { auth } = this.context.options;
    if (auth === undefined) return this.send(undefined, false);
    const header = auth.current?.();
    if (header !== undefined) return this.send(header, true);
    return auth.authorize().then((authorized) => this.send(authorized, true));
  }

  /**
   * Sends once with `authHeader`; `mayRefresh`: a 401 may still refresh the token and send again (once). `first`: this
   * is the call's first attempt, sent by `run` rather than through `withRetry`: its continuation also does what
   * withRetry does after a first attempt (the caller's abort checked on success, the retries after a failure).
   */
  send(authHeader: string | undefined, mayRefresh: boolean, first = false): Promise<Response> {
    const { context, method, signal } = this;
    if (signal?.aborted) return Promise.reject(cancelled(method, this.path, signal.reason));
    const attempt = new Attempt(context.timeoutMs, signal, this.maxBodyBytes);
    let sent: Promise<Response>;
    try {
      // The call's headers go as they are: the sender adds the authorization (and content-length) to the header list
      // it writes, so an attempt copies no header record.
      sent = context.nodeSend
        ? (context.nodeSend(
            this.href,
            { method, headers: this.headers, body: this.body, authorization: authHeader || undefined },
            attempt,
          ) as unknown as Promise<Response>)
        : (context.fetch as typeof fetch)(this.href, {
            method,
            headers: fetchHeaders(this.headers, authHeader),
            body: this.body ?? null,
            signal: attempt.signal,
            redirect: "manual",
          }).then((response) => {
            releaseWhenRead(response, attempt);
            return response;
          });
    } catch (error) {
      sent = Promise.reject(error);
    }
    if (!first) {
      return sent.then(
        (response) => (response.ok ? response : this.notOk(response, authHeader, mayRefresh)),
        (error: unknown) => {
          throw this.unanswered(error, attempt);
        },
      );
    }
    return sent.then(
      (response) =>
        response.ok
          ? firstAttemptResult(response, this)
          : this.notOk(response, authHeader, mayRefresh).then(
              (answer) => firstAttemptResult(answer, this),
              (error: unknown) => this.retryAfterFirst(error),
            ),
      (error: unknown) => this.retryAfterFirst(this.unanswered(error, attempt)),
    );
  }

  /** A 401 (refreshed once), a redirect (never followed) or a failure: thrown as the call's error. */
  async notOk(response: Response, authHeader: string | undefined, mayRefresh: boolean): Promise<Response> {
    const { auth } = this.context.options;
    if (response.status === 401 && mayRefresh && auth && authHeader) {
      await discardBody(response);
      // One refresh and one retry: a token revoked or expired early.
      if (await auth.invalidate(authHeader)) return this.send(await auth.authorize(), false);
    }
    if (response.status >= 300 && response.status < 400)
      throw await redirectError(response, this.method, this.href, auth?.secrets());
    throw this.context.toError(await describeFailure(response, this.method, this.path));
  }

  /** The request got no answer: cancelled, timed out, or the connection failed. */
  unanswered(error: unknown, attempt: Attempt): ConnectorError {
    const { context, method, signal } = this;
    attempt.settled();
    if (signal?.aborted) return cancelled(method, this.path, signal.reason);
    if (attempt.timedOut) {
      return new ConnectorError(`${method} ${this.path} timed out after ${context.timeoutMs} ms.`, {
        kind: "timeout",
      });
    }
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
    return new ConnectorError(
      `${method} ${this.path} could not reach ${context.origin}: ${redactText(reason, context.options.auth?.secrets())}`,
      { kind: "connection" },
    );
  }
}

function runCall(call: TransportCall): Promise<Response> {
  return call.run();
}

function cancelled(method: string, path: string, cause: unknown): ConnectorError {
  return new ConnectorError(`${method} ${path} was cancelled.`, { kind: "cancelled", retryable: false, cause });
}

/**
 * `url` as `new URL(url).href` writes it when it is on `origin`, or undefined when it is not. The URLs openapi-fetch
 * builds from the base URL already are in that form (percent-encoded, no dot segments): they are checked with a
 * string comparison and two regular expressions, half the cost of parsing them; anything unusual is parsed.
 */
export function sameOriginHref(url: string, origin: string): string | undefined {
  if (
    url.startsWith(origin) &&
    url.charCodeAt(origin.length) === 47 /* / */ &&
    plainUrl.test(url) &&
    !dotSegment.test(url)
  ) {
    const query = url.indexOf("?");
    // In a query a quote is percent-encoded (in a path it stays as it is).
    return query < 0 || !url.includes("'", query)
      ? url
      : `${url.slice(0, query)}${url.slice(query).replaceAll("'", "%27")}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.origin === origin ? parsed.href : undefined;
}

/** Only characters `new URL` leaves as they are in a path and a query (a quote aside, see sameOriginHref). */
const plainUrl = /^[\w\-.~!$&()*+,;=:@/?%']*$/;
/** Dot segments, which the parser resolves (percent-encoded ones too). */
const dotSegment = /\/(?:\.|%2e)/i;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "an invalid URL";
  }
}

function pathOf(href: string): string {
  const start = href.indexOf("/", href.indexOf("//") + 2);
  if (start < 0) return "/";
  const query = href.indexOf("?", start);
  const hash = href.indexOf("#", start);
  const end = query >= 0 ? query : hash >= 0 ? hash : href.length;
  return href.slice(start, end);
}

/**
 * The attempts in flight on each caller's signal. A signal gets one abort listener of ours, added by its first attempt
 * and kept (it goes with the signal): an attempt joins and leaves a Set instead of adding and removing an EventTarget
 * listener per request, and a long-lived signal (a run's) never holds more than that one listener.
 */
const attemptsBySignal = new WeakMap<AbortSignal, Set<Attempt>>();

function onCallerAbort(this: AbortSignal): void {
  const attempts = attemptsBySignal.get(this);
  attemptsBySignal.delete(this);
  if (attempts) for (const attempt of attempts) attempt.end(this.reason);
}

/** Adds `attempt` to those `signal` ends, and answers their set (the attempt leaves it when settled). */
function watchCaller(signal: AbortSignal, attempt: Attempt): Set<Attempt> {
  let attempts = attemptsBySignal.get(signal);
  if (attempts === undefined) {
    attempts = new Set();
    attemptsBySignal.set(signal, attempts);
    signal.addEventListener("abort", onCallerAbort, { once: true });
  }
  attempts.add(attempt);
  return attempts;
}

/**
 * One attempt's end: its timeout and the caller's signal. Over node:http it ends the request through `interrupt`
 * (set by the sender); over an injected `fetch` through one AbortController, made only then. It joins the attempts
 * its caller's signal ends (see attemptsBySignal) and is its timer's argument: an attempt makes no closures.
 */
class Attempt implements SendControl {
  interrupt: ((reason: unknown) => void) | undefined = undefined;
  timedOut = false;
  readonly #timer: ReturnType<typeof setTimeout>;
  /** The attempts of the caller's signal, this one among them until it is settled. */
  #callerAttempts: Set<Attempt> | undefined;
  #controller: AbortController | undefined;

  constructor(
    timeoutMs: number,
    caller: AbortSignal | undefined,
    readonly maxBodyBytes: number | undefined,
  ) {
    this.#timer = setTimeout(onAttemptTimeout, timeoutMs, this);
    // Like AbortSignal.timeout: a pending attempt timer alone does not keep the process alive.
    this.#timer.unref?.();
    this.#callerAttempts = caller ? watchCaller(caller, this) : undefined;
  }

  /** The signal an injected fetch is given. */
  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }

  end(reason: unknown): void {
    this.#controller?.abort(reason);
    this.interrupt?.(reason);
  }

  /** Clears the timer and unhooks the caller's signal (idempotent). */
  settled(): void {
    clearTimeout(this.#timer);
    if (this.#callerAttempts) {
      this.#callerAttempts.delete(this);
      this.#callerAttempts = undefined;
    }
  }
}

function onAttemptTimeout(attempt: Attempt): void {
  attempt.timedOut = true;
  attempt.end(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
}

const bodyReaders = ["arrayBuffer", "blob", "bytes", "formData", "json", "text"] as const;

/**
 * Releases the attempt when the response's body has been read by one of its methods (at once when it is empty). With
 * a cap on the body (MAX_BODY_BYTES_HEADER), the methods that read it whole read at most that many bytes.
 */
function releaseWhenRead(response: Response, attempt: Attempt): void {
  if (response.body === null || response.headers.get("content-length") === "0") {
    // Nothing left to read (openapi-fetch does not read an empty body at all).
    attempt.settled();
    return;
  }
  const target = response as unknown as Record<PropertyKey, unknown>;
  const release = () => attempt.settled();
  target[releaseKey] = release;
  for (const name of bodyReaders) {
    const read = target[name];
    if (typeof read !== "function") continue;
    target[name] = function (this: Response) {
      return (read as () => Promise<unknown>).call(this).finally(release);
    };
  }
  const maxBodyBytes = attempt.maxBodyBytes;
  if (maxBodyBytes === undefined) return;
  const within = () => readBodyWithin(response, maxBodyBytes).finally(release);
  target.arrayBuffer = () => within().then((bytes) => bytes.buffer);
  target.bytes = within;
  target.text = () => within().then((bytes) => new TextDecoder().decode(bytes));
  target.json = () => within().then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown);
}

/**
 * Ends the per-attempt timeout of a response whose body was read as a stream (`response.body`), once the stream is
 * done or cancelled. Without it the timer would fire later on a finished response (harmless, but it holds the
 * attempt's state until then). A no-op for responses that did not come from a transport fetch.
 */
export function releaseResponse(response: Response): void {
  const release = (response as unknown as Record<PropertyKey, unknown>)[releaseKey];
  if (typeof release === "function") (release as () => void).call(response);
}

/** Drops a body nobody will read, and ends its attempt. */
async function discardBody(response: Response): Promise<void> {
  if (response instanceof NodeResponse) response.discard();
  else await response.body?.cancel().catch(() => {});
  releaseResponse(response);
}

/**
 * A fetch `Request` (a caller's own, or one toFetchRequest made). Our TransportRequest is checked first: reading the
 * global `Request` makes Node load its fetch implementation (undici), which the default transport does not need.
 */
function isFetchRequest(input: TransportInput): input is Request {
  return !(input instanceof TransportRequest) && input instanceof Request;
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
  if (Array.isArray(source)) {
    new Headers(source).forEach(copyHeader, out);
  } else if (!isPlainObject(source) && source instanceof Headers) {
    // A plain record is never a Headers: asked first, as reading `Headers` loads undici. openapi-fetch hands every
    // call's headers over as a Headers, read with one shared callback (no closure per call).
    source.forEach(copyHeader, out);
  } else {
    for (const [name, value] of Object.entries(source)) {
      if (value !== undefined) out[name.toLowerCase()] = String(value);
    }
  }
  return out;
}

function copyHeader(this: Record<string, string>, value: string, name: string): void {
  this[name] = value;
}

/**
 * An attempt's headers for an injected fetch: the call's, with `authHeader`. Copied with Object.assign, not spread: V8
 * gives a spread copy hidden-class data of its own, and each property added to it next allocated more of it in the
 * old generation (docs/performance.md, memory).
 */
function fetchHeaders(headers: Record<string, string>, authHeader: string | undefined): Record<string, string> {
  const copy: Record<string, string> = Object.assign({}, headers);
  if (authHeader) copy.authorization = authHeader;
  return copy;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function bufferedRequestBody(request: Request): Promise<Uint8Array<ArrayBuffer> | undefined> {
  return request.body === null
    ? Promise.resolve(undefined)
    : request.arrayBuffer().then((buffer) => new Uint8Array(buffer));
}

function plainBody(body: BodyInit | null): string | Uint8Array<ArrayBuffer> | undefined {
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
  href: string,
  secrets: readonly string[] | undefined,
): Promise<ConnectorError> {
  await discardBody(response);
  const url = new URL(href);
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
