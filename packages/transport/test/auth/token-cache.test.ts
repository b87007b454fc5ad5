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

describe("TokenCache across instances sharing a store", () => {
  /** A token server whose refresh tokens work once, as rotating refresh tokens do. */
  function rotatingServer() {
    let serial = 1;
    const live = new Set(["r1"]);
    const grants: string[] = [];
    return {
      grants,
      obtain: async (current: TokenSet | undefined): Promise<TokenSet> => {
        const used = current?.refreshToken ?? "";
        grants.push(used);
        if (!live.delete(used)) throw Object.assign(new Error("refresh token already used"), { kind: "auth" });
        serial += 1;
        live.add(`r${serial}`);
        return { accessToken: `a${serial}`, refreshToken: `r${serial}`, expiresAt: Date.now() + 300_000 };
      },
    };
  }

  it("refreshes and invalidates inside the store's exclusive section", async () => {
    const inner = new MemoryTokenStore();
    await inner.set("k", { accessToken: "a1", refreshToken: "r1", expiresAt: 0 });
    const events: string[] = [];
    let holder = Promise.resolve();
    const store = {
      get: (key: string) => inner.get(key),
      set: async (key: string, tokens: TokenSet) => {
        events.push(`set ${tokens.accessToken}`);
        await inner.set(key, tokens);
      },
      delete: (key: string) => inner.delete(key),
      // One section at a time, like the lock of a shared store.
      exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
        const run = holder.then(async () => {
          events.push(`enter ${key}`);
          try {
            return await task();
          } finally {
            events.push(`leave ${key}`);
          }
        });
        holder = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      },
    };
    const server = rotatingServer();
    const first = new TokenCache({ key: "k", store, obtain: server.obtain });
    const second = new TokenCache({ key: "k", store, obtain: server.obtain });
    expect(await Promise.all([first.getAccessToken(), second.getAccessToken()])).toEqual(["a2", "a2"]);
    expect(server.grants).toEqual(["r1"]);
    await Promise.all([first.invalidate("a2"), second.invalidate("a2")]);
    expect(await Promise.all([first.getAccessToken(), second.getAccessToken()])).toEqual(["a3", "a3"]);
    expect(server.grants).toEqual(["r1", "r2"]);
    expect(events).toEqual([
      "enter k",
      "set a2",
      "leave k",
      "enter k", // the second cache: finds a2 in the store
      "leave k",
      "enter k", // both invalidate a2 (expiresAt 0)
      "set a2",
      "leave k",
      "enter k",
      "set a2",
      "leave k",
      "enter k",
      "set a3",
      "leave k",
      "enter k",
      "leave k",
    ]);
  });

  it("without an exclusive store, a refresh refused because another instance rotated first uses the rotated set", async () => {
    const store = new MemoryTokenStore();
    await store.set("k", { accessToken: "a1", refreshToken: "r1", expiresAt: 0 });
    const server = rotatingServer();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first instance reads r1, then waits while the second one refreshes with r1 and stores r2.
    const slow = new TokenCache({
      key: "k",
      store,
      obtain: async (current) => {
        await gate;
        return server.obtain(current);
      },
    });
    const pending = slow.getAccessToken();
    const fast = new TokenCache({ key: "k", store, obtain: server.obtain });
    expect(await fast.getAccessToken()).toBe("a2");
    release();
    expect(await pending).toBe("a2");
    expect(server.grants).toEqual(["r1", "r1"]);
    expect((await store.get("k"))?.refreshToken).toBe("r2");
  });

  it("a refused refresh with no newer token set in the store is still an error (pair again)", async () => {
    const store = new MemoryTokenStore();
    await store.set("k", { accessToken: "a1", refreshToken: "revoked", expiresAt: 0 });
    const cache = new TokenCache({ key: "k", store, obtain: rotatingServer().obtain });
    await expect(cache.getAccessToken()).rejects.toThrow("refresh token already used");
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
