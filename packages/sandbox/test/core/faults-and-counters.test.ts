import { afterEach, describe, expect, it } from "vitest";
import { Router, type RunningHttpServer, startHttpServer } from "../../src/index.js";

let server: RunningHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const router = new Router()
    .add("GET", "/items/:id", (req) => ({ status: 200, body: { id: req.params.id } }), "items.get")
    .add("GET", "/files/*path", (req) => ({ status: 200, body: req.params.path ?? "" }), "files.get");
  server = await startHttpServer({ router });
  return server;
}

describe("sandbox core server", () => {
  it("routes named params and rest paths, and counts per route", async () => {
    const srv = await start();
    expect(await (await fetch(`${srv.url}/items/42`)).json()).toEqual({ id: "42" });
    expect(await (await fetch(`${srv.url}/files/out/a%20b.json`)).text()).toBe("out/a b.json");
    expect((await fetch(`${srv.url}/nowhere`)).status).toBe(404);
    expect(srv.counters.snapshot()).toEqual({ "items.get": 1, "files.get": 1, unmatched: 1 });
  });

  it("injects a status with Retry-After a limited number of times", async () => {
    const srv = await start();
    srv.faults.add({ route: "items.get", status: 429, retryAfter: 3, times: 2 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(`${srv.url}/items/1`);
      statuses.push(res.status);
      retryAfter ??= res.headers.get("retry-after");
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([429, 429, 200]);
    expect(retryAfter).toBe("3");
  });

  it("resets connections and adds latency", async () => {
    const srv = await start();
    const remove = srv.faults.add({ route: "items.get", reset: true });
    await expect(fetch(`${srv.url}/items/1`)).rejects.toThrow();
    remove();
    srv.faults.add({ route: "files.get", latencyMs: 120 });
    const started = Date.now();
    await (await fetch(`${srv.url}/files/x`)).text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect((await fetch(`${srv.url}/items/1`)).status).toBe(200);
  });

  it("listens on loopback only", async () => {
    const srv = await start();
    expect(new URL(srv.url).hostname).toBe("127.0.0.1");
  });
});

describe("resetAfterHandler", () => {
  it("lets the handler take effect, then drops the connection", async () => {
    let effects = 0;
    const router = new Router().add("POST", "/orders", () => {
      effects += 1;
      return { status: 201, body: {} };
    });
    server = await startHttpServer({ router });
    server.faults.add({ route: "POST /orders", resetAfterHandler: true, times: 1 });
    await expect(fetch(`${server.url}/orders`, { method: "POST" })).rejects.toThrow();
    expect(effects).toBe(1);
    expect((await fetch(`${server.url}/orders`, { method: "POST" })).status).toBe(201);
    expect(effects).toBe(2);
  });
});
