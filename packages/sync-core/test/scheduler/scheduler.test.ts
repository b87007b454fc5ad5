import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FlowName, FlowRunSummary } from "../../src/engine/flow.js";
import { createScheduler, validateSchedule } from "../../src/scheduler/scheduler.js";

function summary(flow: FlowName): FlowRunSummary {
  const at = new Date().toISOString();
  return { flow, runId: "r", startedAt: at, finishedAt: at, durationMs: 0, documents: 0, outcomes: {} };
}

const minute = 60_000;
/** A timer-based pause; under fake timers it ends only when the test advances the clock. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Fake timers: the test decides when time passes, so the counts below are exact on any machine.
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("scheduler", () => {
  it("runs each flow at once, then one interval after the previous run ended, never overlapping itself", async () => {
    const starts: string[] = [];
    let active = 0;
    let concurrentSameFlow = 0;
    const scheduler = createScheduler({
      flows: ["orders-in", "acks-out"],
      schedules: { "orders-in": { intervalMinutes: 1, jitter: 0 }, "acks-out": { intervalMinutes: 60 } },
      random: () => 0,
      runFlow: async (flow) => {
        starts.push(`${flow}@${Date.now()}`);
        if (flow === "orders-in") {
          active += 1;
          concurrentSameFlow = Math.max(concurrentSameFlow, active);
          await pause(1.5 * minute); // longer than the interval: the next run waits for this one
          active -= 1;
        }
        return summary(flow);
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual(["orders-in@0", "acks-out@0"]);

    // The first run ends at 1.5 min; the next starts one interval later, at 2.5 min.
    await vi.advanceTimersByTimeAsync(2.5 * minute - 1);
    expect(starts).toEqual(["orders-in@0", "acks-out@0"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual(["orders-in@0", "acks-out@0", `orders-in@${2.5 * minute}`]);

    await vi.advanceTimersByTimeAsync(2.5 * minute);
    expect(starts).toEqual(["orders-in@0", "acks-out@0", `orders-in@${2.5 * minute}`, `orders-in@${5 * minute}`]);

    // acks-out: every 60 minutes after its run (which ends at once).
    await vi.advanceTimersByTimeAsync(55 * minute);
    expect(starts.filter((start) => start.startsWith("acks-out"))).toEqual(["acks-out@0", `acks-out@${60 * minute}`]);
    expect(concurrentSameFlow).toBe(1);

    const stopped = scheduler.stop();
    await vi.advanceTimersByTimeAsync(1.5 * minute);
    await stopped;
  });

  it("adds the jitter drawn from `random` to the interval", async () => {
    const starts: number[] = [];
    const scheduler = createScheduler({
      flows: ["orders-in"],
      schedules: { "orders-in": { intervalMinutes: 10, jitter: 0.5 } },
      random: () => 0.5,
      runFlow: async (flow) => {
        starts.push(Date.now());
        return summary(flow);
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    // 10 min + 0.5 × 0.5 × 10 min = 12.5 min between runs.
    await vi.advanceTimersByTimeAsync(12.5 * minute - 1);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([0, 12.5 * minute]);
    await scheduler.stop();
  });

  it("stop() aborts the signal and waits for the run in hand", async () => {
    const events: string[] = [];
    const scheduler = createScheduler({
      flows: ["orders-in"],
      runFlow: async (flow, signal) => {
        events.push("started");
        await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
        events.push("saw abort");
        await pause(30_000); // finishing the document in hand
        events.push("finished");
        return summary(flow);
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.running).toBe(true);
    expect(events).toEqual(["started"]);

    let stopResolved = false;
    const stopped = scheduler.stop().then(() => {
      stopResolved = true;
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(events).toEqual(["started", "saw abort"]);
    expect(stopResolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopped;
    expect(events).toEqual(["started", "saw abort", "finished"]);
    expect(scheduler.running).toBe(false);
  });

  it("an external AbortSignal stops scheduling, and a failing run is reported, not fatal", async () => {
    const errors: string[] = [];
    let runs = 0;
    const controller = new AbortController();
    const scheduler = createScheduler({
      flows: ["invoices-out"],
      schedules: { "invoices-out": { intervalMinutes: 1, jitter: 0 } },
      runFlow: async () => {
        runs += 1;
        throw new Error(`boom ${runs}`);
      },
      onError: (_flow, error) => errors.push((error as Error).message),
    });
    scheduler.start(controller.signal);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(minute);
    expect(errors).toEqual(["boom 1", "boom 2"]);
    controller.abort();
    expect(scheduler.running).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * minute);
    expect(runs).toBe(2);
    expect(errors).toEqual(["boom 1", "boom 2"]);
    await scheduler.stop();
  });

  it("refuses intervals outside 1-60 minutes", () => {
    expect(() => validateSchedule("orders-in", { intervalMinutes: 0.5 })).toThrow(/between 1 and 60/);
    expect(() => validateSchedule("orders-in", { intervalMinutes: 61 })).toThrow(/between 1 and 60/);
    expect(validateSchedule("orders-in", undefined)).toEqual({ intervalMinutes: 10, jitter: 0.1 });
  });
});
