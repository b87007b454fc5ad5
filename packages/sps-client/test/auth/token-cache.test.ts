import { MemoryTokenStore, type TokenSet } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import { spsTokenKey } from "../../src/index.js";
import { clientFor, collect, manualClock, startSandbox } from "../support/sandbox.js";

describe("token cache", () => {
  it("makes one token request for many calls", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", "{}");
    const client = clientFor(sandbox);
    for (let i = 0; i < 10; i += 1) {
      await collect(client.list("out"));
      await client.download("out/PO1-v7.7-BulkImport.json");
    }
    expect(await client.authCheck()).toBe(true);
    expect(sandbox.counters.get("token")).toBe(1);
    expect(sandbox.counters.get("transactions.list")).toBe(10);
  });

  it("uses the JWT's exp, and refreshes shortly before it", async () => {
    const clock = manualClock();
    const sandbox = await startSandbox({ clock, tokenLifetimeSeconds: 600 });
    const client = clientFor(sandbox, { clock, refreshBeforeMs: 30_000 });
    await client.authCheck();
    const first = client.tokens.peek();
    expect(first?.expiresAt).toBeGreaterThan(clock.now() + 590_000);
    expect(first?.expiresAt).toBeLessThanOrEqual(clock.now() + 600_000);

    clock.advance(560_000); // 40 s left: still fresh
    await client.authCheck();
    expect(sandbox.counters.get("token")).toBe(1);

    clock.advance(20_000); // 20 s left: inside the refresh window
    await client.authCheck();
    expect(sandbox.counters.get("token")).toBe(2);
    expect(client.tokens.peek()?.accessToken).not.toBe(first?.accessToken);
  });

  it("falls back to expires_in when the token is not a JWT", async () => {
    const sandbox = await startSandbox();
    const clock = manualClock();
    // A token endpoint that hands out opaque tokens; the API calls are not made here.
    const opaqueFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === "/oauth/token") {
        return Response.json({ access_token: "opaque-token-value", token_type: "Bearer", expires_in: 120 });
      }
      return fetch(request);
    };
    const client = clientFor(sandbox, { clock, fetch: opaqueFetch });
    await client.tokens.getAccessToken();
    expect(client.tokens.peek()?.expiresAt).toBe(clock.now() + 120_000);
  });

  it("persists tokens in the TokenStore and reuses them across clients", async () => {
    const sandbox = await startSandbox();
    const store = new MemoryTokenStore();
    await clientFor(sandbox, { tokenStore: store }).authCheck();
    const stored: TokenSet | undefined = await store.get(spsTokenKey(sandbox.credentials.clientId));
    expect(stored?.accessToken).toMatch(/^eyJ/);

    // A second process with the same store does not ask for a new token.
    await clientFor(sandbox, { tokenStore: store }).authCheck();
    expect(sandbox.counters.get("token")).toBe(1);
  });

  it("surfaces the token endpoint's rate limit as a rate-limit error with when to come back", async () => {
    const sandbox = await startSandbox({ tokenRateLimit: { maxRequests: 3, windowMs: 60_000 } });
    // Separate clients share no cache: the fourth one is refused.
    for (let i = 0; i < 3; i += 1) await clientFor(sandbox).authCheck();
    const error = await clientFor(sandbox, { retry: { baseDelayMs: 1, maxRetryAfterMs: 1_000 } })
      .authCheck()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "rate-limit", status: 429 });
    expect((error as Error).message).toMatch(/try again after/);
    expect(sandbox.counters.get("token")).toBe(4);
  });

  it("refuses bad credentials with an auth error that does not contain the secret", async () => {
    const sandbox = await startSandbox();
    const secret = "wrong-secret-value-123456";
    const client = clientFor(sandbox, {
      credentials: { clientId: sandbox.credentials.clientId, clientSecret: secret },
    });
    const error = await client.download("out/x.json").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "auth", status: 401 });
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(String(error)).not.toContain(secret);
  });
});
