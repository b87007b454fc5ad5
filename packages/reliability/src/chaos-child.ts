// The connector process of the chaos test: all four flows in a loop over a SQLite file, until it is killed.
// Bundled by src/chaos.ts (esbuild, once per run) and started with plain node; its configuration is the JSON in
// CHAOS_CONFIG. Each finished round is one JSON line on stdout.
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { type Endpoints, wire } from "./wiring.js";

interface ChildConfig {
  endpoints: Endpoints;
  dbPath: string;
  startFrom: string;
  timeoutMs: number;
  lockTtlMs: number;
  safetyLagMs: number;
}

const config = JSON.parse(process.env.CHAOS_CONFIG ?? "{}") as ChildConfig;
const stores = createSqliteStores({ path: config.dbPath });
const { connector } = wire(config.endpoints, {
  stores,
  timeoutMs: config.timeoutMs,
  lockTtlMs: config.lockTtlMs,
  safetyLagMs: config.safetyLagMs,
  startFrom: new Date(config.startFrom),
  retry: { baseDelayMs: 5, maxDelayMs: 100, retries: 3, maxRetryAfterMs: 2_000 },
});

process.stdout.write(`${JSON.stringify({ ready: Date.now() })}\n`);
const flows = ["orders-in", "acks-out", "asns-out", "invoices-out"] as const;
let round = 0;
for (;;) {
  round += 1;
  const startedAt = Date.now();
  const results: { flow: string; documents: number; ms: number; skipped?: string; error?: string }[] = [];
  for (const flow of flows) {
    const flowStarted = Date.now();
    try {
      const summary = await connector.runOnce(flow);
      results.push({
        flow,
        documents: summary.documents,
        ms: Date.now() - flowStarted,
        ...(summary.skipped ? { skipped: String(summary.skipped) } : {}),
        ...(summary.error ? { error: JSON.stringify(summary.error) } : {}),
      });
    } catch (error) {
      results.push({ flow, documents: 0, ms: Date.now() - flowStarted, error: String(error) });
    }
  }
  process.stdout.write(`${JSON.stringify({ round, startedAt, finishedAt: Date.now(), results })}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
