import type { FlowName, FlowRunSummary } from "../engine/flow.js";

export interface FlowSchedule {
  /** Minutes between two runs of the flow. Default 10; allowed 1-60. */
  intervalMinutes?: number | undefined;
  /** Up to this fraction of the interval is added at random, so instances do not poll in lockstep. Default 0.1. */
  jitter?: number | undefined;
}

export interface SchedulerOptions {
  flows: readonly FlowName[];
  schedules?: Partial<Record<FlowName, FlowSchedule>> | undefined;
  /** Runs one flow once; must honour the signal by finishing the document in hand and returning. */
  runFlow: (flow: FlowName, signal: AbortSignal) => Promise<FlowRunSummary>;
  onError?: ((flow: FlowName, error: unknown) => void) | undefined;
  random?: (() => number) | undefined;
}

export interface Scheduler {
  /** Starts every flow: a first run right away, then one per interval. Runs of the same flow never overlap. */
  start(signal?: AbortSignal): void;
  /** Stops scheduling, asks running flows to finish the document in hand, and resolves when they have. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function validateSchedule(flow: FlowName, schedule: FlowSchedule | undefined): Required<FlowSchedule> {
  const intervalMinutes = schedule?.intervalMinutes ?? 10;
  if (!Number.isFinite(intervalMinutes) || intervalMinutes < 1 || intervalMinutes > 60) {
    throw new RangeError(`The interval of flow ${flow} must be between 1 and 60 minutes (got ${intervalMinutes}).`);
  }
  const jitter = schedule?.jitter ?? 0.1;
  if (!(jitter >= 0 && jitter <= 1)) {
    throw new RangeError(`The jitter of flow ${flow} must be between 0 and 1 (got ${jitter}).`);
  }
  return { intervalMinutes, jitter };
}

/** The built-in scheduler: an interval per flow with jitter, no overlap, graceful stop. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const random = options.random ?? Math.random;
  const schedules = new Map(options.flows.map((flow) => [flow, validateSchedule(flow, options.schedules?.[flow])]));
  const timers = new Map<FlowName, NodeJS.Timeout>();
  const inFlight = new Map<FlowName, Promise<void>>();
  let controller: AbortController | undefined;

  const scheduleNext = (flow: FlowName, delayMs: number) => {
    if (!controller || controller.signal.aborted) return;
    timers.set(
      flow,
      setTimeout(() => {
        timers.delete(flow);
        void tick(flow);
      }, delayMs),
    );
  };

  const tick = async (flow: FlowName) => {
    const signal = controller?.signal;
    if (!signal || signal.aborted || inFlight.has(flow)) return;
    const run = options
      .runFlow(flow, signal)
      .then(() => undefined)
      .catch((error: unknown) => options.onError?.(flow, error))
      .finally(() => inFlight.delete(flow));
    inFlight.set(flow, run);
    await run;
    const schedule = schedules.get(flow);
    if (!schedule) return;
    const base = schedule.intervalMinutes * 60_000;
    scheduleNext(flow, base + Math.floor(random() * schedule.jitter * base));
  };

  return {
    get running() {
      return controller !== undefined && !controller.signal.aborted;
    },
    start(signal) {
      if (controller && !controller.signal.aborted) return;
      controller = new AbortController();
      const own = controller;
      signal?.addEventListener("abort", () => own.abort(signal.reason), { once: true });
      for (const flow of options.flows) scheduleNext(flow, 0);
    },
    async stop() {
      controller?.abort(new Error("scheduler stopped"));
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight.values());
    },
  };
}
