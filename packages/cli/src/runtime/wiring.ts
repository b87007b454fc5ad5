import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { defineRuleSet, type RuleSet, type RuleSetDefinition } from "@ml-connector/rsx";
import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import { createSpsClient, type SpsClient } from "@ml-connector/sps-client";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import {
  type AsnsOutSettings,
  type Connector,
  type ConnectorOptions,
  type ConnectorStores,
  createConnector,
  createSageX3ChangeFeed,
  createSageX3OrderGateway,
  createSpsDocumentSink,
  createSpsMailboxSource,
  createSpsVerdictSource,
  type InvoicesOutSettings,
  loadMappingsCsv,
  loadMappingsFromConfig,
  type MappingKind,
  type MappingSet,
  mappingKinds,
  type SpsDocumentSinkOptions,
} from "@ml-connector/sync-core";
import type { Logger } from "@ml-connector/transport";
import type { LoadedConfig } from "../config/load.js";
import type { ConnectorConfig } from "../config/schema.js";
import { configurationError } from "./errors.js";

/** The stores the commands use: any adapter, with its schema version and where it is (never a credential). */
export interface CliStores extends ConnectorStores {
  readonly schemaVersion: number;
  /** The SQLite file, or `PostgreSQL HOST:PORT/DATABASE, schema NAME` (no user, no password). */
  readonly path: string;
}

/** Where a connection string points, without its credentials. */
export function describePostgres(connectionString: string, schema: string): string {
  try {
    const url = new URL(connectionString);
    return `PostgreSQL ${url.host}${url.pathname}, schema ${schema}`;
  } catch {
    return `PostgreSQL, schema ${schema}`;
  }
}

/** Opens the configured store: the SQLite file (its folder created when missing, 0700) or the PostgreSQL schema. */
export async function openStores(loaded: LoadedConfig): Promise<CliStores> {
  const { store } = loaded.config;
  if ("postgres" in store) {
    const { connectionString, schema, poolSize, preparedStatements, groupWrites } = store.postgres;
    // Loaded only when configured: a SQLite user never loads the PostgreSQL driver.
    const { createPostgresStores } = await import("@ml-connector/store-postgres");
    const stores = await createPostgresStores({
      connectionString,
      schema,
      poolSize,
      preparedStatements,
      groupWrites,
    });
    return { ...stores, path: describePostgres(connectionString, schema) };
  }
  const path = loaded.resolvePath(store.sqlite);
  // The folder, when we create it, is the owner's only (0700), like the file (0600): tokens and payloads live there.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return createSqliteStores({
    path,
    ...(store.commitHoldMs === undefined ? {} : { commitHoldMs: store.commitHoldMs }),
  });
}

export function createSps(loaded: LoadedConfig, stores: CliStores, logger?: Partial<Logger> | undefined): SpsClient {
  const { sps } = loaded.config;
  return createSpsClient({
    baseUrl: sps.baseUrl,
    authUrl: sps.authUrl,
    ...(sps.audience ? { audience: sps.audience } : {}),
    credentials: { clientId: sps.clientId, clientSecret: sps.clientSecret, refreshToken: sps.refreshToken },
    flow: sps.flow,
    tokenStore: stores.tokens,
    timeoutMs: sps.timeoutMs,
    proxy: sps.proxy,
    noProxy: sps.noProxy,
    logger,
  });
}

export function createX3(loaded: LoadedConfig, stores: CliStores, logger?: Partial<Logger> | undefined): SageX3Client {
  const { sageX3 } = loaded.config;
  return createSageX3Client({
    serverUrl: sageX3.serverUrl,
    endpoint: sageX3.endpoint,
    auth: sageX3.auth,
    classes: sageX3.classes,
    pageSize: sageX3.pageSize,
    timeoutMs: sageX3.timeoutMs,
    proxy: sageX3.proxy,
    noProxy: sageX3.noProxy,
    tokenStore: stores.tokens,
    logger,
  });
}

/** Inline mappings plus every CSV file the config names, validated as one set (all or nothing). */
export async function configuredMappings(loaded: LoadedConfig): Promise<MappingSet> {
  const { csv, ...inline } = loaded.config.mappings;
  const set = loadMappingsFromConfig(inline, { source: `${loaded.path} (mappings)` });
  for (const kind of mappingKinds) {
    const files = csv?.[kind];
    for (const file of typeof files === "string" ? [files] : (files ?? [])) {
      const path = loaded.resolvePath(file);
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch {
        throw configurationError(`mappings.csv.${kind}: cannot read ${path}.`);
      }
      const records = loadMappingsCsv(kind, text, { fileName: path });
      appendRecords(set, kind, records);
    }
  }
  return set;
}

function appendRecords<K extends MappingKind>(set: MappingSet, kind: K, records: MappingSet[K]): void {
  set[kind] = [...set[kind], ...records] as MappingSet[K];
}

type RuleBlockConfig = NonNullable<NonNullable<ConnectorConfig["partnerRules"]>[string]>;

/** The declarative rule sets of `partnerRules`, built with rsx's `defineRuleSet` (a bad selector or regex: exit 2). */
export function partnerRuleSets(loaded: LoadedConfig): Record<string, RuleSet> {
  const sets: Record<string, RuleSet> = {};
  for (const [partnerId, config] of Object.entries(loaded.config.partnerRules ?? {})) {
    const where = `partnerRules.${partnerId}`;
    const block = (b: Omit<RuleBlockConfig, "name" | "appliesTo" | "severity" | "documents">, path: string) => ({
      required: b.required,
      maxLength: b.maxLength,
      allowed: b.allowed,
      pattern: b.pattern
        ? Object.fromEntries(
            Object.entries(b.pattern).map(([selector, source]) => {
              try {
                return [selector, new RegExp(source)];
              } catch {
                throw configurationError(`${path}.pattern["${selector}"] is not a valid regular expression.`);
              }
            }),
          )
        : undefined,
    });
    const documents: RuleSetDefinition["documents"] = Object.fromEntries(
      Object.entries(config.documents ?? {}).map(([type, b]) => [type, block(b, `${where}.documents.${type}`)]),
    );
    try {
      sets[partnerId] = defineRuleSet({
        name: config.name ?? partnerId,
        appliesTo: config.appliesTo,
        severity: config.severity,
        ...block(config, where),
        documents,
      });
    } catch (error) {
      throw configurationError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return sets;
}

/** `sps.mailbox.outbound` as the document sink's options. */
export function uploadFolders(config: ConnectorConfig): SpsDocumentSinkOptions {
  const outbound = config.sps.mailbox.outbound;
  if (typeof outbound === "string") return { folder: outbound };
  const { default: folder, ...folders } = outbound;
  return { folder, folders };
}

/** The connector the config describes: SPS mailbox → X3 orders, X3 changes → SPS in/, on the configured store. */
export function buildConnector(
  loaded: LoadedConfig,
  parts: { stores: CliStores; sps: SpsClient; x3: SageX3Client; mappings: MappingSet; logger?: Partial<Logger> },
): Connector {
  const { config } = loaded;
  const flows = config.flows;
  const testMode = config.sps.testMode;
  const asns = flows["asns-out"];
  const invoices = flows["invoices-out"];
  const rules = partnerRuleSets(loaded);
  const partnerRules = Object.keys(rules).length > 0 ? rules : undefined;
  const options: ConnectorOptions = {
    stores: parts.stores,
    orderSource: createSpsMailboxSource(parts.sps, {
      folders: config.sps.mailbox.inbound,
      test: testMode,
      // The download limit is the parse limit: a larger file is parked unread instead of failing every run.
      maxBytes: flows["orders-in"].maxBytes,
    }),
    // One field for both directions: written on create and paired on by changes, read back for the 855/856/810.
    orderGateway: createSageX3OrderGateway(parts.x3, { sourceLineField: config.sageX3.sourceLineField }),
    changeFeed: createSageX3ChangeFeed(parts.x3, { sourceLineField: config.sageX3.sourceLineField }),
    documentSink: createSpsDocumentSink(parts.sps, { ...uploadFolders(config), test: testMode }),
    verdictSource: createSpsVerdictSource(parts.sps),
    mappings: parts.mappings,
    logger: parts.logger,
    instanceId: config.instance.id ?? `${hostname()}-${process.pid}`,
    lockTtlMs: config.instance.lockLeaseSeconds * 1000,
    inDoubtWindowMs: config.instance.inDoubtSeconds * 1000,
    workClaims: config.instance.workClaims ? { leaseMs: config.instance.claimLeaseSeconds * 1000 } : false,
    flows: {
      "orders-in": { ...flows["orders-in"], partnerRules },
      "acks-out": { ...flows["acks-out"], partnerRules },
      "asns-out": {
        ...asns,
        partnerRules,
        // The zod schema checked the shapes; rsx's address and code types are narrower string unions.
        shipFrom: asns.shipFrom as AsnsOutSettings["shipFrom"],
        transportModes: asns.transportModes as AsnsOutSettings["transportModes"],
      },
      "invoices-out": {
        ...invoices,
        partnerRules,
        chargeCodes: invoices.chargeCodes as InvoicesOutSettings["chargeCodes"],
        paymentTerms: invoices.paymentTerms as InvoicesOutSettings["paymentTerms"],
        remitTo: invoices.remitTo as InvoicesOutSettings["remitTo"],
      },
    },
  };
  return createConnector(options);
}
