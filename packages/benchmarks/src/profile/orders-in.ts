/**
 * One orders-in run against the sandboxes (in their own process), for a CPU profile of the connector alone:
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof src/profile/orders-in.ts
 *
 * PROFILE_DOCS (default 600), PROFILE_C (default 8), PROFILE_LATENCY_MS (default 20), PROFILE_RUNS (default 1).
 * Prints the connector's CPU ms per document (process.cpuUsage) of each timed run, the figure section 2 reports.
 */
import { ordersInRun } from "../measures/orders-in.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";

const documents = Number(process.env.PROFILE_DOCS ?? 600);
const concurrency = Number(process.env.PROFILE_C ?? 8);
const latencyMs = Number(process.env.PROFILE_LATENCY_MS ?? 20);
const runs = Number(process.env.PROFILE_RUNS ?? 1);

const sandboxes = await startRemoteSandboxes();
try {
  for (let run = 0; run < runs; run++) {
    const result = await ordersInRun(sandboxes, { concurrency, documents, latencyMs, lines: 5 });
    process.stdout.write(
      `${JSON.stringify({
        run,
        documents,
        concurrency,
        latencyMs,
        cpuMsPerDoc: Number(result.cpuMsPerDoc.toFixed(2)),
        docsPerSecond: Number(result.docsPerSecond.toFixed(1)),
        ratio: Number(result.ratio.toFixed(2)),
        requestsPerDoc: Number(result.requestsPerDoc.toFixed(2)),
      })}\n`,
    );
  }
} finally {
  await sandboxes.close();
}
