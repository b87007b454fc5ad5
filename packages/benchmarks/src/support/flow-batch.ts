/**
 * One timed batch of a flow for the profile scripts that look at the SQLite store (sqlite-statements.ts,
 * wal-frames.ts): what the batch needs before the run, then what the run must have handled.
 */
import { sandboxShipmentSettings } from "@ml-connector/sandbox";
import { outboundSetUp } from "../measures/bare-invoices.js";
import { outboundFlowOf } from "../measures/outbound-names.js";
import { clockAhead } from "./bare-clients.js";
import type { OutboundFlow } from "./connector.js";
import type { RemoteSandboxes } from "./remote-sandboxes.js";

export type BatchFlow = "orders-in" | OutboundFlow;

/** The flow named by `value` (the FLOW environment variable): orders-in when unset, else an outbound flow's name. */
export function batchFlowOf(value: string | undefined): BatchFlow {
  if (value === undefined || value.trim() === "orders-in") return "orders-in";
  return outboundFlowOf(value, "FLOW (orders-in or an outbound flow)");
}

/** The connector options a flow's batches need: an outbound flow's clock ahead of X3's, a look-back of 0. */
export const batchConnectorOptions = (flow: BatchFlow) =>
  flow === "orders-in" ? {} : { outbound: { flow, now: clockAhead, lookbackMs: 0 }, shipment: sandboxShipmentSettings };

/**
 * Sets up a batch of `count` documents for one run of `flow`, 20 ms on every route after: 5-line 850s in the mailbox,
 * or 3-line invoices posted (asns-out: deliveries validated; acks-out: orders allocated) in X3 behind 850s the
 * connector's orders-in brought in (untimed, no latency).
 */
export async function stageBatch(
  flow: BatchFlow,
  sandboxes: RemoteSandboxes,
  connector: { runOnce(flow: "orders-in"): Promise<{ outcomes: Record<string, number | undefined> }> },
  count: number,
  tag: string,
): Promise<void> {
  if (flow === "orders-in") await sandboxes.call({ op: "fill", count, lines: 5, tag });
  else await outboundSetUp[flow](sandboxes, connector, count, tag);
  await sandboxes.call({ op: "setLatency", ms: 20 });
}

/** Throws unless the run handled the batch: `count` 850s created, or 810s (856s, 855s) posted. */
export function checkBatch(flow: BatchFlow, outcomes: Record<string, number | undefined>, count: number): void {
  const done = (flow === "orders-in" ? outcomes.created : outcomes.posted) ?? 0;
  if (done !== count) throw new Error(`${flow} handled ${done} of ${count} documents`);
}
