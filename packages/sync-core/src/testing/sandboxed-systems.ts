import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import {
  acmeSandboxMappings,
  type SageX3Sandbox,
  type SandboxPair,
  type SandboxPairOptions,
  type SpsSandbox,
  startSandboxPair,
} from "@ml-connector/sandbox";
import { createSpsClient, type SpsClient } from "@ml-connector/sps-client";
import { type ConnectorStores, createMemoryStores } from "@ml-connector/state";
// The modules themselves, not ../index.js: bundled, an entry that imports the other entry would move its
// `export * from "@ml-connector/state"` into a shared chunk, where the ESM build loses it.
import { createSageX3OrderGateway } from "../adapters/sage-x3-order-gateway.js";
import { createSpsMailboxSource } from "../adapters/sps-mailbox-source.js";
import { type Connector, type ConnectorOptions, createConnector } from "../engine/connector.js";

/** Both sandboxes, the real clients against them, the stores and an orders-in connector wired to all of it. */
export interface SandboxedSystems {
  pair: SandboxPair;
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

export interface SandboxedSystemsOptions extends SandboxPairOptions {
  /** Default: fresh memory stores. */
  stores?: ConnectorStores | undefined;
  /** On top of the defaults: the SPS mailbox as order source, X3 as order gateway, ACME's sandbox mappings. */
  connector?: Partial<ConnectorOptions> | undefined;
}

/**
 * Starts the SPS and Sage X3 sandboxes on loopback and wires the real clients (over HTTP, with short retry delays)
 * and a connector to them: the setup of a test that runs orders-in end to end. Needs `@ml-connector/sandbox`.
 */
export async function startSandboxedSystems(options: SandboxedSystemsOptions = {}): Promise<SandboxedSystems> {
  const pair = await startSandboxPair(options);
  const stores = options.stores ?? createMemoryStores();
  const retry = { baseDelayMs: 1, maxDelayMs: 5 };
  const spsClient = createSpsClient({ ...pair.clients.sps, tokenStore: stores.tokens, retry });
  const x3Client = createSageX3Client({ ...pair.clients.x3, tokenStore: stores.tokens, retry });
  const make = () =>
    createConnector({
      stores,
      orderSource: createSpsMailboxSource(spsClient),
      orderGateway: createSageX3OrderGateway(x3Client),
      mappings: acmeSandboxMappings,
      ...options.connector,
    });
  return {
    pair,
    sps: pair.sps,
    x3: pair.x3,
    spsClient,
    x3Client,
    stores,
    connector: make(),
    restart: make,
    close: () => pair.close(),
  };
}
