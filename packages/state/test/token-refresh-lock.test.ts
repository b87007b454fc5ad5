import { describe, expect, it } from "vitest";
import { createMemoryLock, createMemoryTokenStore, storeSupport } from "../src/index.js";

describe("withTokenRefreshLock", () => {
  it("runs one refresh at a time per key; a waiter runs once the holder released", async () => {
    const locks = createMemoryLock();
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let pauses = 0;
    const tokens = storeSupport.withTokenRefreshLock(createMemoryTokenStore(), locks, {
      owner: "test",
      // The waiter's pauses: the holder finishes during the second one.
      sleep: async () => {
        pauses += 1;
        if (pauses === 2) release();
        await Promise.resolve();
      },
    });
    const first = tokens.exclusive!("sps:app", async () => {
      order.push("first starts");
      await held;
      order.push("first ends");
      return 1;
    });
    const second = tokens.exclusive!("sps:app", async () => {
      order.push("second starts");
      return 2;
    });
    const otherKey = tokens.exclusive!("sage-x3:app", async () => {
      order.push("other key");
      return 3;
    });
    expect(await Promise.all([first, second, otherKey])).toEqual([1, 2, 3]);
    expect(order.indexOf("second starts")).toBeGreaterThan(order.indexOf("first ends"));
    expect(order.indexOf("other key")).toBeLessThan(order.indexOf("first ends"));
    expect(await locks.holder(storeSupport.tokenRefreshLockName("sps:app"))).toBeUndefined();
  });

  it("releases the lock when the refresh fails", async () => {
    const locks = createMemoryLock();
    const tokens = storeSupport.withTokenRefreshLock(createMemoryTokenStore(), locks);
    await expect(tokens.exclusive!("k", async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    expect(await locks.holder(storeSupport.tokenRefreshLockName("k"))).toBeUndefined();
  });

  it("a waiter gives up after waitMs with a retryable conflict naming the holder", async () => {
    const locks = createMemoryLock();
    await locks.acquire(storeSupport.tokenRefreshLockName("k"), { ttlMs: 60_000, owner: "instance-a" });
    const tokens = storeSupport.withTokenRefreshLock(createMemoryTokenStore(), locks, {
      waitMs: 100,
      sleep: async () => {},
    });
    let ran = false;
    await expect(
      tokens.exclusive!("k", async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ kind: "conflict", retryable: true, message: expect.stringContaining("instance-a") });
    expect(ran).toBe(false);
  });

  it("passes get/set/delete through", async () => {
    const tokens = storeSupport.withTokenRefreshLock(createMemoryTokenStore(), createMemoryLock());
    await tokens.set("k", { accessToken: "a", expiresAt: 1 });
    expect(await tokens.get("k")).toEqual({ accessToken: "a", expiresAt: 1 });
    await tokens.delete("k");
    expect(await tokens.get("k")).toBeUndefined();
  });
});
