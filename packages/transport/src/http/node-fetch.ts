import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { type BodyWatcher, NodeResponse } from "./node-response.js";
import { type ProxyEnvironment, type ProxyOptions, proxyFor, type ResolvedProxy } from "./proxy.js";

export interface NodeFetchOptions {
  /** Sockets kept per origin. Default 8. */
  maxSockets?: number | undefined;
  /** How long an idle kept-alive socket stays open. Default 4 s. */
  idleSocketTimeoutMs?: number | undefined;
  /** The proxy (`proxy`, `noProxy`); left out, HTTPS_PROXY/HTTP_PROXY/NO_PROXY decide (see proxy.ts). */
  proxy?: ProxyOptions | undefined;
  /** Where the proxy variables are read. Default: process.env. */
  env?: ProxyEnvironment | undefined;
  /**
   * Certificates trusted for https servers, replacing Node's list (tests; a TLS-inspecting proxy's CA is better given
   * to Node with NODE_EXTRA_CA_CERTS, which adds to the list).
   */
  ca?: string | Buffer | undefined;
}

/** How requests to one origin travel: straight, through a CONNECT tunnel, or as absolute-form requests to a proxy. */
interface Route {
  readonly agent: http.Agent;
  readonly secure: boolean;
  /** Where node:http connects for a direct request (parsed once per origin, not once per request). */
  readonly hostname: string;
  readonly port: string;
  readonly auth: string | undefined;
  /** The Host header node:http would write (`new URL(origin).host`: brackets kept, a default port left out). */
  readonly hostHeader: string;
  /** The TLS server name node:http would work out from that Host header on every request: '' for an IP address. */
  readonly servername: string;
  /** `Basic ...` for a URL's user and password (`auth`), as node:http would write it. */
  readonly basicAuthorization: string | undefined;
  /** The proxy for a plain http origin (absolute-form requests), else undefined. */
  readonly forward: ResolvedProxy | undefined;
  readonly proxy: ResolvedProxy | undefined;
}

/**
 * What the node:http path sends: a method, headers and a string or bytes body. The sender does not change `headers`
 * (a call's attempts all send the same record): what it adds (the authorization, the content-length) goes into the
 * header list it writes.
 */
export interface NodeSendInit {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** The Authorization header of this attempt, in place of any in `headers`. */
  authorization?: string | undefined;
}

/** How the one who sends a request ends it early (its timeout, its caller's signal) and learns when it is over. */
export interface SendControl extends BodyWatcher {
  /**
   * Set by the sender while the request is in flight: ends it (before the answer or in its body) with `reason`.
   * The sender sets it back to undefined when the request is over (failed, or its body received or dropped).
   */
  interrupt: ((reason: unknown) => void) | undefined;
}

/** Sends one request over node:http(s) and answers a NodeResponse (see node-response.ts). */
export type NodeSend = (url: string, init: NodeSendInit, control: SendControl) => Promise<NodeResponse>;

/**
 * The node:http(s) sender with keep-alive agents that the transport uses by default: a URL string (already
 * normalised, as `new URL(...).href` writes it), a method, record headers and a string or bytes body. It answers a
 * NodeResponse, not a fetch `Response` (see node-response.ts), and takes no AbortSignal: the transport ends a
 * request through `control.interrupt`, so an attempt needs no AbortController.
 */
export function createNodeSend(options: NodeFetchOptions = {}): NodeSend {
  // An idle socket is closed after 4 s (undici's default too) or before the server's Keep-Alive hint, whichever is
  // sooner (Node's agent reads the hint): a request then rarely meets a socket the server is closing.
  const idleMs = options.idleSocketTimeoutMs ?? 4_000;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8, scheduling: "lifo" as const };
  const httpAgent = guardIdleSockets(new http.Agent(agentOptions), idleMs);
  const httpsAgent = guardIdleSockets(
    new https.Agent({ ...agentOptions, ...(options.ca ? { ca: options.ca } : {}) }),
    idleMs,
  );
  const env = options.env ?? process.env;
  const proxyOptions = options.proxy ?? {};
  // Most installations have no proxy: their routes skip the proxy rules entirely.
  const mayProxy =
    proxyOptions.proxy === false
      ? false
      : Boolean(proxyOptions.proxy) ||
        ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"].some((name) =>
          env[name]?.trim(),
        );
  const routes = new Map<string, Route>();
  const routeOf = (origin: string): Route => {
    let route = routes.get(origin);
    if (route) return route;
    const url = new URL(origin);
    const secure = url.protocol === "https:";
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const auth =
      url.username || url.password
        ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
        : undefined;
    const direct = {
      secure,
      hostname,
      port: url.port,
      auth,
      hostHeader: url.host,
      servername: isIP(hostname) ? "" : hostname,
      basicAuthorization: auth === undefined ? undefined : `Basic ${Buffer.from(auth).toString("base64")}`,
    };
    const proxy = mayProxy ? proxyFor(url, proxyOptions, env) : undefined;
    if (!proxy) route = { ...direct, agent: secure ? httpsAgent : httpAgent, forward: undefined, proxy };
    else if (secure)
      route = {
        ...direct,
        agent: guardIdleSockets(new TunnelAgent(proxy, { ...agentOptions, ca: options.ca }), idleMs),
        forward: undefined,
        proxy,
      };
    else {
      const agent = guardIdleSockets(
        proxy.url.protocol === "https:" ? new https.Agent(agentOptions) : new http.Agent(agentOptions),
        idleMs,
      );
      route = { ...direct, agent, forward: proxy, proxy };
    }
    routes.set(origin, route);
    return route;
  };

  return (url, init, control) =>
    new Promise<NodeResponse>((resolve, reject) => {
      const { origin, path } = splitUrl(url);
      const route = routeOf(origin);
      const { method, headers, body } = init;
      // What the sender adds to `headers` (see NodeSendInit), each in place of the field of the same name.
      let contentLength: string | undefined;
      let contentType: string | undefined;
      if (body !== undefined) {
        contentLength = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
        if (typeof body === "string" && headers["content-type"] === undefined && !hasHeader(headers, "content-type")) {
          contentType = "text/plain;charset=UTF-8";
        }
      } else if (method === "POST" || method === "PUT" || method === "PATCH") {
        // As fetch does: an empty body has a length, not a chunked encoding.
        contentLength = "0";
      }
      const forward = route.forward;
      let request: http.ClientRequest;
      if (forward) {
        // Plain http through a proxy: the absolute URL as the request target, to the proxy's socket.
        const record = headerRecordWith(headers, init.authorization, contentLength, contentType);
        record.host = origin.slice(origin.indexOf("//") + 2);
        if (forward.authorization) record["proxy-authorization"] = forward.authorization;
        request = (forward.url.protocol === "https:" ? https : http).request({
          protocol: forward.url.protocol,
          hostname: forward.url.hostname.replace(/^\[|\]$/g, ""),
          port: forward.url.port || 443,
          path: `${origin}${path}`,
          method,
          headers: record,
          agent: route.agent,
        });
      } else {
        request = (route.secure ? https : http).request({
          hostname: route.hostname,
          port: route.port,
          // What node:http's agent would work out again from the Host header for every request.
          servername: route.servername,
          path,
          method,
          headers: headerList(headers, route, init.authorization, contentLength, contentType),
          agent: route.agent,
        });
      }
      const pending = new PendingAnswer(request, url, method, route, control, resolve, reject);
      (request as PendingRequest)[pendingKey] = pending;
      control.interrupt = pending.interruptRequest;
      request.on("error", onRequestError);
      request.on("response", onRequestResponse);
      request.end(body);
    });
}

/**
 * The request's headers as node:http's list form (name, value, name, value...), with what the sender adds (an
 * `authorization`, `contentLength` or `contentType` given replaces the field of that name), and the Host header and a
 * URL's basic credentials as node:http adds them to a record: the same bytes on the wire. A record makes node:http call
 * setHeader for each field (a lower-cased copy of its name and a pair per field, kept for getHeader) and look some up
 * again; a list is written as it is, each field validated once as well. Names are in lower case (see NodeSendInit).
 */
function headerList(
  headers: Record<string, string>,
  route: Route,
  authorization: string | undefined,
  contentLength: string | undefined,
  contentType: string | undefined,
): string[] {
  const list: string[] = [];
  for (const name in headers) {
    if (
      (authorization !== undefined && name === "authorization") ||
      (contentLength !== undefined && name === "content-length")
    ) {
      continue;
    }
    list.push(name, headers[name] as string);
  }
  if (authorization !== undefined) list.push("authorization", authorization);
  if (contentLength !== undefined) list.push("content-length", contentLength);
  if (contentType !== undefined) list.push("content-type", contentType);
  if (headers.host === undefined) list.push("Host", route.hostHeader);
  if (route.basicAuthorization !== undefined && authorization === undefined && headers.authorization === undefined) {
    list.push("Authorization", route.basicAuthorization);
  }
  return list;
}

/** A copy of `headers` with what the sender adds (see headerList), for node:http's record form. */
function headerRecordWith(
  headers: Record<string, string>,
  authorization: string | undefined,
  contentLength: string | undefined,
  contentType: string | undefined,
): Record<string, string> {
  const record: Record<string, string> = Object.assign({}, headers);
  if (authorization !== undefined) record.authorization = authorization;
  if (contentLength !== undefined) record["content-length"] = contentLength;
  if (contentType !== undefined) record["content-type"] = contentType;
  return record;
}

/**
 * Makes `agent` close a kept-alive socket that stays idle for `idleMs` (sooner when the server's Keep-Alive hint says
 * so). Node's agent does it with its `timeout` option, but that option also makes node:http add a socket 'timeout'
 * listener on every request, remove it twice when the answer ends, and take the socket's timer down and up again:
 * the largest cost of a request beyond a bare one. Here the timeout is set only when the agent keeps a freed socket,
 * so the timer is set once per socket and stays armed: a socket in use times out only into the agent's own listener,
 * which closes sockets in the free list and nothing else.
 *
 * This is Node's own keepSocketAlive with that timeout, except for where the hint comes from: Node reads it from the
 * reply's `headers`, which builds the reply's whole header object (every field looked up and copied) for that one
 * field, a sixth of the CPU node:http spends on a reply. The reply's raw list is read for it instead (see
 * onRequestResponse).
 */
function guardIdleSockets<A extends http.Agent>(agent: A, idleMs: number): A {
  agent.keepSocketAlive = (socket: HintedSocket) => {
    socket.setKeepAlive(true, KEEP_ALIVE_PROBE_MS);
    socket.unref();
    const hint = socket[keepAliveHintKey];
    if (hint === 0) return false;
    const timeout = hint !== undefined && hint < idleMs ? hint : idleMs;
    if (socket.timeout !== timeout) socket.setTimeout(timeout);
    return true;
  };
  return agent;
}

/** The TCP keep-alive probe delay Node's agent sets on a kept socket (its `keepAliveMsecs` default). */
const KEEP_ALIVE_PROBE_MS = 1_000;

/**
 * On a socket: how long it may stay idle by its last reply's Keep-Alive hint, a second less than the hint as Node's
 * agent does (0: not kept at all), or undefined without a hint.
 */
const keepAliveHintKey = Symbol("ml-connector.transport.keep-alive-hint");
type HintedSocket = Duplex & {
  timeout?: number | undefined;
  setKeepAlive(enable: boolean, delayMs: number): unknown;
  unref(): unknown;
  setTimeout(ms: number): unknown;
  [keepAliveHintKey]?: number | undefined;
};

/** The idle time a reply's `Keep-Alive: timeout=<s>` allows (see keepAliveHintKey), from its raw header list. */
function keepAliveHintMs(rawHeaders: readonly string[]): number | undefined {
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (name.length !== 10 || (name !== "Keep-Alive" && name.toLowerCase() !== "keep-alive")) continue;
    const value = rawHeaders[index + 1] as string;
    // A server sends the same hint on every reply: it is parsed once.
    if (value !== lastKeepAlive.value) {
      const seconds = /^timeout=(\d+)/.exec(value)?.[1];
      lastKeepAlive.value = value;
      lastKeepAlive.ms = seconds === undefined ? undefined : Math.max(0, Number.parseInt(seconds, 10) * 1000 - 1000);
    }
    return lastKeepAlive.ms;
  }
  return undefined;
}

/** The last Keep-Alive value keepAliveHintMs parsed, and its hint. */
const lastKeepAlive: { value: string | undefined; ms: number | undefined } = { value: undefined, ms: undefined };

/** On a request in flight: who waits for its answer, until it comes or the request fails. */
const pendingKey = Symbol("ml-connector.transport.pending");
type PendingRequest = http.ClientRequest & { [pendingKey]?: PendingAnswer | undefined };

/**
 * Who waits for one request's answer. The request's listeners are shared functions that find it through the request,
 * which lets go of it once it is answered or has failed: a request (promoted to the old generation, then dead until
 * V8's next full collection) that held its listeners' closures kept its reply and caller alive through every
 * young-generation collection, and most of each request was promoted with them (see NodeResponse).
 */
class PendingAnswer {
  answered = false;
  response: NodeResponse | undefined = undefined;
  /**
   * `control.interrupt` while the request is in flight. Made here rather than as an arrow in the promise executor of
   * `createNodeSend`, which would share the executor's scope (the request, its options, resolve and reject): with
   * that arrow, orders-in promoted 11.4 KB per 850 to the old generation instead of 7.1 (`src/profile/gc-trace.ts` of
   * the benchmarks, 3,000 POs), and the old generation's peak grew with it (docs/performance.md, memory).
   */
  readonly interruptRequest: (reason: unknown) => void;

  constructor(
    readonly request: http.ClientRequest,
    readonly url: string,
    readonly method: string,
    readonly route: Route,
    readonly control: SendControl,
    readonly resolve: (response: NodeResponse) => void,
    readonly reject: (reason: unknown) => void,
  ) {
    // Bound, not an arrow: a closure would need a context of its own for `this`.
    this.interruptRequest = this.interrupt.bind(this);
  }

  /** Answered, failed or ended: later events of the request find nobody. */
  answer(): void {
    this.answered = true;
    (this.request as PendingRequest)[pendingKey] = undefined;
  }

  interrupt(reason: unknown): void {
    if (this.response) {
      this.response.interrupt(reason);
      return;
    }
    if (this.answered) return;
    this.answer();
    this.control.interrupt = undefined;
    this.reject(reason);
    this.request.destroy();
  }
}

function onRequestError(this: PendingRequest, error: Error): void {
  // Nobody once the request is answered or has failed (`answer` lets go of it).
  const pending = this[pendingKey];
  if (!pending) return;
  pending.answer();
  pending.control.interrupt = undefined;
  const proxy = pending.route.proxy;
  const cause =
    proxy && !(error as ProxyError).proxyError
      ? new Error(`${error.message} (through the proxy ${proxy.display})`, { cause: error })
      : error;
  pending.reject(new TypeError("fetch failed", { cause }));
}

function onRequestResponse(this: PendingRequest, incoming: http.IncomingMessage): void {
  const pending = this[pendingKey];
  if (!pending) {
    incoming.destroy();
    return;
  }
  pending.answer();
  const socket = incoming.socket as HintedSocket | null;
  if (socket) socket[keepAliveHintKey] = keepAliveHintMs(incoming.rawHeaders);
  const status = incoming.statusCode ?? 0;
  if (status < 200 || status > 599) {
    // Not a status a fetch Response can hold.
    pending.control.interrupt = undefined;
    this.destroy();
    pending.reject(new TypeError(`fetch failed: the server answered with HTTP status ${status}`));
    return;
  }
  const hasBody = !(status === 204 || status === 304 || pending.method === "HEAD");
  pending.response = new NodeResponse(pending.url, incoming, hasBody, pending.control);
  pending.resolve(pending.response);
}

/**
 * A `fetch` over node:http(s) with keep-alive agents: a URL string and a plain init (method, record headers, a string
 * or bytes body, a signal, `redirect: "manual"`). It answers a real `Response` whose body streams the socket's data,
 * without the WHATWG fetch machinery that Node's global fetch (undici) runs per request. Anything else (a `Request`
 * input, other body types, `redirect: "follow"`) goes to the global fetch. The transport itself does not go through
 * this `fetch` by default: it uses the sender underneath (createNodeSend) and never builds a `Response`.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  const send = createNodeSend(options);
  return ((input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const body = init.body;
    if (
      typeof input !== "string" ||
      init.redirect !== "manual" ||
      !(body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array) ||
      !(init.headers === undefined || isRecord(init.headers))
    ) {
      return globalThis.fetch(input, init);
    }
    let href: string;
    try {
      href = new URL(input).href;
    } catch {
      return globalThis.fetch(input, init);
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const onAbort = () => control.interrupt?.(abortError(signal));
    const control: SendControl = {
      interrupt: undefined,
      settled() {
        signal?.removeEventListener("abort", onAbort);
      },
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    // Names in lower case, as the sender takes them (the last of two spellings wins, as with node:http's setHeader).
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
    return send(href, { method: init.method ?? "GET", headers, body: body ?? undefined }, control).then(
      (reply) => reply.toResponse(),
      (error: unknown) => {
        control.settled();
        throw error;
      },
    );
  }) as typeof fetch;
}

/** The origin (`scheme://authority`) and the request target (path and query, no fragment) of an absolute URL. */
function splitUrl(url: string): { origin: string; path: string } {
  const authority = url.indexOf("//") + 2;
  let end = authority;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    end++;
  }
  let path = url.slice(end);
  const hash = path.indexOf("#");
  if (hash >= 0) path = path.slice(0, hash);
  if (!path.startsWith("/")) path = `/${path}`;
  return { origin: url.slice(0, end), path };
}

/** An error raised while opening a tunnel; its message already names the proxy. */
type ProxyError = Error & { proxyError?: true };

function proxyError(message: string, cause?: unknown): ProxyError {
  return Object.assign(new Error(message, cause === undefined ? {} : { cause }), { proxyError: true as const });
}

/**
 * An https agent whose sockets are CONNECT tunnels through a proxy, TLS to the origin inside. Each tunnel is one
 * kept-alive socket of the agent's pool, so requests reuse tunnels the way they reuse direct connections.
 */
class TunnelAgent extends https.Agent {
  readonly #proxy: ResolvedProxy;

  constructor(proxy: ResolvedProxy, options: https.AgentOptions) {
    super(options);
    this.#proxy = proxy;
  }

  // Node's Agent accepts a socket handed to the callback later (the tunnel needs a round trip first).
  override createConnection(
    options: tls.ConnectionOptions & { host?: string; port?: number | string },
    callback: (error: Error | null, socket?: Duplex) => void,
  ): Duplex | undefined {
    const proxy = this.#proxy;
    const authority = `${options.host}:${options.port ?? 443}`;
    const connect = (proxy.url.protocol === "https:" ? https : http).request({
      protocol: proxy.url.protocol,
      hostname: proxy.url.hostname.replace(/^\[|\]$/g, ""),
      port: proxy.url.port || 443,
      method: "CONNECT",
      path: authority,
      headers: { host: authority, ...(proxy.authorization ? { "proxy-authorization": proxy.authorization } : {}) },
      agent: false,
    });
    connect.once("connect", (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        callback(
          proxyError(
            `the proxy ${proxy.display} refused the tunnel to ${authority} with HTTP ${response.statusCode} ${response.statusMessage ?? ""}`.trim(),
          ),
        );
        return;
      }
      const secured = tls.connect({ ...options, socket, servername: options.servername ?? options.host });
      callback(null, secured);
    });
    connect.once("error", (error) => {
      callback(proxyError(`could not reach the proxy ${proxy.display}: ${error.message}`, error));
    });
    connect.end();
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function abortError(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException("This operation was aborted", "AbortError");
}
