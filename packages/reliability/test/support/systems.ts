import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import {
  acmeSandboxMappings,
  type SageX3Sandbox,
  type SpsSandbox,
  startSageX3Sandbox,
  startSpsSandbox,
} from "@ml-connector/sandbox";
import { createSpsClient, type SpsClient } from "@ml-connector/sps-client";
import {
  type Connector,
  type ConnectorOptions,
  type ConnectorStores,
  createConnector,
  createMemoryStores,
  createSageX3OrderGateway,
  createSpsMailboxSource,
} from "@ml-connector/sync-core";

/** ACME against the Sage X3 sandbox's seed (one copy, in @ml-connector/sandbox). */
export const sandboxMappings = acmeSandboxMappings;

export interface Systems {
  sps: SpsSandbox;
  x3: SageX3Sandbox;
  spsClient: SpsClient;
  x3Client: SageX3Client;
  stores: ConnectorStores;
  connector: Connector;
  close(): Promise<void>;
}

/** Both sandboxes on loopback, the real clients over HTTP, memory stores, and an orders-in connector. */
export async function startSystems(options: { connector?: Partial<ConnectorOptions> } = {}): Promise<Systems> {
  const sps = await startSpsSandbox({ tokenRateLimit: false });
  const x3 = await startSageX3Sandbox({});
  const stores = createMemoryStores();
  const spsClient = createSpsClient({
    baseUrl: sps.baseUrl,
    authUrl: sps.authUrl,
    credentials: sps.credentials,
    tokenStore: stores.tokens,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  const x3Client = createSageX3Client({
    serverUrl: x3.baseUrl,
    endpoint: x3.endpoint,
    auth: { mode: "connected-app", ...x3.credentials.connectedApp },
    tokenStore: stores.tokens,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  const connector = createConnector({
    stores,
    orderSource: createSpsMailboxSource(spsClient),
    orderGateway: createSageX3OrderGateway(x3Client),
    mappings: sandboxMappings,
    ...options.connector,
  });
  return {
    sps,
    x3,
    spsClient,
    x3Client,
    stores,
    connector,
    close: async () => {
      await Promise.all([sps.close(), x3.close()]);
    },
  };
}
