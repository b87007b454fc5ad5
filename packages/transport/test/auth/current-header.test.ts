import { describe, expect, it } from "vitest";
import { createBearerAuth, createTransportFetch, TokenCache, TransportRequest } from "../../src/index.js";
import { json, useLoopbackServers } from "../http/loopback-server.js";

const server = useLoopbackServers();

/** A token cache on a manual clock whose tokens are numbered by the obtain that made them. */
function numberedTokens(lifetimeMs: number) {
  const clock = { time: 1_000_000, now: () => clock.time };
  const state = { obtained: 0 };
  const cache = new TokenCache({
    key: "k",
    clock,
    refreshBeforeMs: 1_000,
    obtain: async () => {
      state.obtained += 1;
      return { accessToken: `token-${state.obtained}`, expiresAt: clock.time + lifetimeMs };
    },
  });
  return { cache, clock, state };
}

describe("the Authorization header at hand (AuthStrategy.current)", () => {
  it("is the fresh cached token's header, and undefined before the first token, after a 401 and near expiry", async () => {
    const { cache, clock } = numberedTokens(10_000);
    const auth = createBearerAuth(cache);
    expect(cache.freshAccessToken()).toBeUndefined();
    expect(auth.current?.()).toBeUndefined();
    expect(await auth.authorize()).toBe("Bearer token-1");
    expect(auth.current?.()).toBe("Bearer token-1");
    await auth.invalidate("Bearer token-1");
    expect(auth.current?.()).toBeUndefined();
    expect(await auth.authorize()).toBe("Bearer token-2");
    // Within refreshBeforeMs of expiry the token is not at hand: authorize refreshes it.
    clock.time += 9_500;
    expect(cache.freshAccessToken()).toBeUndefined();
    expect(auth.current?.()).toBeUndefined();
    expect(await auth.authorize()).toBe("Bearer token-3");
  });

  it("is sent without calling authorize; authorize is called when it is not at hand, and on a 401", async () => {
    const srv = await server((req, res) =>
      req.headers.authorization === "Bearer stale" ? json(res, 401, {}) : json(res, 200, { ok: true }),
    );
    let atHand: string | undefined;
    const calls = { authorize: 0, invalidate: [] as string[] };
    const fetch = createTransportFetch({
      baseUrl: srv.url,
      auth: {
        current: () => atHand,
        authorize: async () => {
          calls.authorize += 1;
          return `Bearer fetched-${calls.authorize}`;
        },
        invalidate: async (header) => {
          calls.invalidate.push(header);
          atHand = undefined;
          return true;
        },
        secrets: () => [],
      },
    });
    await fetch(new TransportRequest(`${srv.url}/a`));
    atHand = "Bearer cached";
    await fetch(new TransportRequest(`${srv.url}/b`));
    await fetch(new TransportRequest(`${srv.url}/c`));
    atHand = "Bearer stale";
    const refreshed = await fetch(new TransportRequest(`${srv.url}/d`));
    expect(await refreshed.json()).toEqual({ ok: true });
    expect(srv.requests.map((r) => `${r.path} ${r.headers.authorization}`)).toEqual([
      "/a Bearer fetched-1",
      "/b Bearer cached",
      "/c Bearer cached",
      "/d Bearer stale",
      "/d Bearer fetched-2",
    ]);
    expect(calls).toEqual({ authorize: 2, invalidate: ["Bearer stale"] });
  });
});
