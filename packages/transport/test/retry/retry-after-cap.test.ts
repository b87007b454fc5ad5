import { describe, expect, it } from "vitest";
import { ConnectorError, withRetry } from "../../src/index.js";

describe("Retry-After cap", () => {
  it("applies to a 503's Retry-After as well as a 429's", async () => {
    let attempts = 0;
    const started = Date.now();
    const error = await withRetry(
      async () => {
        attempts += 1;
        throw new ConnectorError("unavailable", { kind: "server", status: 503, retryAfterMs: 3_600_000 });
      },
      { idempotent: true, retry: { baseDelayMs: 1, maxRetryAfterMs: 1_000 } },
    ).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(500);
    expect(attempts).toBe(1);
    expect(error).toMatchObject({ kind: "server", status: 503, retryable: true, retryAfterMs: 3_600_000 });
    expect((error as Error).message).toMatch(/longer than the 1 s cap; try again after/);
  });

  it("still waits for a 503's Retry-After within the cap", async () => {
    let attempts = 0;
    const started = Date.now();
    const result = await withRetry(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new ConnectorError("unavailable", { kind: "server", status: 503, retryAfterMs: 200 });
        return "ok";
      },
      { idempotent: true, retry: { baseDelayMs: 1 } },
    );
    expect(result).toBe("ok");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
