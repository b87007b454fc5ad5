import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import {
  acmeSandboxMappings,
  type SageX3Sandbox,
  type SpsSandbox,
  type SpsSandboxOptions,
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
} from "../../src/index.js";

/** ACME's mappings against the Sage X3 sandbox's standard seed (store 42 ships to C0001's address DC01). */
export const sandboxMappings = acmeSandboxMappings;

export interface Systems {
  sps: SpsSandbox;
  x3: SageX3Sandbox;
  spsClient: SpsClient;
  x3Client: SageX3Client;
  stores: ConnectorStores;
  connector: Connector;
  /** A new connector over the same stores and sandboxes: what a restart looks like. */
  restart(): Connector;
  close(): Promise<void>;
}

/** Both sandboxes on loopback, real clients over HTTP, memory stores, and a connector wired to them. */
export async function startSystems(
  options: { stores?: ConnectorStores; connector?: Partial<ConnectorOptions>; sps?: SpsSandboxOptions } = {},
): Promise<Systems> {
  const sps = await startSpsSandbox({ tokenRateLimit: false, ...options.sps });
  const x3 = await startSageX3Sandbox({});
  const stores = options.stores ?? createMemoryStores();
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
  const make = () =>
    createConnector({
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
    connector: make(),
    restart: make,
    close: async () => {
      await Promise.all([sps.close(), x3.close()]);
    },
  };
}
