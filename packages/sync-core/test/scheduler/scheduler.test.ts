import { describe, expect, it } from "vitest";
import type { FlowName, FlowRunSummary } from "../../src/engine/flow.js";
import { createScheduler, validateSchedule } from "../../src/scheduler/scheduler.js";

function summary(flow: FlowName): FlowRunSummary {
  const at = new Date().toISOString();
  return { flow, runId: "r", startedAt: at, finishedAt: at, durationMs: 0, documents: 0, outcomes: {} };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("scheduler", () => {
  it("runs each flow at once, then once per interval, never overlapping itself", async () => {
    const starts: Record<string, number> = {};
    let concurrentSameFlow = 0;
    let active = 0;
    const scheduler = createScheduler({
      flows: ["orders-in", "acks-out"],
      msPerMinute: 20,
      schedules: { "orders-in": { intervalMinutes: 1, jitter: 0 }, "acks-out": { intervalMinutes: 60 } },
      runFlow: async (flow) => {
        starts[flow] = (starts[flow] ?? 0) + 1;
        if (flow === "orders-in") {
          active += 1;
          concurrentSameFlow = Math.max(concurrentSameFlow, active);
          await wait(30); // longer than the interval: the next run waits for this one
          active -= 1;
        }
        return summary(flow);
      },
    });
    scheduler.start();
    await wait(250);
    await scheduler.stop();
    expect(starts["acks-out"]).toBe(1);
    expect(starts["orders-in"]).toBeGreaterThanOrEqual(3);
    expect(starts["orders-in"]).toBeLessThanOrEqual(6);
    expect(concurrentSameFlow).toBe(1);
  });

  it("stop() aborts the signal and waits for the run in hand", async () => {
    let finished = false;
    let sawAbort = false;
    const scheduler = createScheduler({
      flows: ["orders-in"],
      runFlow: async (flow, signal) => {
        while (!signal.aborted) await wait(5);
        sawAbort = true;
        await wait(30); // finishing the document in hand
        finished = true;
        return summary(flow);
      },
    });
    scheduler.start();
    await wait(20);
    expect(scheduler.running).toBe(true);
    await scheduler.stop();
    expect(sawAbort).toBe(true);
    expect(finished).toBe(true);
    expect(scheduler.running).toBe(false);
  });

  it("an external AbortSignal stops scheduling, and a failing run is reported, not fatal", async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const controller = new AbortController();
    const scheduler = createScheduler({
      flows: ["invoices-out"],
      msPerMinute: 5,
      schedules: { "invoices-out": { intervalMinutes: 1, jitter: 0 } },
      runFlow: async () => {
        runs += 1;
        throw new Error(`boom ${runs}`);
      },
      onError: (_flow, error) => errors.push(error),
    });
    scheduler.start(controller.signal);
    await wait(40);
    controller.abort();
    const seen = runs;
    await wait(30);
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(runs).toBe(seen);
    expect(errors.length).toBe(runs);
    await scheduler.stop();
  });

  it("refuses intervals outside 1-60 minutes", () => {
    expect(() => validateSchedule("orders-in", { intervalMinutes: 0.5 })).toThrow(/between 1 and 60/);
    expect(() => validateSchedule("orders-in", { intervalMinutes: 61 })).toThrow(/between 1 and 60/);
    expect(validateSchedule("orders-in", undefined)).toEqual({ intervalMinutes: 10, jitter: 0.1 });
  });
});
