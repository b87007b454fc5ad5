import http from "node:http";
import https from "node:https";

export interface NodeFetchOptions {
  /** Sockets kept per origin. Default 8. */
  maxSockets?: number | undefined;
  /** How long an idle kept-alive socket stays open. Default 4 s. */
  idleSocketTimeoutMs?: number | undefined;
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
  const httpsAgent = new https.Agent(agentOptions);

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
      const request = (secure ? https : http).request(input, {
        method: init.method ?? "GET",
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });
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
          reject(new TypeError("fetch failed", { cause: error }));
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

function isRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function abortError(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException("This operation was aborted", "AbortError");
}
