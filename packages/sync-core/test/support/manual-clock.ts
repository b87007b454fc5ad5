/** A store clock that moves only when the test says so: leases expire when the test decides, not when a loaded machine does. */
export function manualClock(start = Date.UTC(2026, 10, 30, 12)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
