import { describe, expect, it } from "vitest";
import { readAhead } from "../../src/concurrency/read-ahead.js";

/** A source of `count` items whose fetches are logged and finish only when released, one by one. */
function loggedSource(count: number, log: string[], options: { failAt?: number } = {}) {
  const releases: (() => void)[] = [];
  const released = (i: number) =>
    new Promise<void>((resolve) => {
      releases[i] = resolve;
    });
  async function* items() {
    try {
      for (let i = 1; i <= count; i++) {
        log.push(`fetch ${i}`);
        await released(i);
        if (i === options.failAt) throw new Error(`fetch ${i} failed`);
        log.push(`fetched ${i}`);
        yield i;
      }
    } finally {
      log.push("source closed");
    }
  }
  const release = async (i: number) => {
    await expect.poll(() => releases[i]).toBeDefined();
    releases[i]?.();
  };
  return { items: items(), release };
}

describe("readAhead", () => {
  it("fetches the next item while the consumer works on the current one, and hands them over in order", async () => {
    const log: string[] = [];
    const source = loggedSource(3, log);
    const consumed: number[] = [];
    const consumer = (async () => {
      for await (const item of readAhead(source.items)) {
        log.push(`work ${item}`);
        // The consumer's work on an item ends only once the next fetch has begun (or there is no next).
        if (item < 3) await expect.poll(() => log.includes(`fetch ${item + 1}`)).toBe(true);
        consumed.push(item);
      }
    })();
    for (const i of [1, 2, 3]) await source.release(i);
    await consumer;
    expect(consumed).toEqual([1, 2, 3]);
    // Each fetch ahead begins before the work on the item before it.
    expect(log.indexOf("fetch 2")).toBeLessThan(log.indexOf("work 1"));
    expect(log.indexOf("fetch 3")).toBeLessThan(log.indexOf("work 2"));
    expect(log.filter((entry) => entry === "source closed")).toHaveLength(1);
  });

  it("a consumer that stops early lets the fetch ahead settle, then closes the source", async () => {
    const log: string[] = [];
    const source = loggedSource(5, log);
    const consumer = (async () => {
      for await (const item of readAhead(source.items)) {
        log.push(`work ${item}`);
        if (item === 1) break;
      }
      log.push("consumer done");
    })();
    await source.release(1);
    await expect.poll(() => log.includes("fetch 2")).toBe(true);
    expect(log).not.toContain("consumer done");
    await source.release(2);
    await consumer;
    expect(log).toEqual(["fetch 1", "fetched 1", "fetch 2", "work 1", "fetched 2", "source closed", "consumer done"]);
  });

  it("an error of the fetch ahead reaches the consumer at the next item, not before", async () => {
    const log: string[] = [];
    const source = loggedSource(3, log, { failAt: 2 });
    const consumed: number[] = [];
    const consumer = (async () => {
      for await (const item of readAhead(source.items)) consumed.push(item);
    })();
    await source.release(1);
    await source.release(2);
    await expect(consumer).rejects.toThrow("fetch 2 failed");
    expect(consumed).toEqual([1]);
    expect(log.at(-1)).toBe("source closed");
  });
});
