import type { Logger } from "@ml-connector/transport";
import type { ConnectorEvents } from "../events/connector-events.js";

export const flowNames = ["orders-in", "acks-out", "asns-out", "invoices-out"] as const;
export type FlowName = (typeof flowNames)[number];

/**
 * Document outcomes a run counts, one name per meaning. Those that leave a document for a later run:
 * `claimed_elsewhere` (another instance holds its PO), `waiting` (it needs another document first: a cancel or an 860
 * whose 850 is not through yet); those with nothing left to do: `unchanged` (an outbound record whose document SPS
 * already has), `already_handled` (a mailbox file handled before, now removed). A run that did not happen at all is
 * not an outcome: see `FlowRunSummary.skipped`.
 */
export type DocumentOutcome =
  | "created"
  | "updated"
  | "cancelled"
  | "duplicate"
  | "ignored"
  | "rejected"
  | "failed"
  | "posted"
  | "parked"
  | "claimed_elsewhere"
  | "waiting"
  | "unchanged"
  | "already_handled"
  | "accepted_by_sps"
  | "rejected_by_sps"
  | "applied";

export interface FlowRunSummary {
  flow: FlowName;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Documents seen in this run. */
  documents: number;
  outcomes: Partial<Record<DocumentOutcome, number>>;
  /** Set when the run did not happen (another run of the flow holds the lock). */
  skipped?: string | undefined;
  /**
   * What the run met and set aside without stopping: e.g. an unfinished effect that could not be settled
   * (`unreconciled`). Absent when there was nothing.
   */
  problems?: RunProblem[] | undefined;
  /** What the run could not do but did not fail for, e.g. a mailbox folder SPS has not set up yet. */
  warnings?: string[] | undefined;
  /** A run-level failure (mailbox unreachable, auth...), after which the run stopped early. */
  error?: { kind: string; message: string } | undefined;
}

/** Something a run set aside and went on: the entry stays visible in the audit trail with the same reason. */
export interface RunProblem {
  /** e.g. `unreconciled`. */
  code: string;
  effectKey?: string | undefined;
  documentId?: string | undefined;
  message: string;
}

export interface FlowContext {
  runId: string;
  signal: AbortSignal;
  logger: Logger;
  events: ConnectorEvents;
  /** Counts one document outcome into the run's summary. */
  count(outcome: DocumentOutcome): void;
  /** Adds a problem to the run's summary (see `FlowRunSummary.problems`). */
  report?(problem: RunProblem): void;
  /** Adds a warning to the run's summary (and logs it); the run goes on. */
  warn?(message: string, fields?: Record<string, unknown>): void;
}

/** One flow of the connector: what `runOnce(name)` runs. */
export interface Flow {
  name: FlowName;
  run(context: FlowContext): Promise<void>;
}
