import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import {
  acmeSandboxMappings,
  type SandboxClientSettings,
  sandboxShipmentSettings,
  withSupplyPartner,
} from "@ml-connector/sandbox";
import { createSpsClient, type SpsClient } from "@ml-connector/sps-client";
import {
  type Connector,
  type ConnectorStores,
  createConnector,
  createSageX3ChangeFeed,
  createSageX3OrderGateway,
  createSpsDocumentSink,
  createSpsMailboxSource,
} from "@ml-connector/sync-core";
import type { Logger, RetryOptions } from "@ml-connector/transport";

/** Where the two systems are and how to log in: what a child process is told on its command line. */
export type Endpoints = SandboxClientSettings;

/**
 * ACME (a sales partner) and SUPPLY (a buy-side partner: its POs become X3 purchase orders) against the Sage X3
 * sandbox's seed (one copy of each, in @ml-connector/sandbox).
 */
export const sandboxMappings = withSupplyPartner(acmeSandboxMappings);

export interface WiringOptions {
  stores: ConnectorStores;
  logger?: Partial<Logger> | undefined;
  /** Per-request timeout of both clients. */
  timeoutMs?: number | undefined;
  retry?: RetryOptions | undefined;
  /** Where the outbound flows' first window starts. */
  startFrom: Date;
  /** The outbound flows' safety lag (X3 stamps are second-precision). */
  safetyLagMs?: number | undefined;
  /** How long a crashed run's flow lock outlives it. */
  lockTtlMs?: number | undefined;
  /**
   * How long an effect left in doubt waits before it is looked for or redone. Default: three request timeouts (the
   * sandboxes' slowest fault answers half a second after the timeout), else the connector's default.
   */
  inDoubtWindowMs?: number | undefined;
}

export interface Wired {
  spsClient: SpsClient;
  x3Client: SageX3Client;
  connector: Connector;
}

/** The real clients and a connector with all four flows, as a deployment would wire them. */
export function wire(endpoints: Endpoints, options: WiringOptions): Wired {
  const retry = options.retry ?? { baseDelayMs: 5, maxDelayMs: 50 };
  const spsClient = createSpsClient({
    ...endpoints.sps,
    tokenStore: options.stores.tokens,
    retry,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.logger ? { logger: options.logger as Logger } : {}),
  });
  const x3Client = createSageX3Client({
    ...endpoints.x3,
    tokenStore: options.stores.tokens,
    retry,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.logger ? { logger: options.logger as Logger } : {}),
  });
  const window = { startFrom: options.startFrom, safetyLagMs: options.safetyLagMs ?? 2_000 };
  const inDoubtWindowMs = options.inDoubtWindowMs ?? (options.timeoutMs ? 3 * options.timeoutMs : undefined);
  const connector = createConnector({
    stores: options.stores,
    orderSource: createSpsMailboxSource(spsClient),
    orderGateway: createSageX3OrderGateway(x3Client),
    changeFeed: createSageX3ChangeFeed(x3Client),
    documentSink: createSpsDocumentSink(spsClient),
    mappings: sandboxMappings,
    ...(options.lockTtlMs ? { lockTtlMs: options.lockTtlMs } : {}),
    ...(inDoubtWindowMs !== undefined ? { inDoubtWindowMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    flows: {
      "orders-in": { concurrency: 4 },
      "acks-out": window,
      "asns-out": {
        ...window,
        ...sandboxShipmentSettings,
      },
      "invoices-out": window,
    },
  });
  return { spsClient, x3Client, connector };
}
