import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import {
  type AuthStrategy,
  ConnectorError,
  createTransportFetch,
  IDEMPOTENT_HEADER,
  TransportRequest,
} from "../../src/index.js";
import { json, neverAnswer, retryRecorder, useLoopbackServers } from "./loopback-server.js";

const fast = { baseDelayMs: 1, maxDelayMs: 5 };
const server = useLoopbackServers();

function countingAuth(): AuthStrategy & { issued: number; invalidated: string[] } {
  const state = { issued: 1, invalidated: [] as string[] };
  return Object.assign(state, {
    authorize: async () => `Bearer token-${state.issued}`,
    invalidate: async (header: string) => {
      state.invalidated.push(header);
      state.issued += 1;
      return true;
    },
    secrets: () => [`token-${state.issued}`],
  });
}

describe("createTransportFetch", () => {
  it("retries a GET on 503 and returns the success", async () => {
    const srv = await server((_req, res, index) =>
      index < 2 ? json(res, 503, { error: "busy" }) : json(res, 200, { ok: true }),
    );
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: fast });
    const response = await fetch(new Request(`${srv.url}/things`));
    expect(await response.json()).toEqual({ ok: true });
    expect(srv.requests).toHaveLength(3);
  });

  it("adds its default headers to every request that does not set them, over node:http and an injected fetch", async () => {
    const srv = await server((_req, res) => json(res, 200, {}));
    for (const injected of [undefined, globalThis.fetch]) {
      const fetch = createTransportFetch({
        baseUrl: srv.url,
        fetch: injected,
        headers: { Accept: "application/json", "X-Client": "ours" },
      });
      await fetch(new TransportRequest(`${srv.url}/plain`));
      await fetch(new TransportRequest(`${srv.url}/own`, { headers: { accept: "text/plain" } }));
      await fetch(new Request(`${srv.url}/request`, { method: "POST", body: "{}", headers: { "x-client": "theirs" } }));
    }
    expect(srv.requests.map((r) => [r.path, r.headers.accept, r.headers["x-client"]])).toEqual(
      [0, 1].flatMap(() => [
        ["/plain", "application/json", "ours"],
        ["/own", "text/plain", "ours"],
        ["/request", "application/json", "theirs"],
      ]),
    );
  });

  it("does not retry a POST unless it is marked idempotent, and strips the marker", async () => {
    const srv = await server((_req, res) => json(res, 503, {}));
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: { ...fast, retries: 2 } });
    await expect(fetch(new Request(`${srv.url}/a`, { method: "POST", body: "x" }))).rejects.toMatchObject({
      kind: "server",
      status: 503,
    });
    expect(srv.requests).toHaveLength(1);

    const marked = new Request(`${srv.url}/b`, {
      method: "POST",
      body: "same bytes",
      headers: { [IDEMPOTENT_HEADER]: "true" },
    });
    await expect(fetch(marked)).rejects.toBeInstanceOf(ConnectorError);
    expect(srv.requests).toHaveLength(4);
    expect(srv.requests.slice(1).map((r) => r.body)).toEqual(["same bytes", "same bytes", "same bytes"]);
    expect(srv.requests[1]?.headers[IDEMPOTENT_HEADER]).toBeUndefined();
  });

  it("retries a PUT, unless it is marked not safe to repeat (an edit that appends lines)", async () => {
    const srv = await server((_req, res) => json(res, 503, {}));
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: { ...fast, retries: 2 } });
    await expect(fetch(new Request(`${srv.url}/a`, { method: "PUT", body: "x" }))).rejects.toBeInstanceOf(
      ConnectorError,
    );
    expect(srv.requests).toHaveLength(3);
    const appending = new Request(`${srv.url}/b`, {
      method: "PUT",
      body: "append",
      headers: { [IDEMPOTENT_HEADER]: "false" },
    });
    await expect(fetch(appending)).rejects.toMatchObject({ kind: "server", status: 503 });
    expect(srv.requests).toHaveLength(4);
    expect(srv.requests[3]?.headers[IDEMPOTENT_HEADER]).toBeUndefined();
  });

  it("never retries a 400 and reports it as a validation error with the body", async () => {
    const srv = await server((_req, res) => json(res, 400, { title: "Bad path" }, { "x-request-id": "req-42" }));
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: fast });
    const error = await fetch(new Request(`${srv.url}/x?secret=1`)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "validation",
      status: 400,
      requestId: "req-42",
      details: { title: "Bad path" },
    });
    expect((error as Error).message).not.toContain("secret");
    expect(srv.requests).toHaveLength(1);
  });

  it("waits for Retry-After on 429 before retrying", async () => {
    const srv = await server((_req, res, index) =>
      index === 0 ? json(res, 429, {}, { "retry-after": "1" }) : json(res, 200, { ok: 1 }),
    );
    const { logger, retries } = retryRecorder();
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: fast, logger });
    await fetch(new Request(`${srv.url}/x`));
    expect(retries).toEqual([expect.objectContaining({ kind: "rate-limit", status: 429, delayMs: 1_000 })]);
    expect(srv.requests).toHaveLength(2);
  });

  it("fails at once with a rate-limit error when Retry-After exceeds the cap", async () => {
    const srv = await server((_req, res) => json(res, 429, {}, { "retry-after": "3600" }));
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: { ...fast, maxRetryAfterMs: 60_000 } });
    const error = await fetch(new Request(`${srv.url}/x`)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rate-limit", retryAfterMs: 3_600_000 });
    expect((error as Error).message).toMatch(/try again after \d{4}-\d\d-\d\dT/);
    expect(srv.requests).toHaveLength(1);
  });

  it("refreshes credentials once on 401 and retries with the new header", async () => {
    const srv = await server((req, res) =>
      req.headers.authorization === "Bearer token-2" ? json(res, 200, { ok: 1 }) : json(res, 401, {}),
    );
    const auth = countingAuth();
    const fetch = createTransportFetch({ baseUrl: srv.url, auth, retry: fast });
    await fetch(new Request(`${srv.url}/x`));
    expect(auth.invalidated).toEqual(["Bearer token-1"]);
    expect(srv.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("makes a second 401 final (kind auth), without a refresh loop", async () => {
    const srv = await server((_req, res) => json(res, 401, { error: "invalid_token" }));
    const auth = countingAuth();
    const fetch = createTransportFetch({ baseUrl: srv.url, auth, retry: fast });
    await expect(fetch(new Request(`${srv.url}/x`))).rejects.toMatchObject({ kind: "auth", status: 401 });
    expect(srv.requests).toHaveLength(2);
  });

  it("refuses a request to another origin before anything is sent", async () => {
    const srv = await server((_req, res) => json(res, 200, {}));
    const fetch = createTransportFetch({ baseUrl: srv.url, auth: countingAuth() });
    await expect(fetch(new Request("http://127.0.0.2:9/steal"))).rejects.toMatchObject({ kind: "security" });
    expect(srv.requests).toHaveLength(0);
  });

  it("times out a slow attempt and retries it", async () => {
    const srv = await server(async (_req, res, index) => {
      if (index === 0) return neverAnswer(res); // only the timeout can end this attempt
      json(res, 200, { attempt: index });
    });
    const { logger, retries } = retryRecorder();
    // A timeout the second attempt meets even on a loaded machine.
    const fetch = createTransportFetch({ baseUrl: srv.url, timeoutMs: 1_000, retry: fast, logger });
    const response = await fetch(new Request(`${srv.url}/slow`));
    expect(await response.json()).toEqual({ attempt: 1 });
    expect(retries).toEqual([expect.objectContaining({ kind: "timeout" })]);
  });

  it("does not repeat a write that timed out: the server may still apply it late, after a repeat or a later write", async () => {
    const srv = await server(async (_req, res, index) => {
      if (index === 0) return neverAnswer(res); // only the timeout can end this attempt
      json(res, 200, { attempt: index });
    });
    const { logger, retries } = retryRecorder();
    const fetch = createTransportFetch({ baseUrl: srv.url, timeoutMs: 200, retry: fast, logger });
    await expect(fetch(new Request(`${srv.url}/order`, { method: "PUT", body: "{}" }))).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(retries).toEqual([]);
    expect(srv.requests.map((r) => r.method)).toEqual(["PUT"]);
  });

  it("reports a connection failure as kind connection after its retries", async () => {
    const srv = await server((_req, res) => json(res, 200, {}));
    const url = srv.url;
    await srv.close();
    const fetch = createTransportFetch({ baseUrl: url, retry: { ...fast, retries: 1 } });
    await expect(fetch(new Request(`${url}/x`))).rejects.toMatchObject({ kind: "connection" });
  });

  it("stops at once when the caller aborts", async () => {
    let arrived: () => void = () => undefined;
    const atServer = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const srv = await server(async (_req, res) => {
      arrived();
      await neverAnswer(res);
    });
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: fast });
    const controller = new AbortController();
    const pending = fetch(new Request(`${srv.url}/x`, { signal: controller.signal }));
    await atServer; // abort while the server holds the request
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "cancelled" });
    expect(srv.requests).toHaveLength(1);
  });

  it("keeps one abort listener on a caller's signal however many requests use it, and ends every one in flight", async () => {
    let held = 0;
    const srv = await server(async (request, res) => {
      if (request.path !== "/hold") return json(res, 200, { ok: true });
      held += 1;
      await neverAnswer(res);
    });
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: fast });
    const controller = new AbortController();
    const signal = controller.signal;
    for (let index = 0; index < 5; index++) {
      const response = await fetch(new TransportRequest(`${srv.url}/ok`, { signal }));
      expect(await response.json()).toEqual({ ok: true });
    }
    expect(getEventListeners(signal, "abort")).toHaveLength(1);
    const pending = [1, 2, 3].map((): Promise<unknown> => fetch(new TransportRequest(`${srv.url}/hold`, { signal })));
    await vi.waitFor(() => expect(held).toBe(3));
    expect(getEventListeners(signal, "abort")).toHaveLength(1);
    controller.abort(new Error("run stopped"));
    for (const request of pending) await expect(request).rejects.toMatchObject({ kind: "cancelled" });
    expect(srv.requests.filter((request) => request.path === "/hold")).toHaveLength(3);
  });

  it("drops the body of an answer that came after the caller aborted, so its connection is not held", async () => {
    const controller = new AbortController();
    let cancelled = 0;
    const injected = (async () => {
      // The answer is in, and the caller gives up before the transport hands it back.
      controller.abort(new Error("caller gave up"));
      const body = new ReadableStream<Uint8Array>({
        pull: () => undefined,
        cancel: () => {
          cancelled += 1;
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof globalThis.fetch;
    const transport = createTransportFetch({ baseUrl: "http://127.0.0.1:9", fetch: injected });
    await expect(transport(new Request("http://127.0.0.1:9/x", { signal: controller.signal }))).rejects.toMatchObject({
      kind: "cancelled",
    });
    expect(cancelled).toBe(1);
  });

  it("bounds the requests in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    // The server answers in batches of three: the batch can only fill if three requests are in flight together.
    const held: Array<() => void> = [];
    const srv = await server(async (_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => {
        held.push(resolve);
        if (held.length === 3) for (const release of held.splice(0)) release();
      });
      inFlight -= 1;
      json(res, 200, {});
    });
    const fetch = createTransportFetch({ baseUrl: srv.url, maxConcurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => fetch(new Request(`${srv.url}/${i}`))));
    expect(peak).toBe(3);
  });
});
