// One connector instance of the multi-instance test, in a process of its own so that it can be SIGKILLed: orders-in
// in a loop over the shared PostgreSQL store with work claims on. Started by orders-in-instances.test.ts with
// `node --import tsx --conditions=ml-connector-source`; its configuration is the JSON in INSTANCE_CONFIG. It writes
// one JSON line per created order and per finished run on stdout, and stops cleanly on SIGTERM.
import { createSageX3Client } from "@ml-connector/sage-x3-client";
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createSpsClient } from "@ml-connector/sps-client";
import { createConnector, createSageX3OrderGateway, createSpsMailboxSource } from "@ml-connector/sync-core";
import { createPostgresStores } from "../../src/index.js";

export interface InstanceConfig {
  instanceId: string;
  databaseUrl: string;
  leaseMs: number;
  /** How long an effect a killed instance left in doubt waits before another instance looks for it. */
  inDoubtWindowMs: number;
  concurrency: number;
  clients: SandboxClientSettings;
  mappings: unknown;
}

const config = JSON.parse(process.env.INSTANCE_CONFIG ?? "{}") as InstanceConfig;
const stores = await createPostgresStores({ connectionString: config.databaseUrl });
const retry = { baseDelayMs: 5, maxDelayMs: 100 };
const spsClient = createSpsClient({ ...config.clients.sps, tokenStore: stores.tokens, retry });
const x3Client = createSageX3Client({ ...config.clients.x3, tokenStore: stores.tokens, retry });
const connector = createConnector({
  stores,
  orderSource: createSpsMailboxSource(spsClient),
  orderGateway: createSageX3OrderGateway(x3Client),
  mappings: config.mappings as never,
  instanceId: config.instanceId,
  workClaims: { leaseMs: config.leaseMs },
  inDoubtWindowMs: config.inDoubtWindowMs,
  flows: { "orders-in": { concurrency: config.concurrency } },
});

const write = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
connector.on((event) => {
  if (event.type === "document.created") write({ created: event.naturalKey });
});

const stop = new AbortController();
process.on("SIGTERM", () => stop.abort());
while (!stop.signal.aborted) {
  const summary = await connector.runOnce("orders-in", { signal: stop.signal });
  write({ run: summary.outcomes, documents: summary.documents, error: summary.error });
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await stores.close();
