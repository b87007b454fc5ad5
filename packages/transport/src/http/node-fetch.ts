import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import tls from "node:tls";
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
  /** The proxy for a plain http origin (absolute-form requests), else undefined. */
  readonly forward: ResolvedProxy | undefined;
  readonly proxy: ResolvedProxy | undefined;
}

/**
 * A `fetch` over node:http(s) with keep-alive agents, for the transport's own calls: a URL string and a plain init
 * (method, record headers, a string or bytes body, a signal, `redirect: "manual"`). It answers a real `Response`
 * whose body streams the socket's data, without the WHATWG fetch machinery that Node's global fetch (undici) runs
 * per request: the connector's CPU per request was mostly there. Anything else (a `Request` input, other body
 * types, `redirect: "follow"`) goes to the global fetch.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  // An idle socket is closed after 4 s (undici's default too) or before the server's Keep-Alive hint, whichever is
  // sooner (Node's agent reads the hint): a request then rarely meets a socket the server is closing.
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 8,
    timeout: options.idleSocketTimeoutMs ?? 4_000,
    scheduling: "lifo" as const,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent({ ...agentOptions, ...(options.ca ? { ca: options.ca } : {}) });
  const env = options.env ?? process.env;
  const proxyOptions = options.proxy ?? {};
  // Most installations have no proxy: their requests skip the routing below entirely.
  const mayProxy =
    proxyOptions.proxy === false
      ? false
      : Boolean(proxyOptions.proxy) ||
        ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"].some((name) =>
          env[name]?.trim(),
        );
  const routes = new Map<string, Route>();
  const routeOf = (input: string, secure: boolean): Route => {
    const slash = input.indexOf("/", input.indexOf("//") + 2);
    const origin = slash < 0 ? input : input.slice(0, slash);
    let route = routes.get(origin);
    if (!route) {
      const proxy = proxyFor(new URL(origin), proxyOptions, env);
      if (!proxy) route = { agent: secure ? httpsAgent : httpAgent, forward: undefined, proxy };
      else if (secure)
        route = { agent: new TunnelAgent(proxy, { ...agentOptions, ca: options.ca }), forward: undefined, proxy };
      else {
        const agent = proxy.url.protocol === "https:" ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
        route = { agent, forward: proxy, proxy };
      }
      routes.set(origin, route);
    }
    return route;
  };

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
    const signal = init.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const secure = input.startsWith("https:");
      const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
      if (body !== undefined && body !== null) {
        headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
        if (typeof body === "string" && !hasHeader(headers, "content-type")) {
          headers["content-type"] = "text/plain;charset=UTF-8";
        }
      } else if (init.method === "POST" || init.method === "PUT" || init.method === "PATCH") {
        // As fetch does: an empty body has a length, not a chunked encoding.
        headers["content-length"] = "0";
      }
      const route = mayProxy ? routeOf(input, secure) : undefined;
      const forward = route?.forward;
      let request: http.ClientRequest;
      if (forward) {
        // Plain http through a proxy: the absolute URL as the request target, to the proxy's socket.
        headers.host = input.slice(input.indexOf("//") + 2).split("/")[0] as string;
        if (forward.authorization) headers["proxy-authorization"] = forward.authorization;
        request = (forward.url.protocol === "https:" ? https : http).request({
          protocol: forward.url.protocol,
          hostname: forward.url.hostname.replace(/^\[|\]$/g, ""),
          port: forward.url.port || 443,
          path: input,
          method: init.method ?? "GET",
          headers,
          agent: route.agent,
        });
      } else {
        request = (secure ? https : http).request(input, {
          method: init.method ?? "GET",
          headers,
          agent: route?.agent ?? (secure ? httpsAgent : httpAgent),
        });
      }
      let settled = false;
      let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
      const onAbort = () => {
        const error = abortError(signal);
        request.destroy(error as Error);
        if (!settled) {
          settled = true;
          reject(error);
        } else stream?.error(error);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      request.on("error", (error) => {
        done();
        if (!settled) {
          settled = true;
          const proxy = route?.proxy;
          const cause =
            proxy && !(error as ProxyError).proxyError
              ? new Error(`${error.message} (through the proxy ${proxy.display})`, { cause: error })
              : error;
          reject(new TypeError("fetch failed", { cause }));
        }
      });
      request.on("response", (incoming) => {
        settled = true;
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) {
          // `new Response` cannot hold it (and would throw in this event handler).
          done();
          request.destroy();
          reject(new TypeError(`fetch failed: the server answered with HTTP status ${status}`));
          return;
        }
        const responseHeaders = new Headers();
        const raw = incoming.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) responseHeaders.append(raw[i] as string, raw[i + 1] as string);
        const noBody = status === 204 || status === 304 || init.method === "HEAD";
        if (noBody) {
          incoming.resume();
          incoming.on("end", done);
          resolve(new Response(null, { status, statusText: incoming.statusMessage ?? "", headers: responseHeaders }));
          return;
        }
        const readable = new ReadableStream<Uint8Array>({
          start(controller) {
            stream = controller;
            incoming.on("data", (chunk: Buffer) => {
              controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
              if ((controller.desiredSize ?? 1) <= 0) incoming.pause();
            });
            let ended = false;
            incoming.on("end", () => {
              ended = true;
              done();
              controller.close();
            });
            const fail = (error: Error) => {
              if (ended) return;
              ended = true;
              done();
              controller.error(new TypeError("terminated", { cause: error }));
            };
            incoming.on("error", fail);
            // A socket closed before the body's end, with or without an error event.
            incoming.on("close", () => fail(new Error("the connection closed before the end of the body")));
          },
          pull() {
            incoming.resume();
          },
          cancel() {
            done();
            incoming.destroy();
          },
        });
        resolve(new Response(readable, { status, statusText: incoming.statusMessage ?? "", headers: responseHeaders }));
      });
      request.end(body ?? undefined);
    });
  }) as typeof fetch;
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
