import { afterEach, describe, expect, it, vi } from "vitest";
import { createSandboxClock } from "../../src/sage-x3/clock.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("the X3 sandbox's clock", () => {
  it("runs with real time from its start by default, and moves by advance and set", () => {
    vi.useFakeTimers({ now: Date.parse("2030-01-01T00:00:00Z") });
    const clock = createSandboxClock(Date.parse("2026-11-28T10:00:00Z"));
    vi.advanceTimersByTime(1_500);
    expect(clock.x3DateTime()).toBe("2026-11-28T10:00:01Z");
    clock.advance(60_000);
    expect(clock.now()).toBe(Date.parse("2026-11-28T10:01:01.500Z"));
    clock.set(Date.parse("2026-12-01T00:00:00Z"));
    vi.advanceTimersByTime(2_000);
    expect(clock.x3DateTime()).toBe("2026-12-01T00:00:02Z");
  });

  it("stands still when it does not run: only advance and set move it", () => {
    vi.useFakeTimers({ now: Date.parse("2030-01-01T00:00:00Z") });
    const clock = createSandboxClock(Date.parse("2026-11-28T10:00:00Z"), false);
    vi.advanceTimersByTime(5_000);
    expect(clock.x3DateTime()).toBe("2026-11-28T10:00:00Z");
    clock.advance(90_000);
    expect(clock.x3DateTime()).toBe("2026-11-28T10:01:30Z");
    clock.set(Date.parse("2026-12-01T00:00:00Z"));
    vi.advanceTimersByTime(5_000);
    expect(clock.x3Date()).toBe("2026-12-01");
    expect(clock.now()).toBe(Date.parse("2026-12-01T00:00:00Z"));
  });
});
