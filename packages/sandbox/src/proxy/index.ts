import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";

export interface ProxySandboxOptions {
  /** `user:password` the proxy requires (Proxy-Authorization: Basic); unset, it asks for none. */
  credentials?: string | undefined;
  /** Default 0: a free port. */
  port?: number | undefined;
}

export interface RunningProxySandbox {
  /** `http://127.0.0.1:{port}` (without credentials). */
  readonly url: string;
  readonly port: number;
  /** CONNECT tunnels opened (https through the proxy), by `host:port`. */
  readonly tunnels: string[];
  /** Plain http requests forwarded, as the absolute-form targets the proxy received. */
  readonly forwarded: string[];
  /** Requests refused with 407 (missing or wrong credentials). */
  readonly refused: number;
  close(): Promise<void>;
}

/**
 * A forward proxy on loopback, as corporate networks put in front of the internet: https through CONNECT tunnels,
 * plain http as absolute-form requests (RFC 9110/9112). It counts what went through it, so tests can prove that a
 * client used it (or did not).
 */
export async function startProxySandbox(options: ProxySandboxOptions = {}): Promise<RunningProxySandbox> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  let refused = 0;
  const expected = options.credentials ? `Basic ${Buffer.from(options.credentials).toString("base64")}` : undefined;
  const authorized = (request: http.IncomingMessage) =>
    expected === undefined || request.headers["proxy-authorization"] === expected;
  const sockets = new Set<net.Socket>();

  const server = http.createServer((request, response) => {
    if (!authorized(request)) {
      refused += 1;
      response.writeHead(407, { "proxy-authenticate": 'Basic realm="proxy"', "content-length": "0" }).end();
      return;
    }
    const target = request.url ?? "";
    if (!/^http:\/\//i.test(target)) {
      response.writeHead(400, { "content-length": "0" }).end();
      return;
    }
    forwarded.push(target);
    const url = new URL(target);
    const headers = { ...request.headers };
    delete headers["proxy-authorization"];
    delete headers["proxy-connection"];
    const upstream = http.request(
      {
        hostname: url.hostname,
        port: url.port || 80,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502, { "content-length": "0" });
      response.end();
    });
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 5_000;

  server.on("connect", (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    if (!authorized(request)) {
      refused += 1;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n');
      return;
    }
    const authority = request.url ?? "";
    const separator = authority.lastIndexOf(":");
    const host = authority.slice(0, separator).replace(/^\[|\]$/g, "");
    const port = Number(authority.slice(separator + 1));
    tunnels.push(authority);
    const upstream = net.connect(port, host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
    client.on("close", () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    forwarded,
    get refused() {
      return refused;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
