import diagnosticsChannel from "node:diagnostics_channel";
import { Agent, type ClientRequest, createServer, request as httpRequest, type IncomingMessage } from "node:http";
import { type AddressInfo, createServer as createTcpServer, Socket } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { createNodeSend, type SendControl } from "../../src/http/node-fetch.js";
import { createNodeFetch, createTransportFetch, TransportRequest } from "../../src/index.js";
import { json, neverAnswer, useLoopbackServers } from "./loopback-server.js";

const server = useLoopbackServers();

describe("createNodeFetch (the transport's default fetch)", () => {
  it("sends the method, headers and body, and answers a Response with the status, headers and body", async () => {
    const srv = await server((req, res) => json(res, 201, { echo: req.body }, { "x-request-id": "r-1" }));
    const fetch = createNodeFetch();
    const response = await fetch(`${srv.url}/things?a=1`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-one": "1" },
      body: JSON.stringify({ é: "ü" }),
      redirect: "manual",
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(await response.json()).toEqual({ echo: '{"é":"ü"}' });
    expect(srv.requests[0]).toMatchObject({ method: "POST", path: "/things?a=1" });
    expect(srv.requests[0]?.headers["x-one"]).toBe("1");
    expect(srv.requests[0]?.headers["content-length"]).toBe(String(Buffer.byteLength('{"é":"ü"}')));
  });

  it("sends bytes as they are and answers a body without content as null", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(204).end();
    });
    const fetch = createNodeFetch();
    const response = await fetch(`${srv.url}/upload`, {
      method: "PUT",
      body: new Uint8Array([0, 1, 2, 255]),
      redirect: "manual",
    });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(Buffer.from(srv.requests[0]?.body ?? "", "utf8").length).toBeGreaterThan(0);
  });

  it("returns a redirect as it is (redirect: manual)", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(302, { location: "http://127.0.0.2:9/elsewhere" }).end();
    });
    const response = await createNodeFetch()(`${srv.url}/x`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://127.0.0.2:9/elsewhere");
    expect(srv.requests).toHaveLength(1);
  });

  it("streams a body larger than one chunk, and can be cancelled part way", async () => {
    const chunk = "x".repeat(64 * 1024);
    const srv = await server(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      for (let i = 0; i < 16; i++) res.write(chunk);
      res.end();
    });
    const fetch = createNodeFetch();
    const whole = await fetch(`${srv.url}/big`, { redirect: "manual" });
    expect((await whole.arrayBuffer()).byteLength).toBe(16 * chunk.length);

    const partial = await fetch(`${srv.url}/big`, { redirect: "manual" });
    const reader = partial.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
  });

  it("rejects with the signal's reason when aborted before the answer, and errors the body when aborted during it", async () => {
    let headArrived: () => void = () => undefined;
    const headAtServer = new Promise<void>((resolve) => {
      headArrived = resolve;
    });
    const srv = await server(async (req, res) => {
      if (req.path === "/slow-head") {
        headArrived();
        await neverAnswer(res);
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("part");
      // The rest never comes.
    });
    const fetch = createNodeFetch();
    const before = new AbortController();
    const head = fetch(`${srv.url}/slow-head`, { signal: before.signal, redirect: "manual" });
    await headAtServer;
    before.abort(new DOMException("late", "TimeoutError"));
    await expect(head).rejects.toMatchObject({ name: "TimeoutError" });

    const during = new AbortController();
    const response = await fetch(`${srv.url}/stall`, { signal: during.signal, redirect: "manual" });
    const body = response.text();
    during.abort(new DOMException("late", "TimeoutError"));
    await expect(body).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("reports a refused connection as a TypeError with the cause, as fetch does", async () => {
    const srv = await server((_req, res) => json(res, 200, {}));
    const url = srv.url;
    await srv.close();
    const error = await createNodeFetch()(`${url}/x`, { redirect: "manual" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  it("fails a request whose status a Response cannot hold, instead of throwing in an event handler", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(799).end();
    });
    const error = await createNodeFetch()(`${srv.url}/x`, { redirect: "manual" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/799/);
  });

  it("reuses its sockets (keep-alive)", async () => {
    const srv = await server((_req, res) => json(res, 200, {}));
    const fetch = createNodeFetch({ maxSockets: 1 });
    for (let i = 0; i < 3; i++) await (await fetch(`${srv.url}/${i}`, { redirect: "manual" })).json();
    expect(srv.requests.map((r) => r.headers.connection)).toEqual(["keep-alive", "keep-alive", "keep-alive"]);
  });
});

describe("createNodeSend (the sender under the transport)", () => {
  const control = () => {
    const settled: number[] = [];
    const watcher: SendControl = { interrupt: undefined, settled: () => settled.push(1) };
    return { watcher, settled };
  };

  it("lets go of the request once its body has been received: the control no longer holds it", async () => {
    let finish: () => void = () => undefined;
    const bodyMayEnd = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const srv = await server(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"a":');
      await bodyMayEnd;
      res.end("1}");
    });
    const { watcher, settled } = control();
    const reply = await createNodeSend()(`${srv.url}/x`, { method: "GET", headers: {}, body: undefined }, watcher);
    // The body is still arriving: the request can be ended through the control.
    expect(typeof watcher.interrupt).toBe("function");
    finish();
    expect(await reply.json()).toEqual({ a: 1 });
    expect(watcher.interrupt).toBeUndefined();
    expect(settled).toHaveLength(1);
  });

  it("leaves no path from a finished request or message to its reply: shared listeners, the link cut at the end", async () => {
    // What node:http holds of each request, seen through its diagnostics channels.
    const seen: { request: ClientRequest; response: IncomingMessage }[] = [];
    const onResponse = (message: unknown) => seen.push(message as (typeof seen)[number]);
    diagnosticsChannel.subscribe("http.client.response.finish", onResponse);
    try {
      let finish: () => void = () => undefined;
      const bodyMayEnd = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const srv = await server(async (req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"a":');
        if (req.path === "/slow") await bodyMayEnd;
        res.end("1}");
      });
      const send = createNodeSend();
      // Whether one of the object's own symbol-keyed properties is the target, or directly holds it.
      const holds = (owner: object, target: object) =>
        Object.getOwnPropertySymbols(owner).some((key) => {
          const value = (owner as Record<symbol, unknown>)[key];
          return (
            value === target || (typeof value === "object" && value !== null && Object.values(value).includes(target))
          );
        });

      const slow = await send(`${srv.url}/slow`, { method: "GET", headers: {}, body: undefined }, control().watcher);
      const first = seen[0] as (typeof seen)[number];
      // While the body arrives, the message reaches its reply (that is how its data gets there)...
      expect(holds(first.response, slow)).toBe(true);
      finish();
      expect(await slow.json()).toEqual({ a: 1 });
      // ...and once it is over, neither the message nor the request does.
      expect(holds(first.response, slow)).toBe(false);
      expect(holds(first.request, slow)).toBe(false);

      const fast = await send(`${srv.url}/fast`, { method: "GET", headers: {}, body: undefined }, control().watcher);
      await fast.json();
      const second = seen[1] as (typeof seen)[number];
      // The same listener functions on every request and message: none is a closure over one request's state.
      for (const event of ["data", "end", "error", "close"]) {
        const ours = second.response
          .listeners(event)
          .filter((listener) => first.response.listeners(event).includes(listener));
        expect(ours.length, event).toBeGreaterThan(0);
      }
      for (const event of ["error", "response"]) {
        expect(second.request.listeners(event)).toEqual(first.request.listeners(event));
      }
    } finally {
      diagnosticsChannel.unsubscribe("http.client.response.finish", onResponse);
    }
  });

  it("lets go of a request without a body, a dropped body and a failed request", async () => {
    const srv = await server((req, res) => {
      if (req.path === "/empty") res.writeHead(204).end();
      else json(res, 409, { conflict: true });
    });
    const send = createNodeSend();
    const empty = control();
    await send(`${srv.url}/empty`, { method: "DELETE", headers: {}, body: undefined }, empty.watcher);
    expect(empty.watcher.interrupt).toBeUndefined();
    expect(empty.settled).toHaveLength(1);

    const dropped = control();
    const reply = await send(`${srv.url}/conflict`, { method: "GET", headers: {}, body: undefined }, dropped.watcher);
    reply.discard();
    expect(dropped.watcher.interrupt).toBeUndefined();

    const url = srv.url;
    await srv.close();
    const refused = control();
    await expect(send(`${url}/x`, { method: "GET", headers: {}, body: undefined }, refused.watcher)).rejects.toThrow(
      TypeError,
    );
    expect(refused.watcher.interrupt).toBeUndefined();
  });
});

describe("the idle-socket guard of the keep-alive agents", () => {
  /** A server that tells when a connection of its own closes. */
  async function connectionServer(headers: Record<string, string> = {}) {
    const closed: number[] = [];
    let connections = 0;
    const server = createServer((_req, res) => json(res, 200, {}, headers));
    server.on("connection", (socket) => {
      const index = connections++;
      socket.on("close", () => closed.push(index));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    return { url, closed, connections: () => connections, close };
  }

  it("closes a kept-alive socket once it has been idle for idleSocketTimeoutMs", async () => {
    const srv = await connectionServer();
    try {
      const send = createNodeSend({ maxSockets: 1, idleSocketTimeoutMs: 50 });
      for (let i = 0; i < 2; i++) {
        await (await send(`${srv.url}/${i}`, { method: "GET", headers: {}, body: undefined }, watcher())).json();
      }
      // Both requests went over one socket, which the client closes once it has been idle.
      expect(srv.connections()).toBe(1);
      await vi.waitFor(() => expect(srv.closed).toEqual([0]), { timeout: 5_000, interval: 10 });
    } finally {
      await srv.close();
    }
  });

  /** The idle timeouts set on the one socket that carries `requests` requests in turn. */
  async function idleTimeoutsSet(srv: { url: string }, idleSocketTimeoutMs: number, requests: number) {
    const timeouts: { socket: object; ms: number }[] = [];
    const setTimeout = Socket.prototype.setTimeout;
    const spy = vi.spyOn(Socket.prototype, "setTimeout").mockImplementation(function (this: Socket, ms, ...rest) {
      timeouts.push({ socket: this, ms });
      return setTimeout.call(this, ms, ...rest);
    });
    const sockets = new Set<object>();
    const onResponse = (message: unknown) => sockets.add((message as { request: ClientRequest }).request.socket!);
    diagnosticsChannel.subscribe("http.client.response.finish", onResponse);
    try {
      const send = createNodeSend({ maxSockets: 1, idleSocketTimeoutMs });
      for (let i = 0; i < requests; i++) {
        await (await send(`${srv.url}/${i}`, { method: "GET", headers: {}, body: undefined }, watcher())).json();
      }
      expect(sockets.size).toBe(1);
      const [socket] = sockets;
      return timeouts.filter((call) => call.socket === socket).map((call) => call.ms);
    } finally {
      diagnosticsChannel.unsubscribe("http.client.response.finish", onResponse);
      spy.mockRestore();
    }
  }

  it("arms a socket's idle timer once, not again on every request that reuses it", async () => {
    const srv = await connectionServer();
    try {
      expect(await idleTimeoutsSet(srv, 3_000, 4)).toEqual([3_000]);
    } finally {
      await srv.close();
    }
  });

  it("closes an idle socket a second before the server's Keep-Alive hint when that is sooner", async () => {
    const srv = await connectionServer({ "keep-alive": "timeout=2" });
    try {
      expect(await idleTimeoutsSet(srv, 4_000, 2)).toEqual([1_000]);
    } finally {
      await srv.close();
    }
  });

  it("does not keep a socket whose server's Keep-Alive hint leaves it no idle time", async () => {
    const srv = await connectionServer({ "keep-alive": "timeout=1" });
    try {
      const send = createNodeSend({ maxSockets: 1 });
      for (let i = 0; i < 2; i++) {
        await (await send(`${srv.url}/${i}`, { method: "GET", headers: {}, body: undefined }, watcher())).json();
      }
      expect(srv.connections()).toBe(2);
    } finally {
      await srv.close();
    }
  });

  it("follows a Keep-Alive hint that changes from one reply to the next", async () => {
    let replies = 0;
    const server = createServer((_req, res) =>
      json(res, 200, {}, { "keep-alive": `timeout=${++replies === 1 ? 2 : 3}` }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await idleTimeoutsSet({ url }, 4_000, 2)).toEqual([1_000, 2_000]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("reads the Keep-Alive hint without building the reply's header object", async () => {
    const srv = await connectionServer({ "keep-alive": "timeout=2" });
    const replies: IncomingMessage[] = [];
    const onResponse = (message: unknown) => replies.push((message as { response: IncomingMessage }).response);
    diagnosticsChannel.subscribe("http.client.response.finish", onResponse);
    try {
      expect(await idleTimeoutsSet(srv, 4_000, 2)).toEqual([1_000]);
      expect(replies).toHaveLength(2);
      // IncomingMessage.headers is built from rawHeaders on first read and kept in the message's kHeaders (Node's
      // internals, read here only): null means nobody read it, Node's agent included.
      for (const reply of replies) {
        const kHeaders = Object.getOwnPropertySymbols(reply).find((symbol) => symbol.description === "kHeaders");
        expect(kHeaders).toBeDefined();
        expect((reply as unknown as Record<symbol, unknown>)[kHeaders as symbol]).toBeNull();
      }
    } finally {
      diagnosticsChannel.unsubscribe("http.client.response.finish", onResponse);
      await srv.close();
    }
  });

  const watcher = (): SendControl => ({ interrupt: undefined, settled: () => undefined });
});

describe("createTransportFetch over the default fetch", () => {
  it("times out a body that stalls after the headers (the timeout covers reading the body)", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
    });
    const fetch = createTransportFetch({ baseUrl: srv.url, timeoutMs: 100, retry: { retries: 0 } });
    const response = await fetch(new TransportRequest(`${srv.url}/x`));
    await expect(response.json()).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("sends a TransportRequest's string body on every attempt, without the idempotency marker", async () => {
    const srv = await server((_req, res, index) => (index === 0 ? json(res, 503, {}) : json(res, 200, { ok: 1 })));
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    const request = new TransportRequest(`${srv.url}/upload`, {
      method: "POST",
      headers: new Headers({ "content-type": "application/json", "x-ml-connector-idempotent": "true" }),
      body: '{"a":1}',
    });
    expect(await (await fetch(request)).json()).toEqual({ ok: 1 });
    expect(srv.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
    expect(srv.requests[1]?.headers["x-ml-connector-idempotent"]).toBeUndefined();
    expect(srv.requests[1]?.headers["content-type"]).toBe("application/json");
  });
});

describe("createNodeSend's request head", () => {
  /** The head of the first request a raw TCP server receives (it answers 204 and closes). */
  const headOf = async (send: (origin: string) => Promise<unknown>): Promise<string> => {
    let received = "";
    const tcp = createTcpServer((socket) => {
      socket.on("data", (chunk: Buffer) => {
        received += chunk.toString("latin1");
        if (received.includes("\r\n\r\n")) socket.end("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    try {
      await send(`127.0.0.1:${(tcp.address() as AddressInfo).port}`);
    } finally {
      await new Promise((resolve) => tcp.close(resolve));
    }
    // Each server has a port of its own: the heads of two are compared without it.
    return received.slice(0, received.indexOf("\r\n\r\n")).replace(/(\r\nHost: 127\.0\.0\.1):\d+/, "$1:PORT");
  };
  const viaSender = (url: string, headers: Record<string, string>) => {
    const control: SendControl = { interrupt: undefined, settled() {} };
    return createNodeSend()(url, { method: "GET", headers, body: undefined }, control).then((reply) => reply.text());
  };
  // node:http given the same fields as a record, with the URL's credentials as its `auth` option.
  const viaRecord = (host: string, headers: Record<string, string>, auth?: string) =>
    new Promise<void>((resolve, reject) => {
      const [hostname, port] = host.split(":");
      const request = httpRequest({
        hostname,
        port,
        path: "/a?b=1",
        headers,
        agent: new Agent({ keepAlive: true }),
        auth,
      });
      request.on("error", reject);
      request.on("response", (response: IncomingMessage) => {
        response.resume();
        response.on("end", () => resolve());
      });
      request.end();
    });

  it("is what node:http writes for the same fields: Host last, then Connection", async () => {
    const headers = { "user-agent": "ua", accept: "application/json", authorization: "Bearer t" };
    const sent = await headOf((host) => viaSender(`http://${host}/a?b=1`, { ...headers }));
    expect(sent).toBe(await headOf((host) => viaRecord(host, { ...headers })));
    expect(sent).toMatch(/\r\nHost: 127\.0\.0\.1:PORT\r\nConnection: keep-alive$/);
  });

  it("writes an attempt's authorization and content-length in the head, leaving the headers it is given as they are", async () => {
    // A call's attempts all hand the sender the same record: nothing of one attempt may stay in it for the next.
    const headers = { "content-type": "application/json", authorization: "Bearer old", "content-length": "99" };
    const given = { ...headers };
    const control: SendControl = { interrupt: undefined, settled() {} };
    const sent = await headOf((host) =>
      createNodeSend()(
        `http://${host}/a?b=1`,
        { method: "POST", headers, body: '{"é":1}', authorization: "Bearer new" },
        control,
      ).then((reply) => reply.text()),
    );
    expect(headers).toEqual(given);
    expect(sent).toContain("\r\nauthorization: Bearer new\r\n");
    expect(sent).not.toContain("Bearer old");
    expect(sent).toContain(`\r\ncontent-length: ${Buffer.byteLength('{"é":1}')}\r\n`);
    expect(sent).not.toContain("content-length: 99");
    expect(sent).toContain("\r\ncontent-type: application/json\r\n");
  });

  it("adds a URL's credentials as node:http does, unless the request has its own authorization", async () => {
    const sent = await headOf((host) => viaSender(`http://us%20er:p%40ss@${host}/a?b=1`, { accept: "x" }));
    expect(sent).toBe(await headOf((host) => viaRecord(host, { accept: "x" }, "us er:p@ss")));
    expect(sent).toContain(`\r\nAuthorization: Basic ${Buffer.from("us er:p@ss").toString("base64")}\r\n`);
    const own = await headOf((host) => viaSender(`http://u:p@${host}/a?b=1`, { authorization: "Bearer t" }));
    expect(own).toContain("\r\nauthorization: Bearer t\r\n");
    expect(own).not.toContain("Basic");
  });
});
