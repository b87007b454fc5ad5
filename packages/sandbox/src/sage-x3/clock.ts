/** The sandbox's notion of time: real time plus an offset that tests move (jump 31 days, expire a token...). */
export interface SandboxClock {
  now(): number;
  /** Moves time forward (or back, with a negative value). */
  advance(ms: number): void;
  /** Sets the current time. */
  set(time: Date | number): void;
  /** The current time as an X3 datetime: `2026-11-28T10:00:00Z` (second precision, UTC). */
  x3DateTime(): string;
  /** Today as an X3 date: `2026-11-28`. */
  x3Date(): string;
}

/**
 * `runs`: whether the clock moves with real time (the default, as X3's does). A clock that does not run stands at
 * `start` and moves only by `advance` and `set`: a test that asserts exact stamps then does not depend on how long it
 * took.
 */
export function createSandboxClock(start?: Date | number, runs = true): SandboxClock {
  const real = runs ? Date.now : () => 0;
  let offset = (start === undefined ? Date.now() : new Date(start).getTime()) - real();
  const now = () => real() + offset;
  return {
    now,
    advance: (ms) => {
      offset += ms;
    },
    set: (time) => {
      offset = new Date(time).getTime() - real();
    },
    x3DateTime: () => toX3DateTime(now()),
    x3Date: () => new Date(now()).toISOString().slice(0, 10),
  };
}

export function toX3DateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
