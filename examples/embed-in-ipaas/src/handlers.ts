// One function per flow, for an outside scheduler: a serverless runtime (AWS Lambda + EventBridge, Azure Functions
// timer trigger, Cloud Scheduler), an iPaaS "run code" step, or cron. Nothing is kept in the process between
// invocations: each one opens the store, runs one pass of its flow, and closes the store.
import { createSageX3Client, type SageX3AuthSettings } from "@ml-connector/sage-x3-client";
import { createSpsClient, type SpsCredentials } from "@ml-connector/sps-client";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import {
  createConnector,
  createSageX3ChangeFeed,
  createSageX3OrderGateway,
  createSpsDocumentSink,
  createSpsMailboxSource,
  type FlowName,
  type FlowRunSummary,
  type MappingSetInput,
} from "@ml-connector/sync-core";

export interface IntegrationConfig {
  /** The integration's SQLite file: cursors, audit trail, ledger, tokens. Keep it on a persistent local disk. */
  storePath: string;
  sps: { credentials: SpsCredentials; baseUrl?: string | undefined; authUrl?: string | undefined };
  x3: { serverUrl: string; endpoint: string; auth: SageX3AuthSettings };
  mappings: MappingSetInput;
  /** GS1 company prefix for the SSCC-18 of each 856 pack. */
  gs1CompanyPrefix: string;
  /** Time source, for simulations only (the demo moves the Sage X3 sandbox's clock). Default: the system clock. */
  clock?: { now(): number } | undefined;
}

/** What the scheduler passes. Any scheduled-event shape will do: only the optional deadline is read. */
export interface ScheduledEvent {
  /** When the platform kills the invocation (epoch ms); the run stops cleanly before it. */
  deadline?: number | undefined;
}

/** A JSON-friendly result for the platform's logs and retry policy. */
export interface HandlerResult {
  flow: FlowName;
  ok: boolean;
  documents: number;
  outcomes: FlowRunSummary["outcomes"];
  skipped?: string | undefined;
  error?: { kind: string; message: string } | undefined;
}

/** Builds the four handlers from the configuration (in a deployment: from environment variables, `configFromEnv`). */
export function createHandlers(config: IntegrationConfig) {
  const run = async (flow: FlowName, event: ScheduledEvent = {}): Promise<HandlerResult> => {
    const stores = createSqliteStores({ path: config.storePath });
    try {
      const sps = createSpsClient({ ...config.sps, tokenStore: stores.tokens });
      const x3 = createSageX3Client({ ...config.x3, tokenStore: stores.tokens, clock: config.clock });
      const now = config.clock ? { now: () => new Date(config.clock?.now() ?? Date.now()) } : {};
      const connector = createConnector({
        stores,
        orderSource: createSpsMailboxSource(sps),
        orderGateway: createSageX3OrderGateway(x3),
        changeFeed: createSageX3ChangeFeed(x3),
        documentSink: createSpsDocumentSink(sps),
        mappings: config.mappings, // written on each cold start; an unchanged set changes nothing
        flows: {
          "acks-out": { ...now },
          "asns-out": { ...now, gs1CompanyPrefix: config.gs1CompanyPrefix },
          "invoices-out": { ...now },
        },
      });
      // Stop 5 s before the platform's deadline: the documents in hand are finished, the rest wait for the next call.
      const signal = event.deadline ? AbortSignal.timeout(Math.max(1, event.deadline - Date.now() - 5_000)) : undefined;
      const summary = await connector.runOnce(flow, { signal });
      return {
        flow,
        ok: summary.error === undefined,
        documents: summary.documents,
        outcomes: summary.outcomes,
        skipped: summary.skipped,
        error: summary.error,
      };
    } finally {
      await stores.close();
    }
  };
  return {
    ordersIn: (event?: ScheduledEvent) => run("orders-in", event),
    acksOut: (event?: ScheduledEvent) => run("acks-out", event),
    asnsOut: (event?: ScheduledEvent) => run("asns-out", event),
    invoicesOut: (event?: ScheduledEvent) => run("invoices-out", event),
  };
}

/**
 * The configuration of a deployment, from environment variables (secrets come from the platform's secret store).
 * Throws naming every missing variable.
 */
export function configFromEnv(env: Record<string, string | undefined>, mappings: MappingSetInput): IntegrationConfig {
  const names = [
    "ML_CONNECTOR_DB",
    "SPS_CLIENT_ID",
    "SPS_CLIENT_SECRET",
    "SAGE_X3_URL",
    "SAGE_X3_ENDPOINT",
    "SAGE_X3_CLIENT_ID",
    "SAGE_X3_SECRET",
    "SAGE_X3_USER",
    "GS1_COMPANY_PREFIX",
  ] as const;
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Missing environment variables: ${missing.join(", ")}`);
  const value = (name: (typeof names)[number]) => env[name] ?? "";
  return {
    storePath: value("ML_CONNECTOR_DB"),
    sps: { credentials: { clientId: value("SPS_CLIENT_ID"), clientSecret: value("SPS_CLIENT_SECRET") } },
    x3: {
      serverUrl: value("SAGE_X3_URL"),
      endpoint: value("SAGE_X3_ENDPOINT"),
      auth: {
        mode: "connected-app",
        clientId: value("SAGE_X3_CLIENT_ID"),
        secret: value("SAGE_X3_SECRET"),
        user: value("SAGE_X3_USER"),
      },
    },
    mappings,
    gs1CompanyPrefix: value("GS1_COMPANY_PREFIX"),
  };
}
