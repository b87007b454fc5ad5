import { describe, expect, it } from "vitest";
import { jwtExpiresAt, MemoryTokenStore, TokenCache, type TokenSet } from "../../src/index.js";

function clockAt(start: number) {
  const clock = { time: start, now: () => clock.time };
  return clock;
}

describe("TokenCache", () => {
  it("obtains once for many concurrent callers (single flight)", async () => {
    let calls = 0;
    const cache = new TokenCache({
      key: "k",
      obtain: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { accessToken: `a${calls}`, expiresAt: Date.now() + 3_600_000 };
      },
    });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(["a1"]));
    expect(calls).toBe(1);
  });

  it("refreshes proactively before expiry and passes the current refresh token", async () => {
    const clock = clockAt(1_000_000);
    const seen: Array<string | undefined> = [];
    let n = 0;
    const cache = new TokenCache({
      key: "k",
      clock,
      refreshBeforeMs: 30_000,
      obtain: async (current) => {
        seen.push(current?.refreshToken);
        n += 1;
        return { accessToken: `a${n}`, refreshToken: `r${n}`, expiresAt: clock.now() + 300_000 };
      },
    });
    expect(await cache.getAccessToken()).toBe("a1");
    clock.time += 269_000;
    expect(await cache.getAccessToken()).toBe("a1");
    clock.time += 2_000; // 29 s before expiry: inside the refresh window
    expect(await cache.getAccessToken()).toBe("a2");
    expect(seen).toEqual([undefined, "r1"]);
  });

  it("persists a rotated token set before handing out its access token", async () => {
    const events: string[] = [];
    const store = new MemoryTokenStore();
    const recordingStore = {
      get: (key: string) => store.get(key),
      set: async (key: string, tokens: TokenSet) => {
        events.push(`stored ${tokens.refreshToken}`);
        await store.set(key, tokens);
      },
      delete: (key: string) => store.delete(key),
    };
    const cache = new TokenCache({
      key: "k",
      store: recordingStore,
      obtain: async () => ({ accessToken: "a", refreshToken: "r-new", expiresAt: Date.now() + 60_000 }),
    });
    const token = await cache.getAccessToken();
    events.push(`used ${token}`);
    expect(events).toEqual(["stored r-new", "used a"]);
  });

  it("a new cache over the same store reuses the saved token instead of obtaining one", async () => {
    const store = new MemoryTokenStore();
    let calls = 0;
    const obtain = async () => {
      calls += 1;
      return { accessToken: `a${calls}`, expiresAt: Date.now() + 600_000 };
    };
    await new TokenCache({ key: "k", store, obtain }).getAccessToken();
    expect(await new TokenCache({ key: "k", store, obtain }).getAccessToken()).toBe("a1");
    expect(calls).toBe(1);
  });

  it("invalidate drops only the token that was refused", async () => {
    let n = 0;
    const cache = new TokenCache({
      key: "k",
      obtain: async (_current, reason) => {
        n += 1;
        return { accessToken: `a${n}-${reason}`, expiresAt: Date.now() + 600_000 };
      },
    });
    const first = await cache.getAccessToken();
    await cache.invalidate("some-older-token");
    expect(await cache.getAccessToken()).toBe(first);
    await cache.invalidate(first);
    expect(await cache.getAccessToken()).toBe("a2-invalidated");
  });

  it("a failed obtain is not cached: the next call tries again", async () => {
    let n = 0;
    const cache = new TokenCache({
      key: "k",
      obtain: async () => {
        n += 1;
        if (n === 1) throw new Error("token endpoint down");
        return { accessToken: "ok", expiresAt: Date.now() + 600_000 };
      },
    });
    await expect(cache.getAccessToken()).rejects.toThrow("token endpoint down");
    expect(await cache.getAccessToken()).toBe("ok");
  });
});

describe("jwtExpiresAt", () => {
  it("reads exp from a JWT and ignores other strings", () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_800_000_000 })).toString("base64url");
    expect(jwtExpiresAt(`eyJhbGciOiJIUzI1NiJ9.${payload}.sig`)).toBe(1_800_000_000_000);
    expect(jwtExpiresAt("opaque-token")).toBeUndefined();
    expect(jwtExpiresAt("a.!!!.c")).toBeUndefined();
  });
});
