import type { SandboxClientSettings } from "@ml-connector/sandbox";
import type { ConnectorStores } from "@ml-connector/sync-core";
import { type BenchConnector, type BenchConnectorOptions, createBenchConnectorWithMappings } from "./connector.js";
import { benchMappings } from "./orders.js";

export { type BenchConnector, type Clients, createClients, silentLogger } from "./connector.js";

/**
 * orders-in (and, with `outbound`, invoices-out, asns-out or acks-out) over the real clients, with ACME's mappings of
 * `items` parts.
 */
export function createBenchConnector(
  addresses: SandboxClientSettings,
  options: Omit<BenchConnectorOptions, "mappings"> & {
    /** Mapped vendor part numbers (850 lines use the first ones). Default 100. */
    items?: number | undefined;
  },
): BenchConnector {
  return createBenchConnectorWithMappings(addresses, { ...options, mappings: benchMappings(options.items ?? 100) });
}

const readMethods = new Set([
  "getDocument",
  "findDocuments",
  "newestRevision",
  "getPayload",
  "listAttempts",
  "linksOf",
  "chain",
  "getEffect",
  "listInProgress",
]);

/** The stores with every audit call counted (reads and writes apart), to report store calls per document. */
export function countAuditCalls(stores: ConnectorStores): {
  stores: ConnectorStores;
  counts: () => { reads: number; writes: number; byMethod: Record<string, number> };
  reset: () => void;
} {
  let byMethod: Record<string, number> = {};
  const audit = new Proxy(stores.audit, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      return (...args: unknown[]) => {
        byMethod[property] = (byMethod[property] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    stores: { ...stores, audit },
    counts: () => {
      let reads = 0;
      let writes = 0;
      for (const [method, count] of Object.entries(byMethod)) {
        if (readMethods.has(method)) reads += count;
        else writes += count;
      }
      return { reads, writes, byMethod: { ...byMethod } };
    },
    reset: () => {
      byMethod = {};
    },
  };
}
