// One connector instance of token-refresh-instances.test.ts, in a process of its own: a Sage X3 client in
// authorization-code mode over a store shared with another instance (SQLite file or PostgreSQL database).
// Started with `node --conditions=ml-connector-source --import tsx`; its configuration is the JSON in INSTANCE_CONFIG.
// Prints "ready", then for every line on stdin reads one page of customers and prints one JSON line: the outcome.
import { createInterface } from "node:readline";
import { type AuthorizationCodeSettings, createSageX3Client } from "@ml-connector/sage-x3-client";
import { createPostgresStores } from "@ml-connector/store-postgres";
import { createSqliteStores } from "@ml-connector/store-sqlite";

export interface TokenInstanceConfig {
  store: { sqlite: string } | { postgres: string };
  serverUrl: string;
  endpoint: string;
  auth: AuthorizationCodeSettings;
}

const config = JSON.parse(process.env.INSTANCE_CONFIG ?? "{}") as TokenInstanceConfig;
const stores =
  "sqlite" in config.store
    ? createSqliteStores({ path: config.store.sqlite, busyTimeoutMs: 20_000 })
    : await createPostgresStores({ connectionString: config.store.postgres });
const client = createSageX3Client({
  serverUrl: config.serverUrl,
  endpoint: config.endpoint,
  auth: config.auth,
  tokenStore: stores.tokens,
  retry: { baseDelayMs: 1, maxDelayMs: 5 },
});

const write = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
write({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  const round = Number(line);
  try {
    let records = 0;
    for await (const _ of client.query("BPCUSTOMER")) records += 1;
    write({ round, records });
  } catch (error) {
    const { kind, message } = error as { kind?: string; message?: string };
    write({ round, error: { kind, message } });
  }
}
await stores.close();
