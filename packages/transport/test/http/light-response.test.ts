import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createTransportFetch, releaseResponse, TransportRequest, transportRequestClass } from "../../src/index.js";
import { json, useLoopbackServers } from "./loopback-server.js";

const server = useLoopbackServers();

/** The paths of a tiny API, typed as openapi-typescript would generate them. */
interface paths {
  "/things/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: { q?: string }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": unknown } } };
    };
    post: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: { headers: { [name: string]: unknown }; content: { "application/json": unknown } } };
    };
  };
}

describe("the reply of the default path (no WHATWG Response)", () => {
  it("has the status, the headers as Headers reads them, and a body read once", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, [
        ["Content-Type", "application/json"],
        ["X-Twice", "a"],
        ["x-twice", "b"],
      ]);
      res.end('\uFEFF{"ok":true}');
    });
    const fetch = createTransportFetch({ baseUrl: srv.url });
    const response = await fetch(new TransportRequest(`${srv.url}/one`));
    expect(response).not.toBeInstanceOf(Response);
    expect(response).toMatchObject({ status: 200, ok: true, statusText: "OK", bodyUsed: false });
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("CONTENT-TYPE")).toBe("application/json");
    expect(response.headers.get("x-twice")).toBe("a, b");
    expect(response.headers.get("x-missing")).toBeNull();
    expect(response.headers.has("X-Twice")).toBe(true);
    // As fetch's json(): the byte order mark is dropped.
    expect(await response.json()).toEqual({ ok: true });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
  });

  it("rejects json() on a body that is not JSON with a SyntaxError, as fetch does", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{not json");
    });
    const response = await createTransportFetch({ baseUrl: srv.url })(new TransportRequest(`${srv.url}/bad`));
    await expect(response.json()).rejects.toBeInstanceOf(SyntaxError);
  });

  it("reads a body of many chunks whole, as text, bytes or a stream", async () => {
    const chunk = "é".repeat(40 * 1024);
    const srv = await server(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      for (let i = 0; i < 8; i++) res.write(chunk);
      res.end();
    });
    const fetch = createTransportFetch({ baseUrl: srv.url });
    expect(await (await fetch(new TransportRequest(`${srv.url}/t`))).text()).toBe(chunk.repeat(8));
    const bytes = new Uint8Array(await (await fetch(new TransportRequest(`${srv.url}/b`))).arrayBuffer());
    expect(bytes.byteLength).toBe(Buffer.byteLength(chunk) * 8);

    const streamed = await fetch(new TransportRequest(`${srv.url}/s`));
    const reader = (streamed.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    for (let part = await reader.read(); !part.done; part = await reader.read()) received += part.value.byteLength;
    releaseResponse(streamed);
    expect(received).toBe(Buffer.byteLength(chunk) * 8);
  });

  it("fails the body with a TypeError when the connection ends before it does", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"partial":');
      setImmediate(() => res.socket?.destroy());
    });
    const response = await createTransportFetch({ baseUrl: srv.url })(new TransportRequest(`${srv.url}/cut`));
    const error = await response.text().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("terminated");
  });

  it("ends a body in progress when the caller aborts, with the caller's reason", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
    });
    const controller = new AbortController();
    const response = await createTransportFetch({ baseUrl: srv.url })(
      new TransportRequest(`${srv.url}/slow-body`, { signal: controller.signal }),
    );
    const body = response.json();
    const reason = new Error("the run was stopped");
    controller.abort(reason);
    await expect(body).rejects.toBe(reason);
  });

  it("builds a real Response only when asked (toResponse, blob)", async () => {
    const srv = await server((_req, res) => json(res, 200, { n: 1 }, { "x-request-id": "r-9" }));
    const fetch = createTransportFetch({ baseUrl: srv.url });
    const reply = (await fetch(new TransportRequest(`${srv.url}/r`))) as unknown as { toResponse(): Response };
    const real = reply.toResponse();
    expect(real).toBeInstanceOf(Response);
    expect(real.headers.get("x-request-id")).toBe("r-9");
    expect(await real.json()).toEqual({ n: 1 });
    const blob = await (await fetch(new TransportRequest(`${srv.url}/r`))).blob();
    expect(await blob.text()).toBe('{"n":1}');
  });

  it("still gives an injected fetch one AbortController per attempt and returns its Response", async () => {
    const srv = await server((_req, res) => json(res, 200, { ok: 1 }));
    const signals: AbortSignal[] = [];
    const fetch = createTransportFetch({
      baseUrl: srv.url,
      fetch: (input, init) => {
        signals.push(init?.signal as AbortSignal);
        return globalThis.fetch(input, init);
      },
    });
    const response = await fetch(new TransportRequest(`${srv.url}/x`));
    expect(response).toBeInstanceOf(Response);
    expect(await response.json()).toEqual({ ok: 1 });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toBeInstanceOf(AbortSignal);
  });
});

describe("openapi-fetch over the transport", () => {
  it("reads JSON, sends a JSON body, and turns an error answer into a thrown ConnectorError", async () => {
    const srv = await server((req, res) => {
      if (req.path.startsWith("/things/missing")) return json(res, 404, { title: "no such thing" });
      if (req.method === "POST") return json(res, 201, { created: JSON.parse(req.body) });
      return json(res, 200, { path: req.path });
    });
    const api = createClient<paths>({
      baseUrl: srv.url,
      fetch: createTransportFetch({ baseUrl: srv.url, retry: { retries: 0 } }),
      Request: transportRequestClass,
    });
    const got = await api.GET("/things/{id}", { params: { path: { id: "a b" }, query: { q: "x'y" } } });
    expect(got.data).toEqual({ path: "/things/a%20b?q=x%27y" });
    expect(got.response.headers.get("content-type")).toBe("application/json");
    const posted = await api.POST("/things/{id}", { params: { path: { id: "n" } }, body: { name: "é" } });
    expect(posted.data).toEqual({ created: { name: "é" } });
    expect(srv.requests[1]?.headers["content-type"]).toBe("application/json");
    await expect(api.GET("/things/{id}", { params: { path: { id: "missing" } } })).rejects.toMatchObject({
      kind: "not-found",
      status: 404,
      details: { title: "no such thing" },
    });
  });

  it("answers an empty body as undefined (content-length 0, 204) and a stream when asked", async () => {
    const srv = await server((req, res) => {
      if (req.path === "/things/empty") res.writeHead(200, { "content-length": "0" }).end();
      else if (req.path === "/things/none") res.writeHead(204).end();
      else res.writeHead(200, { "content-type": "application/octet-stream" }).end("raw bytes");
    });
    const api = createClient<paths>({
      baseUrl: srv.url,
      fetch: createTransportFetch({ baseUrl: srv.url, maxConcurrency: 1 }),
      Request: transportRequestClass,
    });
    expect((await api.GET("/things/{id}", { params: { path: { id: "empty" } } })).data).toBeUndefined();
    expect((await api.GET("/things/{id}", { params: { path: { id: "none" } } })).data).toBeUndefined();
    const { data, response } = await api.GET("/things/{id}", { params: { path: { id: "s" } }, parseAs: "stream" });
    expect(await new Response(data as ReadableStream).text()).toBe("raw bytes");
    releaseResponse(response);
    // One socket (maxConcurrency 1): the empty replies did not hold it.
    expect(srv.requests).toHaveLength(3);
  });
});
