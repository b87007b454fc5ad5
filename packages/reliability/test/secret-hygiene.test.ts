import { runCli } from "@ml-connector/cli";
import { createSageX3Client } from "@ml-connector/sage-x3-client";
import {
  bytesOf,
  FaultInjector,
  fileNameOf,
  make850,
  Router,
  sandboxClientSettings,
  startHttpServer,
  startSageX3Sandbox,
  startSpsSandbox,
} from "@ml-connector/sandbox";
import { createSpsClient } from "@ml-connector/sps-client";
import { type ConnectorStores, createMemoryStores } from "@ml-connector/sync-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seededRandom } from "../src/random.js";
import { wire } from "../src/wiring.js";

// Recognisable secrets: the sandboxes are started with them (the demo's too, through the mock below), so a leak
// anywhere is a plain substring match.
const SPS_SECRET = "SPS-CANARY-SECRET-7f3a91c2d4";
const X3_APP_SECRET = "X3-CANARY-APPSECRET-5be07d1a";
const X3_OAUTH_SECRET = "X3-CANARY-OAUTHSECRET-c19e4f";
const X3_PASSWORD = "X3-CANARY-PASSWORD-2d8b6a";
const SECRETS = [SPS_SECRET, X3_APP_SECRET, X3_OAUTH_SECRET, X3_PASSWORD];

vi.mock("@ml-connector/sandbox", async (importOriginal) => {
  const original = await importOriginal<typeof import("@ml-connector/sandbox")>();
  return {
    ...original,
    startSpsSandbox: (options: Parameters<typeof original.startSpsSandbox>[0] = {}) =>
      original.startSpsSandbox({
        ...options,
        credentials: options.credentials ?? { clientId: "canary-client", clientSecret: SPS_SECRET },
      }),
    startSageX3Sandbox: async (options: Parameters<typeof original.startSageX3Sandbox>[0] = {}) => {
      const sandbox = await original.startSageX3Sandbox(options);
      // The sandbox reads its credentials object on every request: these become the ones it checks.
      sandbox.credentials.connectedApp.secret = X3_APP_SECRET;
      sandbox.credentials.oauth.clientSecret = X3_OAUTH_SECRET;
      sandbox.credentials.basic.password = X3_PASSWORD;
      return sandbox;
    },
  };
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Every log line, as the logger was handed it (object and message), serialised. */
function recordingLogger() {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push(`${level} ${args.map((a) => (typeof a === "string" ? a : safeJson(a))).join(" ")}`);
    };
  return {
    lines,
    logger: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)) ?? "";
  } catch {
    return String(value);
  }
}

/** Every audit document, its attempts, its reasons and its chain, serialised. */
async function dumpAudit(stores: ConnectorStores): Promise<{ text: string; documents: number; attempts: number }> {
  const parts: string[] = [];
  let documents = 0;
  let attempts = 0;
  let cursor: string | undefined;
  do {
    const page = await stores.audit.findDocuments({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const document of page.items) {
      documents += 1;
      parts.push(JSON.stringify(document));
      const list = await stores.audit.listAttempts(document.id);
      attempts += list.length;
      parts.push(JSON.stringify(list));
      parts.push(JSON.stringify(await stores.audit.chain({ documentId: document.id })));
    }
    cursor = page.nextCursor;
  } while (cursor);
  parts.push(JSON.stringify(await stores.audit.listInProgress()));
  return { text: parts.join("\n"), documents, attempts };
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  // No bearer token or JWT in the clear either.
  expect(text).not.toMatch(/Bearer\s+(?!\[)[A-Za-z0-9._-]{8,}/);
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
}

describe("secret hygiene", () => {
  it("the demo, run with recognisable secrets, prints none of them", async () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const sink = (chunks: string[]) => ({ isTTY: false, columns: 120, write: (c: string) => chunks.push(c) > 0 });
    const code = await runCli(["demo"], { stdout: sink(stdout), stderr: sink(stderr), env: {}, cwd: process.cwd() });
    expect(code).toBe(0);
    const all = `${stdout.join("")}\n${stderr.join("")}`;
    // The demo really ran against the canary credentials: orders went through.
    expect(all).toMatch(/orders-in\s+26 documents: 25 created, 1 rejected/);
    expectNoSecret(all);
  }, 90_000);

  it("a run of the four flows under faults and token revocations leaks no secret to logs, errors or the audit trail", async () => {
    const sps = await startSpsSandbox({ tokenRateLimit: false, random: seededRandom(1) });
    const x3 = await startSageX3Sandbox({ faults: new FaultInjector(seededRandom(2)) });
    closers.push(sps.close, x3.close);
    expect(sps.credentials.clientSecret).toBe(SPS_SECRET);
    expect(x3.credentials.connectedApp.secret).toBe(X3_APP_SECRET);
    const stores = createMemoryStores();
    const { lines, logger } = recordingLogger();
    const { connector } = wire(sandboxClientSettings(sps, x3), {
      stores,
      logger,
      timeoutMs: 400,
      retry: { baseDelayMs: 1, maxDelayMs: 5, retries: 2 },
      startFrom: new Date("2020-01-01T00:00:00Z"), // before anything the sandboxes hold: no wall clock
      safetyLagMs: 0,
    });
    const texts: string[] = [];
    connector.on((event) => texts.push(safeJson(event)));
    for (let i = 0; i < 20; i += 1) {
      const spec = { po: `SEC${i}` };
      sps.mailbox.putOutbound(fileNameOf(spec), bytesOf(make850(spec)));
    }
    sps.mailbox.putOutbound(fileNameOf({ po: "SECBAD" }), "not json");
    // Faults on every route of both systems, and failures that carry messages: a refused token, X3 down.
    for (const faults of [sps.faults, x3.faults]) {
      faults.add({ status: 503, probability: 0.1 });
      faults.add({ status: 429, retryAfter: 1, probability: 0.05 });
      faults.add({ reset: true, probability: 0.02 });
      faults.add({ latencyMs: 600, probability: 0.02 });
    }
    const runAll = async () => {
      for (const flow of ["orders-in", "acks-out", "asns-out", "invoices-out"] as const) {
        try {
          const summary = await connector.runOnce(flow);
          texts.push(safeJson(summary));
        } catch (error) {
          texts.push(safeJson(error), String(error), (error as Error).stack ?? "");
        }
      }
    };
    for (let round = 0; round < 6; round += 1) {
      if (round % 2 === 1) sps.revokeAccessTokens();
      for (const order of x3.data.list("SORDER")) {
        const key = String(order.SOHNUM);
        if (order.ALLSTA !== 3 && round >= 1) x3.data.allocate(key);
      }
      await runAll();
    }
    // A refused secret: the SPS auth server's answer and the client's error must not echo it.
    sps.revokeAccessTokens();
    const wrong = createSpsClient({
      baseUrl: sps.baseUrl,
      authUrl: sps.authUrl,
      credentials: { clientId: "canary-client", clientSecret: `${SPS_SECRET}-wrong` },
      logger,
    });
    const refused = await wrong.authCheck().catch((error: unknown) => error);
    texts.push(safeJson(refused), String(refused));
    const x3Wrong = createSageX3Client({
      serverUrl: x3.baseUrl,
      endpoint: x3.endpoint,
      auth: { mode: "basic", username: x3.credentials.basic.username, password: `${X3_PASSWORD}-wrong` },
      logger,
    });
    const x3Refused = await (async () => {
      for await (const _ of x3Wrong.query("BPCUSTOMER")) break;
    })().catch((error: unknown) => error);
    expect(x3Refused).toBeInstanceOf(Error);
    texts.push(safeJson(x3Refused), String(x3Refused), (x3Refused as Error).stack ?? "");

    const audit = await dumpAudit(stores);
    expect(audit.documents).toBeGreaterThanOrEqual(10);
    expect(lines.length).toBeGreaterThan(10);
    expectNoSecret(lines.join("\n"));
    expectNoSecret(texts.join("\n"));
    expectNoSecret(audit.text);
  }, 120_000);

  it("bearer tokens go only to the configured origin: a foreign next link is refused and gets no token", async () => {
    const authorizations: string[] = [];
    const router = new Router().add("GET", "/*rest", (request) => {
      authorizations.push(String(request.headers.authorization ?? ""));
      return { status: 200, body: { results: [], paging: { limit: 1, next: null } } };
    });
    const foreign = await startHttpServer({ router });
    const sps = await startSpsSandbox({ tokenRateLimit: false });
    const x3 = await startSageX3Sandbox({});
    closers.push(foreign.close, sps.close, x3.close);
    const stores = createMemoryStores();
    const { lines, logger } = recordingLogger();
    const { connector } = wire(sandboxClientSettings(sps, x3), {
      stores,
      logger,
      startFrom: new Date("2020-01-01T00:00:00Z"), // before anything the sandboxes hold: no wall clock
    });
    sps.mailbox.putOutbound(fileNameOf({ po: "NEXT1" }), bytesOf(make850({ po: "NEXT1" })));
    sps.faults.add({
      route: "transactions.list",
      times: 1,
      status: 200,
      body: {
        results: [{ path: "/out/elsewhere.json", type: "file" }],
        paging: { limit: 1, next: { cursor: "c1", url: `${foreign.url}/transactions/v5/data/out/?cursor=c1` } },
      },
    });
    const summary = await connector.runOnce("orders-in");
    expect(safeJson(summary.error)).toMatch(/origin|security|foreign|another/i);
    expect(authorizations).toEqual([]);
    // X3's $next on another host: Syracuse writes its links on its own host, so the client takes the link's path onto
    // the configured origin; a link to another resource than the query's is refused. Either way the foreign host
    // receives nothing.
    x3.faults.add({
      route: x3.routes.query,
      status: 200,
      times: 1,
      body: { $resources: [], $links: { $next: { $url: `${foreign.url}/api1/x3/erp/SEED/BPCUSTOMER?key=gt.X` } } },
    });
    const acks = await connector.runOnce("acks-out");
    expect(safeJson(acks.error)).toMatch(/origin|security|foreign|another/i);
    expect(authorizations).toEqual([]);
    expectNoSecret([lines.join("\n"), safeJson(summary), safeJson(acks), (await dumpAudit(stores)).text].join("\n"));
  });

  it("plain http is refused for anything but loopback, by both clients", () => {
    const credentials = { clientId: "a", clientSecret: SPS_SECRET };
    for (const baseUrl of ["http://api.example.com", "http://10.0.0.5:8080", "http://localhost.evil.com"]) {
      expect(() => createSpsClient({ baseUrl, credentials })).toThrow(/https/);
      expect(() =>
        createSageX3Client({
          serverUrl: baseUrl,
          endpoint: "SEED",
          auth: { mode: "basic", username: "u", password: X3_PASSWORD },
        }),
      ).toThrow(/https/);
    }
    expect(() => createSpsClient({ authUrl: "http://auth.example.com", credentials })).toThrow(/https/);
    for (const loopback of ["http://127.0.0.1:1234", "http://localhost:1234", "http://[::1]:1234"]) {
      expect(() => createSpsClient({ baseUrl: loopback, authUrl: loopback, credentials })).not.toThrow();
    }
    try {
      createSpsClient({ baseUrl: "http://api.example.com", credentials });
    } catch (error) {
      expectNoSecret(`${String(error)} ${safeJson(error)}`);
    }
  });
});
