import type { Reason } from "@ml-connector/state";

/** SPS's verdict on one file we uploaded. */
export interface UploadVerdict {
  /** The mailbox path SPS reports, e.g. `/in/PR/PRSO1-1-v7.7-BulkImport.json`. */
  path: string;
  /** Its last segment: how the document is found in the audit trail (outbound file names are never reused). */
  fileName: string;
  verdict: "accepted" | "rejected";
  /** When SPS gave it (ISO 8601). */
  at: string;
  /** Why SPS rejected it (its message when it gives no detail); empty when accepted. */
  reasons: Reason[];
}

/**
 * Where SPS's verdicts on our uploads come from: the Transaction API history is the one implementation today
 * (`createSpsVerdictSource`).
 */
export interface VerdictSource {
  /** Names the source in cursors, e.g. `sps:history`. */
  readonly name: string;
  /** The verdicts given since `since` (all when undefined), oldest first. */
  verdicts(since: Date | undefined, signal?: AbortSignal): AsyncIterable<UploadVerdict>;
}
