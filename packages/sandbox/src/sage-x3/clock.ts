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

export function createSandboxClock(start?: Date | number): SandboxClock {
  let offset = start === undefined ? 0 : new Date(start).getTime() - Date.now();
  const now = () => Date.now() + offset;
  return {
    now,
    advance: (ms) => {
      offset += ms;
    },
    set: (time) => {
      offset = new Date(time).getTime() - Date.now();
    },
    x3DateTime: () => toX3DateTime(now()),
    x3Date: () => new Date(now()).toISOString().slice(0, 10),
  };
}

export function toX3DateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
