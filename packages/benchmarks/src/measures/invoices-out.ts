import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";
import { timed } from "../support/timed.js";
import { type ThroughputResult, throughput } from "./orders-in.js";

export interface InvoicesOutResult extends ThroughputResult {
  uploads: number;
  uploadStatuses: Record<string, number>;
}

/**
 * invoices-out end to end: `invoices` sales orders reach X3 through orders-in (untimed, no latency), X3 users
 * allocate, deliver and post an invoice for each, then one timed invoices-out run at concurrency C with every request
 * delayed by `latencyMs` uploads an 810 per invoice. A warm-up batch (16 invoices) goes first.
 */
export async function measureInvoicesOut(options: {
  concurrency: number;
  invoices: number;
  latencyMs: number;
}): Promise<InvoicesOutResult> {
  const sandboxes = await startRemoteSandboxes();
  try {
    // The connector's clock runs a minute ahead of X3's, so the invoices just posted are past the 30 s safety lag.
    const { connector } = createBenchConnector(sandboxes.addresses, {
      concurrency: options.concurrency,
      outbound: { now: () => new Date(Date.now() + 60_000) },
    });
    const batch = async (count: number, tag: string) => {
      await sandboxes.call({ op: "fill", count, lines: 3, tag });
      const intake = await connector.runOnce("orders-in");
      if ((intake.outcomes.created ?? 0) !== count) {
        throw new Error(`set-up: orders-in created ${intake.outcomes.created ?? 0} of ${count}`);
      }
      return sandboxes.call<number>({ op: "invoiceAllOrders" });
    };
    await batch(16, "W");
    await sandboxes.call({ op: "setLatency", ms: options.latencyMs });
    await connector.runOnce("invoices-out");
    await sandboxes.call({ op: "setLatency", ms: 0 });
    const warmUploads = (await sandboxes.call<{ count: number }>({ op: "inbound" })).count;
    await batch(options.invoices, "I");
    await sandboxes.call({ op: "setLatency", ms: options.latencyMs });
    await sandboxes.call({ op: "resetCounters" });
    const sandboxCpuStart = await sandboxes.cpuMs();
    const run = await timed(() => connector.runOnce("invoices-out"));
    const sandboxCpuMs = (await sandboxes.cpuMs()) - sandboxCpuStart;
    const inbound = await sandboxes.call<{ count: number; byStatus: Record<string, number> }>({ op: "inbound" });
    const uploads = inbound.count - warmUploads;
    if (uploads !== options.invoices) {
      throw new Error(`invoices-out uploaded ${uploads} of ${options.invoices}: ${JSON.stringify(run.value.outcomes)}`);
    }
    return {
      ...throughput(
        {
          concurrency: options.concurrency,
          documents: uploads,
          latencyMs: options.latencyMs,
          wallMs: run.wallMs,
          cpuMs: run.cpuMs,
          sandboxCpuMs,
          outcomes: run.value.outcomes as Record<string, number>,
        },
        await sandboxes.requests(),
      ),
      uploads,
      uploadStatuses: inbound.byStatus,
    };
  } finally {
    await sandboxes.close();
  }
}
