import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createSpsClient, type SpsClient } from "@ml-connector/sps-client";
import {
  type AsnsOutSettings,
  type Clock,
  type Connector,
  type ConnectorStores,
  createConnector,
  createMemoryStores,
  createSageX3ChangeFeed,
  createSageX3OrderGateway,
  createSpsDocumentSink,
  createSpsMailboxSource,
  type MappingSetInput,
} from "@ml-connector/sync-core";

export interface Clients {
  spsClient: SpsClient;
  x3Client: SageX3Client;
}

/** The real clients over HTTP; `maxConcurrency` at least the connector's concurrency, so the clients never limit it. */
export function createClients(
  addresses: SandboxClientSettings,
  stores: Pick<ConnectorStores, "tokens">,
  options: { maxConcurrency: number; x3Clock?: Clock | undefined },
): Clients {
  const spsClient = createSpsClient({
    ...addresses.sps,
    tokenStore: stores.tokens,
    maxConcurrency: options.maxConcurrency,
  });
  const x3Client = createSageX3Client({
    ...addresses.x3,
    tokenStore: stores.tokens,
    maxConcurrency: options.maxConcurrency,
    ...(options.x3Clock ? { clock: options.x3Clock } : {}),
  });
  return { spsClient, x3Client };
}

export interface BenchConnectorOptions {
  stores?: ConnectorStores | undefined;
  /** orders-in and invoices-out concurrency. */
  concurrency: number;
  /** The connector's mappings (`benchMappings` of support/orders.ts). */
  mappings: MappingSetInput;
  /**
   * Adds an outbound flow (`flow`, default invoices-out), whose change window ends at `now()` less the safety lag;
   * `lookbackMs` replaces the 2-minute look-back (0: a run re-reads none of the records an earlier run handled, but
   * the one at the cursor). asns-out also needs `shipment`.
   */
  outbound?: { flow?: OutboundFlow | undefined; now: () => Date; lookbackMs?: number | undefined } | undefined;
  /** asns-out's GS1 company prefix and ship-from (the sandbox's `sandboxShipmentSettings`, passed in). */
  shipment?: Pick<AsnsOutSettings, "gs1CompanyPrefix" | "shipFrom"> | undefined;
}

export type OutboundFlow = "invoices-out" | "asns-out" | "acks-out";

export interface BenchConnector extends Clients {
  stores: ConnectorStores;
  connector: Connector;
}

/**
 * orders-in (and, with `outbound`, invoices-out, asns-out or acks-out) over the real clients; the other outbound flows
 * are off. This module
 * loads no sandbox code: the scale measure's connector process imports it, so that the process holds the connector
 * alone (support/systems.ts adds the bench's default mappings, from the sandbox's seed).
 */
export function createBenchConnectorWithMappings(
  addresses: SandboxClientSettings,
  options: BenchConnectorOptions,
): BenchConnector {
  const stores = options.stores ?? createMemoryStores();
  const clients = createClients(addresses, stores, { maxConcurrency: Math.max(8, options.concurrency) });
  const now = options.outbound?.now;
  const outboundFlow = options.outbound?.flow ?? "invoices-out";
  const window = {
    concurrency: options.concurrency,
    ...(now ? { now, startFrom: new Date(now().getTime() - 60 * 60_000) } : {}),
    ...(options.outbound?.lookbackMs !== undefined ? { lookbackMs: options.outbound.lookbackMs } : {}),
  };
  const connector = createConnector({
    stores,
    orderSource: createSpsMailboxSource(clients.spsClient),
    orderGateway: createSageX3OrderGateway(clients.x3Client),
    ...(now
      ? {
          changeFeed: createSageX3ChangeFeed(clients.x3Client),
          documentSink: createSpsDocumentSink(clients.spsClient),
        }
      : {}),
    mappings: options.mappings,
    flows: {
      "orders-in": { concurrency: options.concurrency },
      "acks-out": outboundFlow === "acks-out" ? window : { enabled: false },
      "asns-out": outboundFlow === "asns-out" ? { ...window, ...options.shipment } : { enabled: false },
      "invoices-out": outboundFlow === "invoices-out" ? window : { enabled: false },
    },
    logger: silentLogger,
  });
  return { ...clients, stores, connector };
}

const noop = () => {};
/** The bench measures the connector, not its log output. */
export const silentLogger = { debug: noop, info: noop, warn: noop, error: noop };
