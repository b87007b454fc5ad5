import { Router, startHttpServer } from "@ml-connector/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { createSpsClient } from "../../src/index.js";
import { clientFor, collect, startSandbox } from "../support/sandbox.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Another server on loopback that records any Authorization header it receives. */
async function startForeignServer(): Promise<{ url: string; authorizations: string[] }> {
  const authorizations: string[] = [];
  const router = new Router().add("GET", "/*rest", (request) => {
    authorizations.push(String(request.headers.authorization ?? ""));
    return { status: 200, body: { results: [], paging: { limit: 1, next: null } } };
  });
  const server = await startHttpServer({ router });
  closers.push(server.close);
  return { url: server.url, authorizations };
}

describe("foreign next links", () => {
  it("refuses a paging.next url on another origin, and sends it no token", async () => {
    const sandbox = await startSandbox();
    const foreign = await startForeignServer();
    sandbox.faults.add({
      route: "transactions.list",
      times: 1,
      status: 200,
      body: {
        results: [{ path: "/out/a.json", type: "file" }],
        paging: { limit: 1, next: { cursor: "c1", url: `${foreign.url}/transactions/v5/data/out/?cursor=c1` } },
      },
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const entry of clientFor(sandbox).list("out")) seen.push(entry.path);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(["/out/a.json"]);
    expect(error).toMatchObject({ name: "SpsError", kind: "security", retryable: false });
    expect((error as Error).message).toContain(foreign.url);
    expect(foreign.authorizations).toEqual([]);
    expect(sandbox.counters.get("transactions.list")).toBe(1);
  });

  it("refuses a history next link on another origin", async () => {
    const sandbox = await startSandbox();
    const foreign = await startForeignServer();
    sandbox.faults.add({
      route: "transactions.history",
      times: 1,
      status: 200,
      body: {
        results: [{ id: "1", path: "/in/a.json", direction: "in", status_log: [] }],
        paging: {
          offset: 0,
          limit: 1,
          total_count: 2,
          next: { url: `${foreign.url}/transactions/v5/history?offset=1` },
        },
      },
    });
    const error = await collect(clientFor(sandbox).history()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "security" });
    expect(foreign.authorizations).toEqual([]);
  });

  it("follows a next url on the same origin", async () => {
    const sandbox = await startSandbox({ pageSize: 2 });
    for (let i = 0; i < 5; i += 1) sandbox.mailbox.putOutbound(`f${i}.json`, "{}");
    expect(await collect(clientFor(sandbox).list("out"))).toHaveLength(5);
  });

  it("refuses plain http to anything but loopback", () => {
    const credentials = { clientId: "a", clientSecret: "b" };
    expect(() => createSpsClient({ baseUrl: "http://api.example.com", credentials })).toThrow(/must use https/);
    expect(() => createSpsClient({ authUrl: "http://auth.example.com", credentials })).toThrow(/must use https/);
    expect(createSpsClient({ credentials }).baseUrl).toBe("https://api.spscommerce.com");
  });
});
