import { describe, expect, it, vi } from "vitest";
import { ConnectorError, withRetry } from "../../src/index.js";

describe("Retry-After cap", () => {
  it("applies to a 503's Retry-After as well as a 429's", async () => {
    let attempts = 0;
    const waits: number[] = [];
    const error = await withRetry(
      async () => {
        attempts += 1;
        throw new ConnectorError("unavailable", { kind: "server", status: 503, retryAfterMs: 3_600_000 });
      },
      {
        idempotent: true,
        retry: { baseDelayMs: 1, maxRetryAfterMs: 1_000 },
        onRetry: ({ delayMs }) => waits.push(delayMs),
      },
    ).catch((caught: unknown) => caught);
    expect(waits).toEqual([]); // failed at once, no wait
    expect(attempts).toBe(1);
    expect(error).toMatchObject({ kind: "server", status: 503, retryable: true, retryAfterMs: 3_600_000 });
    expect((error as Error).message).toMatch(/longer than the 1 s cap; try again after/);
  });

  it("still waits for a 503's Retry-After within the cap", async () => {
    vi.useFakeTimers();
    try {
      let attempts = 0;
      const waits: number[] = [];
      const pending = withRetry(
        async () => {
          attempts += 1;
          if (attempts === 1) {
            throw new ConnectorError("unavailable", { kind: "server", status: 503, retryAfterMs: 200 });
          }
          return "ok";
        },
        { idempotent: true, retry: { baseDelayMs: 1 }, onRetry: ({ delayMs }) => waits.push(delayMs) },
      );
      await vi.advanceTimersByTimeAsync(199);
      expect(attempts).toBe(1); // still waiting
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toBe("ok");
      expect(attempts).toBe(2);
      expect(waits).toEqual([200]);
    } finally {
      vi.useRealTimers();
    }
  });
});
