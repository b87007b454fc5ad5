/**
 * The request path alone, side by side in one process: the CPU of a bare node:http request against the transport
 * (`createTransportFetch`) and against openapi-fetch over the transport (what the clients do), each making the four
 * requests of an 850 (a GET, a GET with a query, a JSON POST, a DELETE), C at a time, to a server in another process
 * that answers after a delay (every request then runs on a cold cache, as in orders-in):
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx src/profile/request-path.ts
 *
 * PROFILE_DOCS (rounds of four requests per contender and pass, default 400), PROFILE_PASSES (default 3, after one
 * untimed), PROFILE_LATENCY_MS (default 20). Prints one JSON line: CPU ms per four requests of each contender, and the
 * two over the bare request. Run it alternately from two checkouts to compare two builds of the transport, or give
 * PROFILE_COMPARE the path of another checkout's `packages/transport/src/index.ts`: openapi-fetch over that build
 * then runs in the same process instead of the transport alone, its passes alternating with this build's (on a shared machine
 * the load then hits both alike), and the line adds the median of this build's CPU less that build's, pass by pass,
 * and in how many passes this build spent less.
 */
import { type ChildProcess, fork } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as transportBuild from "@ml-connector/transport";
import createClient from "openapi-fetch";
import { createBareCall } from "../support/bare-http.js";

const latencyMs = Number(process.env.PROFILE_LATENCY_MS ?? 20);

if (process.argv[2] === "serve") {
  // A reply the size of an 850 in JSON; a DELETE answers 204.
  const reply = JSON.stringify({ Header: { OrderHeader: { PurchaseOrderNumber: "PO1", Note: "x".repeat(1200) } } });
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () =>
      setTimeout(() => {
        if (request.method === "DELETE") {
          response.writeHead(204).end();
          return;
        }
        response.writeHead(request.method === "POST" ? 201 : 200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(reply),
        });
        response.end(reply);
      }, latencyMs),
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.((server.address() as AddressInfo).port));
} else {
  const child: ChildProcess = fork(process.argv[1] as string, ["serve"], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once("message", (message) => resolve(message as number)));
  const base = `http://127.0.0.1:${port}`;
  const concurrency = 8;
  const authorization = "Bearer a-token";
  const order = { BPCORD: "C0001", SOHSOP: [1, 2, 3, 4, 5].map((line) => ({ ITMREF: `I${line}`, QTY: line })) };

  type Request4 = (path: string, method: string, body?: unknown) => Promise<void>;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  // The bare-client measures' own request (support/bare-http.ts), and its JSON read.
  const call = createBareCall(agent);
  const bare: Request4 = async (path, method, body) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { authorization, accept: "application/json" };
    if (text !== undefined) headers["content-type"] = "application/json";
    const { text: received } = await call(`${base}${path}`, method, headers, text);
    if (received) JSON.parse(received);
  };

  const transportOptions = {
    baseUrl: base,
    maxConcurrency: concurrency,
    auth: {
      authorize: async () => authorization,
      current: () => authorization,
      invalidate: async () => false,
      secrets: () => [],
    },
  };
  const transport = transportBuild.createTransportFetch(transportOptions);
  const viaTransport: Request4 = async (path, method, body) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: "application/json" };
    if (text !== undefined) headers["content-type"] = "application/json";
    const response = await transport(
      new transportBuild.TransportRequest(`${base}${path}`, { method, headers, body: text }),
    );
    if (response.status !== 204) await response.json();
  };

  // A client of a small API of our own, built the way the clients build theirs.
  interface Paths {
    "/orders/{id}": {
      parameters: { path: { id: string }; query?: { q?: string } };
      get: { responses: { 200: { content: { "application/json": unknown } } } };
      post: {
        requestBody: { content: { "application/json": unknown } };
        responses: { 201: { content: { "application/json": unknown } } };
      };
      delete: { responses: { 204: { content: never } } };
    };
  }
  const openapiFetchOver = (build: typeof import("@ml-connector/transport")): Request4 => {
    const api = createClient<Paths>({
      baseUrl: base,
      fetch: build === transportBuild ? transport : build.createTransportFetch(transportOptions),
      Request: build.transportRequestClass,
      headers: { accept: "application/json" },
    });
    return async (path, method, body) => {
      const params = { path: { id: path.slice(1) }, query: { q: "a b" } };
      if (method === "GET") await api.GET("/orders/{id}", { params });
      else if (method === "POST") await api.POST("/orders/{id}", { params, body });
      else await api.DELETE("/orders/{id}", { params });
    };
  };

  // Comparing two builds, each runs openapi-fetch alone (the transport alone would warm one build's code only).
  const compareWith = process.env.PROFILE_COMPARE;
  const contenders: Record<string, Request4> = compareWith
    ? {
        bare,
        openapiFetch: openapiFetchOver(transportBuild),
        openapiFetchCompare: openapiFetchOver(await import(compareWith)),
      }
    : { bare, transport: viaTransport, openapiFetch: openapiFetchOver(transportBuild) };
  const documents = Number(process.env.PROFILE_DOCS ?? 400);
  const pass = async (request: Request4): Promise<number> => {
    let next = 0;
    const start = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < documents) {
          const id = next++;
          await request(`/d${id}`, "GET");
          await request(`/q${id}`, "GET");
          await request(`/c${id}`, "POST", order);
          await request(`/d${id}`, "DELETE");
        }
      }),
    );
    const cpu = process.cpuUsage(start);
    return (cpu.user + cpu.system) / 1000 / documents;
  };
  try {
    for (const request of Object.values(contenders)) await pass(request);
    const passes = Number(process.env.PROFILE_PASSES ?? 3);
    const totals: Record<string, number> = {};
    const differences: number[] = [];
    // In turn, so that a change of load hits all of them; the two builds swap places every other pass.
    for (let index = 0; index < passes; index++) {
      const names = Object.keys(contenders);
      if (index % 2 === 1 && compareWith) names.splice(names.length - 2, 2, "openapiFetchCompare", "openapiFetch");
      const spent: Record<string, number> = {};
      for (const name of names) {
        spent[name] = await pass(contenders[name] as Request4);
        totals[name] = (totals[name] ?? 0) + (spent[name] ?? 0);
      }
      if (compareWith) differences.push((spent.openapiFetch ?? 0) - (spent.openapiFetchCompare ?? 0));
    }
    const sorted = [...differences].sort((a, b) => a - b);
    const ms = (value: number) => Number(value.toFixed(3));
    const per = Object.fromEntries(Object.entries(totals).map(([name, total]) => [name, total / passes]));
    process.stdout.write(
      `${JSON.stringify({
        cpuMsPer4Requests: Object.fromEntries(Object.entries(per).map(([name, value]) => [name, ms(value)])),
        ...(compareWith ? {} : { transportOverBare: ms((per.transport ?? 0) - (per.bare ?? 0)) }),
        openapiFetchOverBare: ms((per.openapiFetch ?? 0) - (per.bare ?? 0)),
        ...(compareWith
          ? {
              medianOverCompare: ms(sorted[Math.floor(sorted.length / 2)] ?? 0),
              passesBelowCompare: `${differences.filter((difference) => difference < 0).length}/${passes}`,
            }
          : {}),
      })}\n`,
    );
  } finally {
    agent.destroy();
    child.kill();
  }
}
