import type { AuthSystem } from "../engine/auth-system.js";
import type { FlowName, FlowRunSummary } from "../engine/flow.js";

/** Everything the engine tells the outside world as it works. Payloads never hold secrets or document bodies. */
export type ConnectorEvent =
  | { type: "run.started"; flow: FlowName; runId: string; at: string }
  | { type: "run.finished"; flow: FlowName; runId: string; at: string; summary: FlowRunSummary }
  | { type: "run.skipped"; flow: FlowName; at: string; reason: string }
  | { type: "run.failed"; flow: FlowName; runId: string; at: string; error: { kind: string; message: string } }
  | {
      type: "document.received" | "document.created" | "document.updated" | "document.cancelled";
      flow: FlowName;
      documentId: string;
      naturalKey: string;
      x3Key?: string | undefined;
    }
  | {
      type: "document.duplicate" | "document.ignored" | "document.posted";
      flow: FlowName;
      documentId: string;
      naturalKey: string;
      fileName?: string | undefined;
    }
  | {
      type: "document.rejected" | "document.failed" | "document.parked";
      flow: FlowName;
      documentId: string;
      naturalKey?: string | undefined;
      reasons: readonly { path: string; code: string; message: string }[];
    }
  | {
      /** SPS's verdict on a document we uploaded, read from its transaction history (or a 997). */
      type: "document.accepted_by_sps" | "document.rejected_by_sps";
      flow: FlowName;
      documentId: string;
      naturalKey: string;
      fileName?: string | undefined;
      reasons: readonly { path: string; code: string; message: string }[];
    }
  | {
      /** An effect left unfinished (a crash) that the start of a run could not settle; the run went on without it. */
      type: "effect.unreconciled";
      flow: FlowName;
      effectKey: string;
      documentId?: string | undefined;
      naturalKey?: string | undefined;
      message: string;
    }
  | {
      /** SPS or Sage X3 (told by the client's error) refused the connector's credentials: someone must act there. */
      type: "auth.repair-needed";
      system: AuthSystem;
      message: string;
    };

export type ConnectorEventType = ConnectorEvent["type"];
export type ConnectorEventListener = (event: ConnectorEvent) => void;

/** A tiny synchronous event hub: a listener that throws is isolated so it never breaks a run. */
export class ConnectorEvents {
  readonly #listeners = new Set<ConnectorEventListener>();

  on(listener: ConnectorEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: ConnectorEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // An observer's bug must not stop the flow it observes.
      }
    }
  }
}
