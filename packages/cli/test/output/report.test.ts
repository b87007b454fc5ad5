import type { FlowRunSummary } from "@ml-connector/sync-core";
import { describe, expect, it } from "vitest";
import { formatRunSummary } from "../../src/output/report.js";

const summary = (overrides: Partial<FlowRunSummary>): FlowRunSummary => ({
  flow: "acks-out",
  runId: "r1",
  startedAt: "2026-12-04T10:00:00.000Z",
  finishedAt: "2026-12-04T10:00:00.100Z",
  durationMs: 100,
  documents: 0,
  outcomes: {},
  ...overrides,
});

describe("formatRunSummary: each outcome under its own name", () => {
  it("prints what a run left alone by what it was, never as 'skipped'", () => {
    const line = formatRunSummary(
      summary({
        flow: "orders-in",
        documents: 10,
        outcomes: { created: 1, unchanged: 2, already_handled: 3, waiting: 1, claimed_elsewhere: 3 },
      }),
    );
    expect(line).toContain(": 1 created, 2 unchanged, 3 already_handled, 1 waiting, 3 claimed_elsewhere in");
    expect(line).not.toContain("skipped");
  });

  it("says 'skipped' only for a run that did not happen", () => {
    const line = formatRunSummary(summary({ skipped: "another run of acks-out holds the lock" }));
    expect(line).toContain("(skipped: another run of acks-out holds the lock)");
  });
});
