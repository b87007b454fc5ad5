import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { SageX3Client } from "@ml-connector/sage-x3-client";
import type { SpsClient } from "@ml-connector/sps-client";
import type {
  AuditDocument,
  AuditStore,
  ConnectorStores,
  DocumentStatus,
  LockHandle,
  MappingSetInput,
} from "@ml-connector/state";
import { type Clock, ConnectorError, createSafeLogger, type Logger } from "@ml-connector/transport";
import { createSageX3ChangeFeed } from "../adapters/sage-x3-change-feed.js";
import { createSageX3OrderGateway } from "../adapters/sage-x3-order-gateway.js";
import { createSpsDocumentSink } from "../adapters/sps-document-sink.js";
import { createSpsMailboxSource } from "../adapters/sps-mailbox-source.js";
import { createSpsVerdictSource } from "../adapters/sps-verdict-source.js";
import { KeyedMutex } from "../concurrency/keyed-mutex.js";
import { createWorkClaims, type WorkClaims } from "../concurrency/work-claims.js";
import { type ConnectorEventListener, ConnectorEvents } from "../events/connector-events.js";
import { createOrdersInFlow } from "../flows/orders-in/orders-in-flow.js";
import { processInboundPayload } from "../flows/orders-in/process-inbound.js";
import { isSettled, type OrderProcessingDeps, type OrderProcessingOptions } from "../flows/orders-in/process-order.js";
import { createOutboundFlows, type OutboundFlowsSettings } from "../flows/outbound/outbound-flows.js";
import { DEFAULT_IN_DOUBT_WINDOW_MS, type InDoubtPolicy } from "../ledger/run-effect.js";
import type { DocumentSink } from "../ports/document-sink.js";
import type { OrderGateway } from "../ports/order-gateway.js";
import type { OrderSource } from "../ports/order-source.js";
import type { VerdictSource } from "../ports/verdict-source.js";
import type { X3ChangeFeed } from "../ports/x3-change-feed.js";
import { createScheduler, type FlowSchedule, type Scheduler } from "../scheduler/scheduler.js";
import { systemOfError } from "./auth-system.js";
import type { DocumentOutcome, Flow, FlowContext, FlowName, FlowRunSummary, RunProblem } from "./flow.js";

export interface OrdersInSettings extends OrderProcessingOptions, FlowSchedule {
  enabled?: boolean | undefined;
  /** Documents processed at the same time. Default 8. */
  concurrency?: number | undefined;
}

export interface ConnectorOptions {
  stores: ConnectorStores;
  /**
   * The SPS client: the default `orderSource` (the `out/` mailbox) and `documentSink` (`in/`) are built from it.
   * With `spsTestMailboxes`, `testout/` and `testin/` instead.
   */
  sps?: SpsClient | undefined;
  /** The Sage X3 client: the default `orderGateway` and `changeFeed` are built from it. */
  sageX3?: SageX3Client | undefined;
  /** Use SPS's test mailboxes (`testout/`, `testin/`) for everything. Default false. */
  spsTestMailboxes?: boolean | undefined;
  /** Where 850s come from (e.g. `createSpsMailboxSource(spsClient)`). Required for orders-in. */
  orderSource?: OrderSource | undefined;
  /** How orders reach X3 (e.g. `createSageX3OrderGateway(sageX3Client)`). Required for orders-in. */
  orderGateway?: OrderGateway | undefined;
  /** Mappings written to the MappingStore before the first run (validated; all or nothing). */
  mappings?: MappingSetInput | undefined;
  /** What the outbound flows read from X3 (e.g. `createSageX3ChangeFeed(sageX3Client)`). Required for them. */
  changeFeed?: X3ChangeFeed | undefined;
  /** Where 855/856/810 files go (e.g. `createSpsDocumentSink(spsClient)`). Required for the outbound flows. */
  documentSink?: DocumentSink | undefined;
  /**
   * SPS's verdicts on the uploads (e.g. `createSpsVerdictSource(spsClient)`, the transaction history): each outbound
   * run sets its documents `accepted_by_sps` or `rejected_by_sps`. Built from `sps` by default; none without it.
   */
  verdictSource?: VerdictSource | undefined;
  flows?: ({ "orders-in"?: OrdersInSettings | undefined } & OutboundFlowsSettings) | undefined;
  /** pino-compatible; every line is redacted. */
  logger?: Partial<Logger> | undefined;
  /** Names this instance in locks, claims and the ledger. Default: a random id. Give each instance its own. */
  instanceId?: string | undefined;
  /**
   * How long a run's lock lives without renewal (it is renewed every third of it while the run works), so how long a
   * dead instance's flow stays blocked for the others. Default 2 minutes.
   */
  lockTtlMs?: number | undefined;
  /**
   * Several instances on one store (PostgreSQL, or one SQLite file on one host) and the same mailboxes
   * (docs/multiple-instances.md). On: orders-in runs on every instance at once, each SPS file and each PO claimed by
   * one instance with a lease (`leaseMs`, default 60 s, renewed while it works), and the claims of an instance that
   * dies are taken over when their lease expires; the outbound flows still run on one instance at a time, under their
   * flow lock. Off (default): one instance; every flow runs under its flow lock.
   */
  workClaims?: boolean | { leaseMs?: number | undefined } | undefined;
  /**
   * How long a call to X3 or SPS that the connector stopped waiting for (a timeout, a lost answer, a crash) may still
   * take effect there. Such an effect (a create, an edit, a close, an upload) is looked for, and done again only if it
   * did not happen, once this long has passed since it was left in doubt: a late request must not land after the redo
   * or after a later change to the same order. Longer than the clients' request timeout. Default 2 minutes.
   */
  inDoubtWindowMs?: number | undefined;
  /**
   * The clock `inDoubtWindowMs` is measured by: the one the stores stamp their ledger entries with (their `clock`
   * option). Default: orders-in's `now` when set, else the system clock.
   */
  clock?: Clock | undefined;
}

export interface RunOnceOptions {
  signal?: AbortSignal | undefined;
}

export interface ReplayResult {
  document: AuditDocument;
  outcome: DocumentOutcome;
}

export interface Connector {
  /** One pass of a flow: for iPaaS schedulers and the CLI's `sync --once`. Skips (does not wait) when the flow is already running. */
  runOnce(flow: FlowName, options?: RunOnceOptions): Promise<FlowRunSummary>;
  /** The built-in scheduler: every enabled flow on its interval. */
  start(signal?: AbortSignal): void;
  /** Stops the scheduler; the documents in hand are finished and locks released. */
  stop(): Promise<void>;
  /** Re-runs a rejected or failed document from its stored payload with today's mappings. */
  replay(documentId: string): Promise<ReplayResult>;
  /** The audit trail: documents, attempts, links, chains. */
  readonly audit: AuditStore;
  /** Subscribes to connector events; returns the unsubscribe function. */
  on(listener: ConnectorEventListener): () => void;
  /** The flows this connector runs. */
  readonly flows: readonly FlowName[];
}

/**
 * The statuses `replay` accepts; any other is refused. `parked` is inbound only: a document orders-in could not
 * process (of any type), which this version may.
 */
export const replayableStatuses: readonly DocumentStatus[] = ["rejected", "failed", "rejected_by_sps", "parked"];
const processedStatuses: readonly DocumentStatus[] = ["created", "updated", "cancelled", "duplicate"];

/**
 * A run's own signal, aborted with the caller's (through one listener on it). Every document in flight hooks it for
 * each HTTP attempt, so it has as many listeners as the flow's concurrency: not a leak, and Node's warning past 10
 * ("Possible EventTarget memory leak") would only alarm operators. The caller's signal is left as it was.
 */
function runSignal(caller: AbortSignal | undefined): { signal: AbortSignal; release(): void } {
  const own = new AbortController();
  setMaxListeners(0, own.signal);
  if (caller?.aborted) own.abort(caller.reason);
  const onAbort = () => own.abort(caller?.reason);
  caller?.addEventListener("abort", onAbort, { once: true });
  return { signal: own.signal, release: () => caller?.removeEventListener("abort", onAbort) };
}

/** Builds the connector from its stores, its sources and sinks, and per-flow settings. */
export function createConnector(connectorOptions: ConnectorOptions): Connector {
  const options = withDefaultAdapters(connectorOptions);
  const { stores } = options;
  const events = new ConnectorEvents();
  const logger = createSafeLogger(options.logger);
  const instanceId = options.instanceId ?? `ml-connector-${randomUUID().slice(0, 8)}`;
  const lockTtlMs = options.lockTtlMs ?? 2 * 60_000;
  const ordersInSettings = options.flows?.["orders-in"] ?? {};
  const { clock } = options;
  const ordersInNow = ordersInSettings.now;
  const inDoubt: InDoubtPolicy = {
    windowMs: options.inDoubtWindowMs ?? DEFAULT_IN_DOUBT_WINDOW_MS,
    now: clock ? () => clock.now() : ordersInNow ? () => ordersInNow().getTime() : Date.now,
  };
  const keyLock = new KeyedMutex();
  const claims: WorkClaims | undefined = options.workClaims
    ? createWorkClaims({
        locks: stores.locks,
        owner: instanceId,
        leaseMs: typeof options.workClaims === "object" ? options.workClaims.leaseMs : undefined,
        logger,
      })
    : undefined;
  // With claims, orders-in runs on every instance at once: its lock only keeps one instance's runs from overlapping.
  const flowLockName = (flow: FlowName) =>
    claims && flow === "orders-in" ? `flow:${flow}:${instanceId}` : `flow:${flow}`;

  let mappingsLoaded: Promise<void> | undefined;
  const ensureMappings = () => {
    mappingsLoaded ??= options.mappings
      ? stores.mappings.upsertMany(options.mappings).then(() => undefined)
      : Promise.resolve();
    return mappingsLoaded;
  };

  const ordersInDeps = (): OrderProcessingDeps & { source: OrderSource } => {
    if (!options.orderSource || !options.orderGateway) {
      throw new ConnectorError("orders-in needs an orderSource (SPS) and an orderGateway (Sage X3).", {
        kind: "configuration",
      });
    }
    return {
      source: options.orderSource,
      gateway: options.orderGateway,
      audit: stores.audit,
      mappings: stores.mappings,
      events,
      keyLock,
      claims,
      inDoubt,
      options: ordersInSettings,
    };
  };

  const flows = new Map<FlowName, () => Flow>();
  if (ordersInSettings.enabled !== false && options.orderSource && options.orderGateway) {
    flows.set("orders-in", () => createOrdersInFlow(ordersInDeps(), { concurrency: ordersInSettings.concurrency }));
  }

  // Outbound flows (855, 856, 810): X3 changes → SPS, when a change feed and a document sink are given.
  const outbound =
    options.changeFeed && options.documentSink
      ? createOutboundFlows(
          {
            audit: stores.audit,
            mappings: stores.mappings,
            sequences: stores.sequences,
            cursors: stores.cursors,
            feed: options.changeFeed,
            sink: options.documentSink,
            events,
            keyLock,
            verdicts: options.verdictSource,
            inDoubt,
          },
          options.flows ?? {},
        )
      : undefined;
  if (outbound) for (const name of outbound.names) flows.set(name, () => outbound.create(name));

  const withFlowLock = async <T>(flow: FlowName, work: (handle: LockHandle) => Promise<T>): Promise<T | undefined> => {
    const handle = await stores.locks.acquire(flowLockName(flow), { ttlMs: lockTtlMs, owner: instanceId });
    if (!handle) return undefined;
    let current = handle;
    const renew = setInterval(
      () => {
        stores.locks
          .refresh(current, lockTtlMs)
          .then((renewed) => {
            if (renewed) current = renewed;
          })
          .catch((error: unknown) => logger.warn({ flow, error: String(error) }, "could not renew the flow lock"));
      },
      Math.max(1_000, Math.floor(lockTtlMs / 3)),
    );
    try {
      return await work(handle);
    } finally {
      clearInterval(renew);
      await stores.locks.release(current).catch(() => false);
    }
  };

  const runOnce = async (flowName: FlowName, runOptions: RunOnceOptions = {}): Promise<FlowRunSummary> => {
    const makeFlow = flows.get(flowName);
    if (!makeFlow) {
      throw new ConnectorError(`Flow ${flowName} is not configured on this connector.`, { kind: "configuration" });
    }
    await ensureMappings();
    const runId = randomUUID();
    const startedAt = new Date();
    const outcomes: Partial<Record<DocumentOutcome, number>> = {};
    const problems: RunProblem[] = [];
    const warnings: string[] = [];
    let documents = 0;
    const summarize = (extra: Partial<FlowRunSummary> = {}): FlowRunSummary => {
      const finishedAt = new Date();
      return {
        flow: flowName,
        runId,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        documents,
        outcomes: { ...outcomes },
        ...(problems.length > 0 ? { problems: [...problems] } : {}),
        ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
        ...extra,
      };
    };

    const result = await withFlowLock(flowName, async () => {
      events.emit({ type: "run.started", flow: flowName, runId, at: startedAt.toISOString() });
      logger.info({ flow: flowName, runId }, "run started");
      const run = runSignal(runOptions.signal);
      const context: FlowContext = {
        runId,
        signal: run.signal,
        logger,
        events,
        count: (outcome) => {
          documents += 1;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        },
        report: (problem) => {
          problems.push(problem);
        },
        warn: (message, fields) => {
          if (!warnings.includes(message)) warnings.push(message);
          logger.warn({ flow: flowName, runId, ...fields }, message);
        },
      };
      try {
        await makeFlow().run(context);
        const summary = summarize();
        events.emit({ type: "run.finished", flow: flowName, runId, at: summary.finishedAt, summary });
        logger.info({ ...summary }, "run finished");
        return summary;
      } catch (error) {
        const described = {
          kind: error instanceof ConnectorError ? error.kind : "unknown",
          message: error instanceof Error ? error.message : String(error),
        };
        // Named by the client that refused us: an SPS refusal is repaired on the SPS side, not by pairing X3 again.
        const system = described.kind === "auth" ? systemOfError(error) : undefined;
        if (system) events.emit({ type: "auth.repair-needed", system, message: described.message });
        const summary = summarize({ error: described });
        events.emit({ type: "run.failed", flow: flowName, runId, at: summary.finishedAt, error: described });
        logger.error({ flow: flowName, runId, error: described }, "run failed");
        return summary;
      } finally {
        run.release();
      }
    });
    if (result) return result;
    const reason = `another run of ${flowName} holds the lock`;
    events.emit({ type: "run.skipped", flow: flowName, at: new Date().toISOString(), reason });
    return summarize({ skipped: reason });
  };

  let scheduler: Scheduler | undefined;

  /** Outbound replay: rebuild from X3 (the data may be fixed now), revalidate, upload; under the flow's lock. */
  const replayOutbound = async (document: AuditDocument): Promise<ReplayResult> => {
    const flowName = outbound?.flowFor(document);
    if (!outbound || !flowName || !flows.has(flowName)) {
      throw new ConnectorError(`Document ${document.id} is a ${document.type}; its outbound flow is not configured.`, {
        kind: "configuration",
      });
    }
    if (!replayableStatuses.includes(document.status) || document.status === "parked") {
      throw new ConnectorError(
        `Document ${document.id} is ${document.status}; only rejected, failed or rejected_by_sps documents are replayed.`,
        { kind: "conflict" },
      );
    }
    await ensureMappings();
    const replayed = await withFlowLock(flowName, async () => {
      const started = Date.now();
      const context: FlowContext = {
        runId: randomUUID(),
        signal: runSignal(undefined).signal,
        logger,
        events,
        count: () => undefined,
        warn: (message, fields) => logger.warn({ ...fields }, message),
      };
      const result = await outbound.replay(document, context);
      await stores.audit.recordAttempt(document.id, {
        operation: "replay",
        outcome: result.outcome === "posted" ? "success" : "failure",
        message: `replayed: ${result.outcome}${result.document.id === document.id ? "" : ` as ${result.document.id}`}`,
        durationMs: Date.now() - started,
      });
      return result;
    });
    if (!replayed) {
      throw new ConnectorError(`${flowName} is running right now; replay again when it has finished.`, {
        kind: "conflict",
        retryable: true,
      });
    }
    return replayed;
  };

  return {
    flows: [...flows.keys()],
    audit: stores.audit,
    on: (listener) => events.on(listener),
    runOnce,
    start(signal) {
      scheduler ??= createScheduler({
        flows: [...flows.keys()],
        schedules: { ...options.flows, "orders-in": ordersInSettings },
        runFlow: (flow, flowSignal) => runOnce(flow, { signal: flowSignal }),
        onError: (flow, error) => logger.error({ flow, error: String(error) }, "scheduled run failed"),
      });
      scheduler.start(signal);
    },
    async stop() {
      await scheduler?.stop();
    },
    async replay(documentId) {
      const document = await stores.audit.getDocument(documentId);
      if (!document) throw new ConnectorError(`No document ${documentId} in the audit trail.`, { kind: "not-found" });
      if (document.direction === "out") return replayOutbound(document);
      // A parked document is replayed whatever its type: it was parked because orders-in could not process it, and
      // this version may.
      const parked = document.status === "parked";
      if (document.direction !== "in" || (document.type !== "850" && document.type !== "860" && !parked)) {
        throw new ConnectorError(
          `Document ${documentId} is a ${document.type}; replay handles inbound 850s and 860s.`,
          {
            kind: "configuration",
          },
        );
      }
      if (!replayableStatuses.includes(document.status)) {
        throw new ConnectorError(
          `Document ${documentId} is ${document.status}; only rejected, failed, rejected_by_sps or parked documents are replayed.`,
          { kind: "conflict" },
        );
      }
      const newer = await stores.audit.newestRevision(document.naturalKey, {
        type: "850",
        statuses: processedStatuses,
      });
      if (newer && newer.seq > document.seq) {
        throw new ConnectorError(
          `Refused: a newer document for ${document.naturalKey} (${newer.id}, ${newer.status}) was processed since; replaying this one would undo it.`,
          { kind: "conflict", details: { newerDocumentId: newer.id } },
        );
      }
      const payload = await stores.audit.getPayload(documentId);
      if (!payload && parked) {
        throw new ConnectorError(
          `Document ${documentId} was parked unread (${document.reasons[0]?.code ?? "unread"}): there are no bytes to replay. Once the file can be read (renamed, or the size limit raised), the next run reads it from the mailbox.`,
          { kind: "conflict" },
        );
      }
      if (!payload) throw new ConnectorError(`Document ${documentId} has no stored payload.`, { kind: "not-found" });
      await ensureMappings();
      const replayed = await withFlowLock("orders-in", async () => {
        const started = Date.now();
        const result = await processInboundPayload(ordersInDeps(), payload, {
          fileName: document.fileName ?? `${documentId}.json`,
          existing: document,
          replay: true,
        });
        await stores.audit.recordAttempt(documentId, {
          operation: "replay",
          outcome: isSettled(result.document.status) && result.outcome !== "rejected" ? "success" : "failure",
          message: `replayed: ${result.outcome}`,
          durationMs: Date.now() - started,
        });
        return result;
      });
      if (!replayed) {
        throw new ConnectorError("orders-in is running right now; replay again when it has finished.", {
          kind: "conflict",
          retryable: true,
        });
      }
      return replayed;
    },
  };
}

/** Fills the sources and sinks that were not given from the `sps` and `sageX3` clients. */
function withDefaultAdapters(options: ConnectorOptions): ConnectorOptions {
  const test = options.spsTestMailboxes === true;
  return {
    ...options,
    orderSource:
      options.orderSource ??
      (options.sps
        ? createSpsMailboxSource(options.sps, { test, maxBytes: options.flows?.["orders-in"]?.maxBytes })
        : undefined),
    documentSink: options.documentSink ?? (options.sps ? createSpsDocumentSink(options.sps, { test }) : undefined),
    orderGateway: options.orderGateway ?? (options.sageX3 ? createSageX3OrderGateway(options.sageX3) : undefined),
    changeFeed: options.changeFeed ?? (options.sageX3 ? createSageX3ChangeFeed(options.sageX3) : undefined),
    verdictSource: options.verdictSource ?? (options.sps ? createSpsVerdictSource(options.sps) : undefined),
  };
}
