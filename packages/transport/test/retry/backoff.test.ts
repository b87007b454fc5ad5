import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, resolveRetryOptions } from "../../src/index.js";

describe("backoff with full jitter", () => {
  it("draws uniformly below an exponentially growing ceiling, capped", () => {
    const top = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, top))).toEqual([99, 199, 399, 799, 999, 999]);
    const bottom = resolveRetryOptions({ baseDelayMs: 100, random: () => 0 });
    expect(backoffDelay(3, bottom)).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("7")).toBe(7_000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2026-11-28T10:00:00Z");
    expect(parseRetryAfter("Sat, 28 Nov 2026 10:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
