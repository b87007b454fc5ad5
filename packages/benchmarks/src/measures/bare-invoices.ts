import type { OutboundFlow } from "../support/connector.js";
import { type RemoteSandboxes, startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";
import {
  type BareClientResult,
  CONTENDERS,
  type Contender,
  type ContenderFigures,
  type ContenderProcess,
  type ContenderRounds,
  sideBySideResult,
  startContender,
  tagOf,
  turnOrder,
} from "./bare-client.js";

/** The side-by-side result of invoices-out, per 810 (the same shape as orders-in's). */
export type BareInvoicesResult = BareClientResult;

type Intake = { runOnce(flow: "orders-in"): Promise<{ outcomes: Record<string, number | undefined> }> };

/** N 850s brought into X3 by orders-in (untimed, no latency), then what X3 users do to each: `op`. */
async function postBehind850s(
  sandboxes: RemoteSandboxes,
  intake: Intake,
  count: number,
  tag: string,
  op: "invoiceAllOrders" | "deliverAllOrders" | "allocateAllOrders",
) {
  await sandboxes.call({ op: "setLatency", ms: 0 });
  await sandboxes.call({ op: "fill", count, lines: 3, tag });
  const created = (await intake.runOnce("orders-in")).outcomes.created ?? 0;
  if (created !== count) throw new Error(`set-up: orders-in created ${created} of ${count}`);
  const done = await sandboxes.call<number>({ op });
  if (done !== count) throw new Error(`set-up: ${op} reached ${done} of ${count} orders`);
}

/** N invoices posted in X3 behind N 850s that orders-in brought in (untimed, no latency). */
export const postInvoices = (sandboxes: RemoteSandboxes, intake: Intake, count: number, tag: string) =>
  postBehind850s(sandboxes, intake, count, tag, "invoiceAllOrders");

/** N validated deliveries in X3 behind N 850s that orders-in brought in (untimed, no latency). */
export const postDeliveries = (sandboxes: RemoteSandboxes, intake: Intake, count: number, tag: string) =>
  postBehind850s(sandboxes, intake, count, tag, "deliverAllOrders");

/** N sales orders allocated in X3 behind N 850s that orders-in brought in (untimed, no latency): what an 855 answers. */
export const postAllocations = (sandboxes: RemoteSandboxes, intake: Intake, count: number, tag: string) =>
  postBehind850s(sandboxes, intake, count, tag, "allocateAllOrders");

/** The outbound flows measured side by side (and by size), and what X3 users make for each round's batch. */
export const outboundSetUp = {
  "invoices-out": postInvoices,
  "asns-out": postDeliveries,
  "acks-out": postAllocations,
} as const satisfies Record<OutboundFlow, unknown>;

/**
 * invoices-out against a bare node:http client making the same requests, and against the connector's clients alone
 * making them, side by side: each contender has a process of its own and a sandboxes process of its own (X3's change
 * window is shared by whoever reads it), the same batch of invoices posted before each of its runs, and they take
 * turns in each round (so a change of load hits all of them; the order rotates every round), CPU per 810 summed over
 * the warm rounds (all but the first). The connector runs with a look-back of 0 so that a run reads only its own
 * batch, as the bare client does.
 */
export function measureBareInvoices(options: BareOutboundOptions): Promise<BareInvoicesResult> {
  return measureBareOutbound("invoices-out", options);
}

/** asns-out side by side with a bare client and the clients alone, as `measureBareInvoices` measures invoices-out. */
export function measureBareAsns(options: BareOutboundOptions): Promise<BareInvoicesResult> {
  return measureBareOutbound("asns-out", options);
}

/** acks-out side by side with a bare client and the clients alone, as `measureBareInvoices` measures invoices-out. */
export function measureBareAcks(options: BareOutboundOptions): Promise<BareInvoicesResult> {
  return measureBareOutbound("acks-out", options);
}

interface BareOutboundOptions {
  concurrency: number;
  documents: number;
  latencyMs: number;
  rounds: number;
  /**
   * Invoices of each contender's first run, before the rounds, not judged (default max(16, 2 C): tokens, sockets).
   * V8 keeps optimising the connector's code (its compiled validators above all) over its first thousand documents
   * or so, with CPU counted in the run; a connector runs for hours, so the bench warms each process with about that.
   */
  warmup?: number | undefined;
}

async function measureBareOutbound(flow: OutboundFlow, options: BareOutboundOptions): Promise<BareInvoicesResult> {
  const { concurrency, documents } = options;
  const setUp = outboundSetUp[flow];
  const sandboxes = {} as Record<Contender, RemoteSandboxes>;
  const contenders = {} as Record<Contender, ContenderProcess>;
  try {
    for (const who of CONTENDERS) {
      sandboxes[who] = await startRemoteSandboxes();
      contenders[who] = await startContender(who, sandboxes[who].addresses, { concurrency, measured: flow });
    }
    // The 850s of the bare client and of the clients alone reach X3 through a connector of their own each (orders-in
    // only, untimed, in this process); the connector's come in through its own orders-in, in its process, as its
    // invoices-out needs them in its stores.
    const intakes = {
      bare: createBenchConnector(sandboxes.bare.addresses, { concurrency }).connector,
      clients: createBenchConnector(sandboxes.clients.addresses, { concurrency }).connector,
    };
    const rounds: Record<Contender, ContenderRounds> = { bare: [], clients: [], memory: [], sqlite: [] };
    const warm = options.warmup ?? Math.max(16, concurrency * 2);
    const warmupCpuMs: ContenderFigures = { bare: 0, memory: 0, sqlite: 0 };
    // Round -1 is the warm-up (tokens, sockets, the JIT), not counted.
    for (let round = -1; round < options.rounds; round++) {
      const count = round < 0 ? warm : documents;
      for (const who of turnOrder(round)) {
        const host = sandboxes[who];
        const tag = `${tagOf(who)}${round < 0 ? "W" : round}`;
        const inbound = async () => (await host.call<{ count: number }>({ op: "inbound" })).count;
        await setUp(host, who === "bare" || who === "clients" ? intakes[who] : contenders[who], count, tag);
        const before = await inbound();
        await host.call({ op: "setLatency", ms: options.latencyMs });
        await host.call({ op: "resetCounters" });
        const run = await contenders[who].runOnce(flow);
        const uploads = (await inbound()) - before;
        if (uploads !== count) throw new Error(`${flow} (${who}) uploaded ${uploads} of ${count} documents`);
        if (round < 0) {
          warmupCpuMs[who] = run.cpuMs;
          continue;
        }
        rounds[who].push({ cpuMs: run.cpuMs, wallMs: run.wallMs, requests: (await host.requests()).total });
      }
    }
    return sideBySideResult(options, rounds, { documents: warm, cpuMs: warmupCpuMs });
  } finally {
    for (const contender of Object.values(contenders)) await contender.close();
    for (const host of Object.values(sandboxes)) await host.close();
  }
}
