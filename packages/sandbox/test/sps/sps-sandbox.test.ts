import { afterEach, describe, expect, it } from "vitest";
import { type SpsSandbox, type SpsSandboxOptions, startSpsSandbox } from "../../src/index.js";
import { requestToken } from "./support/start-with-token.js";

const running: SpsSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

async function start(options: SpsSandboxOptions = {}): Promise<SpsSandbox> {
  const sandbox = await startSpsSandbox(options);
  running.push(sandbox);
  return sandbox;
}

const token = (sandbox: SpsSandbox, body: Record<string, string> = {}) =>
  requestToken(sandbox, { audience: "https://spscommerce.com", ...body });

async function bearer(sandbox: SpsSandbox): Promise<string> {
  const answer = (await (await token(sandbox)).json()) as { access_token: string };
  return `Bearer ${answer.access_token}`;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("SPS sandbox: auth server", () => {
  it("issues HS256 JWTs with the configured lifetime for client_credentials (JSON or form)", async () => {
    const sandbox = await start({ tokenLifetimeSeconds: 90 });
    const response = await token(sandbox);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 90 });
    const claims = claimsOf(body.access_token);
    expect(claims).toMatchObject({ aud: "https://spscommerce.com", azp: sandbox.credentials.clientId });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(90);
    expect(JSON.parse(Buffer.from(body.access_token.split(".")[0] ?? "", "base64url").toString())).toEqual({
      alg: "HS256",
      typ: "JWT",
    });

    const form = await fetch(`${sandbox.authUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
        audience: "https://spscommerce.com",
      }),
    });
    expect(form.status).toBe(200);
  });

  it("refuses wrong secrets, the retired audience, and unknown grants Auth0-style", async () => {
    const sandbox = await start();
    const wrong = await token(sandbox, { client_secret: "nope" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "access_denied" });
    const legacy = await token(sandbox, { audience: "api://api.spscommerce.com/" });
    expect(legacy.status).toBe(403);
    expect(await legacy.json()).toMatchObject({ error: "access_denied" });
    const unknown = await token(sandbox, { grant_type: "password" });
    expect(unknown.status).toBe(400);
  });

  it("rate-limits a client that asks for tokens too often, with Retry-After", async () => {
    const clock = { now: () => 1_800_000_000_000 };
    const sandbox = await start({ tokenRateLimit: { maxRequests: 2, windowMs: 30_000 }, clock });
    expect((await token(sandbox)).status).toBe(200);
    expect((await token(sandbox)).status).toBe(200);
    const limited = await token(sandbox);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect(await limited.json()).toMatchObject({ error: "too_many_requests" });
    clock.now = () => 1_800_000_031_000;
    expect((await token(sandbox)).status).toBe(200);
  });

  it("rejects expired and revoked tokens with 401 problem+json", async () => {
    let now = Date.now();
    const sandbox = await start({ tokenLifetimeSeconds: 60, clock: { now: () => now } });
    const authorization = await bearer(sandbox);
    const check = () => fetch(`${sandbox.baseUrl}/auth-check`, { headers: { authorization } });
    expect((await check()).status).toBe(204);
    expect((await fetch(`${sandbox.baseUrl}/auth-check`)).status).toBe(401);
    now += 61_000;
    const expired = await check();
    expect(expired.status).toBe(401);
    expect(expired.headers.get("content-type")).toBe("application/problem+json");
    expect(await expired.json()).toMatchObject({
      title: "Unauthorized",
      status: 401,
      detail: "The token has expired.",
    });

    now -= 61_000;
    expect((await check()).status).toBe(204);
    sandbox.revokeAccessTokens();
    expect((await check()).status).toBe(401);
    expect(
      (await fetch(`${sandbox.baseUrl}/auth-check`, { headers: { authorization: await bearer(sandbox) } })).status,
    ).toBe(204);
  });

  it("runs the authorization-code flow with offline_access and refresh tokens", async () => {
    const redirectUri = "http://127.0.0.1:9/cb";
    const sandbox = await start({ redirectUris: [redirectUri] });
    const authorize = new URL(`${sandbox.authUrl}/authorize`);
    for (const [key, value] of Object.entries({
      response_type: "code",
      client_id: sandbox.credentials.clientId,
      redirect_uri: redirectUri,
      audience: "https://spscommerce.com",
      scope: "openid offline_access",
      state: "s1",
    })) {
      authorize.searchParams.set(key, value);
    }
    const redirect = await fetch(authorize, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("s1");
    const exchanged = (await (
      await token(sandbox, {
        grant_type: "authorization_code",
        code: location.searchParams.get("code") ?? "",
        redirect_uri: redirectUri,
      })
    ).json()) as { refresh_token?: string };
    expect(exchanged.refresh_token).toBeTruthy();
    const refreshed = await token(sandbox, {
      grant_type: "refresh_token",
      refresh_token: exchanged.refresh_token ?? "",
    });
    expect(refreshed.status).toBe(200);
    sandbox.revokeRefreshTokens();
    const revoked = await token(sandbox, { grant_type: "refresh_token", refresh_token: exchanged.refresh_token ?? "" });
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("SPS sandbox: Transaction API v5", () => {
  it("answers listings in the documented shape, with cursor paging", async () => {
    const sandbox = await start({ pageSize: 2 });
    for (const name of ["a.json", "b.json", "c.json"]) sandbox.mailbox.putOutbound(name, "{}");
    const authorization = await bearer(sandbox);
    const first = await fetch(`${sandbox.baseUrl}/transactions/v5/data/out/?limit=1000`, {
      headers: { authorization },
    });
    const page = (await first.json()) as {
      results: { path: string; type: string; url: string }[];
      paging: { limit: number; next: { cursor: string; url: string } | null };
    };
    expect(page.results).toEqual([
      { path: "/out/a.json", type: "file", url: `${sandbox.baseUrl}/transactions/v5/data/out/a.json` },
      { path: "/out/b.json", type: "file", url: `${sandbox.baseUrl}/transactions/v5/data/out/b.json` },
    ]);
    expect(page.paging.limit).toBe(2);
    expect(page.paging.next?.url).toBe(
      `${sandbox.baseUrl}/transactions/v5/data/out/?limit=1000&cursor=${page.paging.next?.cursor}`,
    );
    const second = (await (
      await fetch(page.paging.next?.url ?? "", { headers: { authorization } })
    ).json()) as typeof page;
    expect(second.results.map((entry) => entry.path)).toEqual(["/out/c.json"]);
    expect(second.paging.next).toBeNull();
  });

  it("refuses bad limits, bad cursors, traversal and uploads outside in/", async () => {
    const sandbox = await start();
    const authorization = await bearer(sandbox);
    const get = (path: string) => fetch(`${sandbox.baseUrl}${path}`, { headers: { authorization } });
    expect((await get("/transactions/v5/data/out/?limit=0")).status).toBe(400);
    expect((await get("/transactions/v5/data/out/?limit=1001")).status).toBe(400);
    expect((await get("/transactions/v5/data/out/?cursor=garbage")).status).toBe(400);
    expect((await get("/transactions/v5/data/out/..%2Fin/x.json")).status).toBe(400);
    expect((await get("/transactions/v5/data/out/missing.json")).status).toBe(404);
    const upload = (path: string, type = "application/octet-stream") =>
      fetch(`${sandbox.baseUrl}/transactions/v5/data/${path}`, {
        method: "POST",
        headers: { authorization, "content-type": type },
        body: "{}",
      });
    expect((await upload("out/x.json")).status).toBe(403);
    expect((await upload("in/x.json", "application/json")).status).toBe(415);
    expect((await upload("testin/x.json")).status).toBe(201);
  });

  it("keeps a history of uploads, verdicts, downloads and deletions, paged by offset", async () => {
    const sandbox = await start();
    const authorization = await bearer(sandbox);
    const upload = await fetch(`${sandbox.baseUrl}/transactions/v5/data/in/PR1-v7.7-BulkImport.json`, {
      method: "POST",
      headers: { authorization, "content-type": "application/octet-stream" },
      body: "not json at all",
    });
    expect(upload.status).toBe(201);
    expect(await upload.json()).toEqual({
      path: "/in/PR1-v7.7-BulkImport.json",
      url: `${sandbox.baseUrl}/transactions/v5/data/in/PR1-v7.7-BulkImport.json`,
    });
    const [file] = sandbox.mailbox.inbound();
    expect(file?.status).toBe("rejected");
    expect(file?.issues[0]?.code).toBeTruthy();

    sandbox.mailbox.putOutbound("PO1.json", "{}");
    await fetch(`${sandbox.baseUrl}/transactions/v5/data/out/PO1.json`, { headers: { authorization } });
    await fetch(`${sandbox.baseUrl}/transactions/v5/data/out/PO1.json`, {
      method: "DELETE",
      headers: { authorization },
    });

    const history = sandbox.mailbox.history();
    expect(history.map((entry) => [entry.path, entry.direction, entry.status_log.map((s) => s.status)])).toEqual([
      ["/in/PR1-v7.7-BulkImport.json", "in", ["uploaded", "rejected"]],
      ["/out/PO1.json", "out", ["downloaded", "deleted"]],
    ]);
    const page = (await (
      await fetch(`${sandbox.baseUrl}/transactions/v5/history?limit=1`, { headers: { authorization } })
    ).json()) as {
      results: unknown[];
      paging: { offset: number; limit: number; total_count: number; next: { url: string } };
    };
    expect(page.results).toHaveLength(1);
    expect(page.paging).toMatchObject({ offset: 0, limit: 1, total_count: 2 });
    expect(new URL(page.paging.next.url).searchParams.get("offset")).toBe("1");
  });
});

describe("SPS sandbox: listing and history over HTTP with many files", () => {
  it("downloads and deletes 600 files page by page; the history pages them oldest first with offsets", async () => {
    let now = 1_800_000_000_000;
    const sandbox = await start({ clock: { now: () => now } });
    const authorization = await bearer(sandbox);
    for (let index = 0; index < 600; index++) {
      sandbox.mailbox.putOutbound(`PO${String(599 - index).padStart(5, "0")}.json`, "{}");
    }
    const api = `${sandbox.baseUrl}/transactions/v5/data`;
    const names: string[] = [];
    let url: string | undefined = `${api}/out/?limit=250`;
    while (url) {
      const page = (await (await fetch(url, { headers: { authorization } })).json()) as {
        results: { path: string; type: string }[];
        paging?: { next: { url: string } | null };
      };
      for (const entry of page.results) {
        const file = `${api}${entry.path}`;
        expect((await fetch(file, { headers: { authorization } })).status).toBe(200);
        expect((await fetch(file, { method: "DELETE", headers: { authorization } })).status).toBe(204);
        names.push(entry.path.slice("/out/".length));
        now += 1000;
      }
      url = page.paging?.next?.url;
    }
    expect(names).toEqual(Array.from({ length: 600 }, (_, index) => `PO${String(index).padStart(5, "0")}.json`));
    expect(sandbox.mailbox.paths("out")).toEqual([]);

    // The history: one entry per file life, oldest first, paged by offset; total_count counts every match.
    const read = async (query: string) =>
      (await (
        await fetch(`${sandbox.baseUrl}/transactions/v5/history?${query}`, { headers: { authorization } })
      ).json()) as {
        results: { id: string; path: string; status_log: { status: string }[] }[];
        paging: { offset: number; total_count: number; next: { url: string } | null };
      };
    const first = await read("limit=1000&offset=0");
    expect(first.paging.total_count).toBe(600);
    expect(first.results.map((entry) => entry.id)).toEqual(
      Array.from({ length: 600 }, (_, index) => String(index + 1)),
    );
    expect(first.results[0]?.status_log.map((item) => item.status)).toEqual(["downloaded", "deleted"]);
    const last = await read("limit=1000&offset=100");
    expect(last.results.map((entry) => entry.path)).toEqual(
      Array.from({ length: 500 }, (_, index) => `/out/PO${String(100 + index).padStart(5, "0")}.json`),
    );
    expect(last.paging.next).toBeNull();
    // A time window (after, until]: the entries whose last status falls in it (one per second of the sandbox clock).
    const from = new Date(1_800_000_000_000 + 10_000).toISOString().slice(0, 19);
    const end = new Date(1_800_000_000_000 + 20_000).toISOString().slice(0, 19);
    const window = await read(`limit=100&after=${from}&until=${end}`);
    expect(window.paging.total_count).toBe(10);
    expect(window.results.map((entry) => entry.path)).toEqual(
      Array.from({ length: 10 }, (_, index) => `/out/PO${String(11 + index).padStart(5, "0")}.json`),
    );
  });
});
