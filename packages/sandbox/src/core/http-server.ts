import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RequestCounters } from "./counters.js";
import { FaultInjector } from "./faults.js";
import type { Router, SandboxResponse } from "./router.js";

export interface StartHttpServerOptions {
  router: Router;
  faults?: FaultInjector | undefined;
  counters?: RequestCounters | undefined;
  /** Default 127.0.0.1: the simulators never listen beyond loopback. */
  host?: string | undefined;
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Request bodies larger than this get 413. Default 64 MB. */
  maxBodyBytes?: number | undefined;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  faults: FaultInjector;
  counters: RequestCounters;
  close(): Promise<void>;
}

/** Serves a Router over real HTTP on loopback, with request counting and fault injection in front of every route. */
export async function startHttpServer(options: StartHttpServerOptions): Promise<RunningHttpServer> {
  const faults = options.faults ?? new FaultInjector();
  const counters = options.counters ?? new RequestCounters();
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const host = options.host ?? "127.0.0.1";

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: "sandbox_error", message: String(error) } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${host}`);
    const method = (req.method ?? "GET").toUpperCase();
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      send(res, { status: 400, body: { error: "bad_request", message: "Malformed path encoding." } });
      return;
    }
    const matched = options.router.match(method, path);
    const routeName = matched?.route.name ?? "unmatched";
    counters.increment(routeName);

    const body = await readBody(req, maxBodyBytes);
    if (body === undefined) {
      send(res, { status: 413, body: { error: "payload_too_large" } });
      return;
    }

    const fault = faults.pick(routeName, method);
    if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault?.reset) {
      req.socket.destroy();
      return;
    }
    if (fault?.anomaly === "redirect" || fault?.anomaly === "no-content" || fault?.anomaly === "html-page") {
      send(res, anomalyAnswer(fault.anomaly, url.pathname));
      return;
    }
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      send(res, {
        status: fault.status,
        headers,
        body: fault.body ?? { error: "injected_fault", message: `Injected ${fault.status} on ${routeName}.` },
      });
      return;
    }

    if (!matched) {
      send(res, { status: 404, body: { error: "not_found", message: `No route for ${method} ${path}.` } });
      return;
    }
    const response = await matched.route.handler({
      method,
      path,
      url,
      query: url.searchParams,
      headers: req.headers,
      params: matched.params,
      body,
      route: routeName,
    });
    if (fault?.resetAfterHandler) {
      req.socket.destroy();
      return;
    }
    if (fault?.anomaly === "wrong-length" || fault?.anomaly === "truncated") {
      sendBroken(res, response, fault.anomaly);
      return;
    }
    send(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    port,
    faults,
    counters,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const { headers, payload } = encode(response);
  // As real servers do for a body they hold whole: its length up front (writeHead alone would send it chunked).
  if (payload !== undefined && response.status !== 204 && response.status !== 304) {
    headers["content-length"] ??= String(typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength);
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

function encode(response: SandboxResponse): {
  headers: Record<string, string>;
  payload: string | Uint8Array | undefined;
} {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | Uint8Array | undefined;
  if (response.body === undefined || response.body === null) payload = undefined;
  else if (typeof response.body === "string" || response.body instanceof Uint8Array) payload = response.body;
  else {
    payload = JSON.stringify(response.body);
    headers["content-type"] ??= "application/json";
  }
  return { headers, payload };
}

/** The anomalies answered instead of the real handler. */
function anomalyAnswer(anomaly: "redirect" | "no-content" | "html-page", pathname: string): SandboxResponse {
  if (anomaly === "redirect") {
    return { status: 302, headers: { location: `https://moved.sandbox.invalid${pathname}` }, body: "" };
  }
  if (anomaly === "no-content") return { status: 204, body: "" };
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>",
  };
}

/** The real answer, sent broken: whole under too large a Content-Length, or cut in half; then the socket goes. */
function sendBroken(res: ServerResponse, response: SandboxResponse, anomaly: "wrong-length" | "truncated"): void {
  const { headers, payload } = encode(response);
  const bytes = typeof payload === "string" ? Buffer.from(payload) : Buffer.from(payload ?? new Uint8Array(0));
  if (anomaly === "wrong-length") {
    res.writeHead(response.status, { ...headers, "content-length": String(bytes.length + Math.max(1, bytes.length)) });
    res.write(bytes, () => res.socket?.end());
    return;
  }
  // No Content-Length: chunked, and the final chunk never comes.
  res.writeHead(response.status, headers);
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}
