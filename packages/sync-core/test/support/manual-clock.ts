import { manualClock as transportManualClock } from "@ml-connector/transport";

/** A store clock that moves only when the test says so, from a fixed date: runs see the same day whenever they run. */
export const manualClock = (start = Date.UTC(2026, 10, 30, 12)) => transportManualClock(start);
