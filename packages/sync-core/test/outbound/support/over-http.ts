import { createSageX3Client, type SageX3Client } from "@ml-connector/sage-x3-client";
import {
  acmeSandboxMappings,
  make850,
  type OrderSpec,
  type SageX3Sandbox,
  type SpsSandbox,
  type SpsSandboxOptions,
  sandboxShipmentSettings,
  startSandboxPair,
} from "@ml-connector/sandbox";
import { createSpsClient, type SpsClient } from "@ml-connector/sps-client";
import type { MappingSetInput } from "@ml-connector/state";
import { afterEach } from "vitest";
import type { SageX3ChangeFeedOptions } from "../../../src/adapters/sage-x3-change-feed.js";
import type { OutboundFlowsSettings } from "../../../src/flows/outbound/outbound-flows.js";
import {
  type Connector,
  type ConnectorStores,
  createConnector,
  createMemoryStores,
  createSageX3ChangeFeed,
  createSageX3OrderGateway,
  createSpsDocumentSink,
  createSpsMailboxSource,
  createSpsVerdictSource,
} from "../../../src/index.js";
import type { DocumentSink } from "../../../src/ports/document-sink.js";
import { crashable } from "./setup.js";

export interface OutboundSystems {
  sps: SpsSandbox;
  x3: SageX3Sandbox;
  spsClient: SpsClient;
  x3Client: SageX3Client;
  stores: ConnectorStores;
  crash: ReturnType<typeof crashable>;
  /** The connector's clock is X3's plus this (0 by default; tests skew it). */
  clock: { offsetMs: number };
  /** A minute passes (X3's clock moves): what X3 users just did leaves the safety lag. */
  tick(ms?: number): void;
  connector: Connector;
  /** A new connector over the same stores and sandboxes: a restart. */
  restart(): Connector;
  /** Called after every upload that reached SPS (a test crashes the process there). */
  afterUpload: { hook: (() => void) | undefined };
  /** 850s into SPS `out/`, through orders-in into X3; returns the SOHNUM of each. */
  receive(...specs: OrderSpec[]): Promise<string[]>;
  /** What SPS holds in `in/` (with the sandbox's validation verdicts). */
  inbound(): ReturnType<SpsSandbox["mailbox"]["inbound"]>;
  close(): Promise<void>;
}

/** ACME against the Sage X3 sandbox's seed: store 42 ships to C0001's address DC01. */
export const sandboxMappings = acmeSandboxMappings;

/** Both sandboxes on loopback, the real clients over HTTP, memory stores, and a connector with all four flows. */
export async function startOutboundSystems(
  options: {
    flows?: OutboundFlowsSettings;
    maxCount?: number;
    feed?: SageX3ChangeFeedOptions;
    sps?: SpsSandboxOptions;
    /** Read SPS's verdicts (the history) on every outbound run. Default false. */
    verdicts?: boolean;
    /** The mailbox folders orders-in reads. Default `["out/"]`. */
    folders?: readonly string[];
    /** The partners and mappings. Default the sandbox's ACME (a sales partner). */
    mappings?: MappingSetInput;
  } = {},
): Promise<OutboundSystems> {
  const pair = await startSandboxPair({
    sps: options.sps,
    x3: options.maxCount ? { maxCount: options.maxCount } : {},
  });
  const { sps, x3 } = pair;
  const base = createMemoryStores();
  const crash = crashable(base.audit);
  const stores: ConnectorStores = { ...base, audit: crash.audit };
  const retry = { baseDelayMs: 1, maxDelayMs: 5 };
  const spsClient = createSpsClient({ ...pair.clients.sps, tokenStore: stores.tokens, retry });
  // Tokens are minted in X3's time, which the tests move.
  const x3Client = createSageX3Client({ ...pair.clients.x3, tokenStore: stores.tokens, retry, clock: x3.clock });
  const clock = { offsetMs: 0 };
  const now = () => new Date(x3.clock.now() + clock.offsetMs);
  const startFrom = new Date(x3.clock.now() - 60 * 60_000);
  const afterUpload: OutboundSystems["afterUpload"] = { hook: undefined };
  const spsSink = createSpsDocumentSink(spsClient);
  const sink: DocumentSink = {
    name: spsSink.name,
    async upload(file, signal) {
      const written = await spsSink.upload(file, signal);
      afterUpload.hook?.();
      return written;
    },
    find: spsSink.find,
  };
  const flows: OutboundFlowsSettings = {
    "acks-out": { now, startFrom, ...options.flows?.["acks-out"] },
    "asns-out": {
      now,
      startFrom,
      ...sandboxShipmentSettings,
      ...options.flows?.["asns-out"],
    },
    "invoices-out": { now, startFrom, ...options.flows?.["invoices-out"] },
  };
  const make = () =>
    createConnector({
      stores,
      orderSource: createSpsMailboxSource(spsClient, { folders: options.folders }),
      orderGateway: createSageX3OrderGateway(x3Client),
      changeFeed: createSageX3ChangeFeed(x3Client, { pageSize: 2, ...options.feed }),
      documentSink: sink,
      ...(options.verdicts ? { verdictSource: createSpsVerdictSource(spsClient) } : {}),
      mappings: options.mappings ?? sandboxMappings,
      flows,
      // What a crash or a lost answer leaves is settled at once in these tests; the in-doubt window before it has
      // tests of its own (ledger/in-doubt-window.test.ts).
      inDoubtWindowMs: 0,
    });
  const systems: OutboundSystems = {
    sps,
    x3,
    spsClient,
    x3Client,
    stores,
    crash,
    clock,
    tick: (ms = 60_000) => x3.clock.advance(ms),
    connector: make(),
    restart: make,
    afterUpload,
    async receive(...specs) {
      for (const spec of specs) {
        sps.mailbox.putOutbound(`PO${spec.po}-v7.7-BulkImport.json`, JSON.stringify(make850(spec)));
      }
      const summary = await systems.connector.runOnce("orders-in");
      if ((summary.outcomes.created ?? 0) !== specs.length) {
        throw new Error(`orders-in did not create every order: ${JSON.stringify(summary)}`);
      }
      const keys: string[] = [];
      for (const spec of specs) {
        const order = await x3Client.findByNaturalKey("SORDER", { BPCORD: "C0001", CUSORDREF: spec.po });
        if (!order) throw new Error(`no X3 order for PO ${spec.po}`);
        keys.push(order.SOHNUM);
      }
      return keys;
    },
    inbound: () => sps.mailbox.inbound(),
    close: async () => {
      await pair.close();
    },
  };
  return systems;
}

/**
 * Outbound systems for the tests of one file, each closed after the test that started it: call at the top level of
 * the file, then `await start(options)` in a test.
 */
export function useOutboundSystems(): typeof startOutboundSystems {
  const started: OutboundSystems[] = [];
  afterEach(async () => {
    for (const systems of started.splice(0)) await systems.close();
  });
  return async (options) => {
    const systems = await startOutboundSystems(options);
    started.push(systems);
    return systems;
  };
}
