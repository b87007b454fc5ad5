import { createMemoryStores } from "@ml-connector/sync-core";
import type { RemoteSandboxes } from "../support/remote-sandboxes.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { countAuditCalls, createBenchConnector } from "../support/systems.js";
import { timed } from "../support/timed.js";

export interface ThroughputResult {
  concurrency: number;
  documents: number;
  latencyMs: number;
  wallMs: number;
  docsPerSecond: number;
  /** Requests both sandboxes answered per document (tokens and listings included). */
  requestsPerDoc: number;
  byRoute: Record<string, number>;
  /** C / (R × latency): what C requests in flight at all times would give. */
  bound: number;
  /** docsPerSecond / bound. */
  ratio: number;
  /** The connector process's CPU time per document (ms): what the network bound leaves out. */
  cpuMsPerDoc: number;
  /**
   * The sandboxes' process's CPU time per document (ms) in the same run: it runs on the same cores. Optional: results
   * from before it was measured lack it.
   */
  sandboxCpuMsPerDoc?: number | undefined;
  outcomes: Record<string, number>;
  /**
   * The untimed first run, before the timed one (a new connector, a fresh sandboxes process): its 850s and its rate
   * over the bound (tokens taken, V8 still compiling code in both processes). Absent in results from before it was
   * reported.
   */
  warmup?: { documents: number; ratio: number; cpuMsPerDoc: number } | undefined;
  /** Audit store calls per document in the timed run (orders-in only). */
  audit?: { readsPerDoc: number; writesPerDoc: number; byMethod: Record<string, number> } | undefined;
}

export function throughput(
  run: {
    concurrency: number;
    documents: number;
    latencyMs: number;
    wallMs: number;
    cpuMs: number;
    sandboxCpuMs?: number | undefined;
    outcomes: Record<string, number>;
  },
  requests: { total: number; byRoute: Record<string, number> },
): ThroughputResult {
  const { cpuMs, sandboxCpuMs, ...rest } = run;
  const docsPerSecond = run.documents / (run.wallMs / 1000);
  const requestsPerDoc = requests.total / run.documents;
  const bound = run.concurrency / (requestsPerDoc * (run.latencyMs / 1000));
  return {
    ...rest,
    docsPerSecond,
    requestsPerDoc,
    byRoute: requests.byRoute,
    bound,
    ratio: docsPerSecond / bound,
    cpuMsPerDoc: cpuMs / run.documents,
    ...(sandboxCpuMs === undefined ? {} : { sandboxCpuMsPerDoc: sandboxCpuMs / run.documents }),
  };
}

/** The options of an orders-in throughput run. */
export interface OrdersInRunOptions {
  concurrency: number;
  documents: number;
  latencyMs: number;
  lines: number;
  /**
   * 850s of the untimed first run (default max(8, 2 C): the tokens and the sockets). A connector polls for hours, so
   * the bench gives it and the fresh sandboxes process hundreds, for V8 to compile their code before the timed run.
   */
  warmup?: number | undefined;
}

/**
 * orders-in end to end: `documents` 850s in SPS `out/`, every request to both sandboxes (in their own process)
 * delayed by `latencyMs`, the connector at concurrency C, after an untimed warm-up run (reported apart).
 */
export async function measureOrdersIn(options: OrdersInRunOptions): Promise<ThroughputResult> {
  const sandboxes = await startRemoteSandboxes();
  try {
    return await ordersInRun(sandboxes, options);
  } finally {
    await sandboxes.close();
  }
}

export async function ordersInRun(sandboxes: RemoteSandboxes, options: OrdersInRunOptions): Promise<ThroughputResult> {
  const counted = countAuditCalls(createMemoryStores());
  const { connector } = createBenchConnector(sandboxes.addresses, {
    concurrency: options.concurrency,
    stores: counted.stores,
  });
  await sandboxes.call({ op: "setLatency", ms: options.latencyMs });
  const warmDocuments = options.warmup ?? Math.max(8, options.concurrency * 2);
  await sandboxes.call({ op: "fill", count: warmDocuments, lines: options.lines, tag: "W" });
  await sandboxes.call({ op: "resetCounters" });
  const warm = await timed(() => connector.runOnce("orders-in"));
  if ((warm.value.outcomes.created ?? 0) !== warmDocuments) {
    throw new Error(`orders-in's warm-up created ${warm.value.outcomes.created} of ${warmDocuments}`);
  }
  const warmup = throughput(
    {
      ...options,
      documents: warmDocuments,
      wallMs: warm.wallMs,
      cpuMs: warm.cpuMs,
      outcomes: warm.value.outcomes as Record<string, number>,
    },
    await sandboxes.requests(),
  );
  await sandboxes.call({ op: "fill", count: options.documents, lines: options.lines, tag: "B" });
  await sandboxes.call({ op: "resetCounters" });
  counted.reset();
  const sandboxCpuStart = await sandboxes.cpuMs();
  const run = await timed(() => connector.runOnce("orders-in"));
  const sandboxCpuMs = (await sandboxes.cpuMs()) - sandboxCpuStart;
  const calls = counted.counts();
  const created = run.value.outcomes.created ?? 0;
  if (created !== options.documents) {
    throw new Error(`orders-in created ${created} of ${options.documents}: ${JSON.stringify(run.value.outcomes)}`);
  }
  return {
    ...throughput(
      {
        ...options,
        wallMs: run.wallMs,
        cpuMs: run.cpuMs,
        sandboxCpuMs,
        outcomes: run.value.outcomes as Record<string, number>,
      },
      await sandboxes.requests(),
    ),
    warmup: { documents: warmDocuments, ratio: warmup.ratio, cpuMsPerDoc: warmup.cpuMsPerDoc },
    audit: {
      readsPerDoc: calls.reads / options.documents,
      writesPerDoc: calls.writes / options.documents,
      byMethod: calls.byMethod,
    },
  };
}
