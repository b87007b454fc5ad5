import { MemoryTokenStore, type TokenSet } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import { sageX3TokenKey } from "../../src/index.js";
import { client, collect, MINUTE, oauthSettings, pair, recordingFetch, sandbox } from "../helpers.js";

describe("authorization code: rotating refresh tokens", () => {
  it("pairs, then persists each rotated refresh token before using the access token that came with it", async () => {
    const x3 = await sandbox();
    const key = sageX3TokenKey(x3.credentials.oauth.clientId, x3.credentials.oauth.tokenUrl);
    const events: string[] = [];
    const inner = new MemoryTokenStore();
    const store = {
      get: (k: string) => inner.get(k),
      delete: (k: string) => inner.delete(k),
      set: async (k: string, tokens: TokenSet) => {
        events.push(`stored ${tokens.accessToken.slice(-8)}`);
        await inner.set(k, tokens);
      },
    };
    await pair(x3, store);
    const paired = await inner.get(key);
    expect(paired?.refreshToken).toBeTruthy();
    expect(x3.counters.get(x3.routes.token)).toBe(1);

    const wire = recordingFetch();
    const spy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const auth = request.headers.get("authorization");
      if (auth?.startsWith("Bearer ")) events.push(`used ${auth.slice(-8)}`);
      return wire.fetch(request);
    };
    const first = client(x3, { tokenStore: store, fetch: spy });
    expect((await collect(first.query("BPCUSTOMER"))).length).toBe(3);
    expect(x3.counters.get(x3.routes.token)).toBe(1);

    x3.clock.advance(6 * MINUTE);
    expect((await collect(first.query("BPCUSTOMER"))).length).toBe(3);
    expect(x3.counters.get(x3.routes.token)).toBe(2);
    const rotated = await inner.get(key);
    expect(rotated?.refreshToken).toBeTruthy();
    expect(rotated?.refreshToken).not.toBe(paired?.refreshToken);
    // The old refresh token died when it was used.
    expect(x3.auth.isRefreshTokenActive(paired?.refreshToken ?? "")).toBe(false);
    expect(x3.auth.isRefreshTokenActive(rotated?.refreshToken ?? "")).toBe(true);
    const newAccess = rotated?.accessToken.slice(-8) ?? "";
    expect(events.indexOf(`stored ${newAccess}`)).toBeGreaterThanOrEqual(0);
    expect(events.indexOf(`stored ${newAccess}`)).toBeLessThan(events.indexOf(`used ${newAccess}`));
  });

  it("a new client (a restart) continues with the saved token set", async () => {
    const x3 = await sandbox();
    const store = await pair(x3);
    const first = client(x3, { tokenStore: store });
    x3.clock.advance(6 * MINUTE);
    await collect(first.query("ITMMASTER"));
    expect(x3.counters.get(x3.routes.token)).toBe(2);

    // Same store, fresh process: the saved access token is still valid, so no token request at all.
    const second = client(x3, { tokenStore: store });
    await collect(second.query("ITMMASTER"));
    expect(x3.counters.get(x3.routes.token)).toBe(2);

    // Later it refreshes with the rotated refresh token (the sandbox refuses any older one).
    x3.clock.advance(6 * MINUTE);
    const third = client(x3, { tokenStore: store });
    expect((await collect(third.query("ITMMASTER"))).length).toBe(4);
    expect(x3.counters.get(x3.routes.token)).toBe(3);
  });

  it("refuses to work unpaired, with the re-pair hint", async () => {
    const x3 = await sandbox();
    const unpaired = client(x3, { tokenStore: new MemoryTokenStore() });
    await expect(collect(unpaired.query("BPCUSTOMER"))).rejects.toMatchObject({
      kind: "auth",
      message: expect.stringContaining("ml-connector auth sage-x3"),
    });
    expect(x3.counters.get(x3.routes.query)).toBe(0);
  });

  it("the pairing helper checks state and builds the authorize URL", async () => {
    const x3 = await sandbox();
    const settings = oauthSettings(x3);
    const { createSageX3Pairing } = await import("../../src/index.js");
    const pairing = createSageX3Pairing({
      ...x3.credentials.oauth,
      tokenStore: new MemoryTokenStore(),
      customer: "https://x3.customer.example",
    });
    const url = new URL(pairing.authorizeUrl("s1"));
    expect(url.searchParams.get("client_id")).toBe(settings.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(settings.redirectUri);
    expect(url.searchParams.get("customer")).toBe("https://x3.customer.example");
    expect(() => pairing.parseCallback("http://127.0.0.1/callback?authorizationCode=abc&state=other", "s1")).toThrow(
      /state/,
    );
    await expect(pairing.exchangeCode("not-a-code")).rejects.toMatchObject({ kind: "auth" });
  });
});
