/** A file waiting in the retailer network's outbound mailbox (SPS `out/`). */
export interface InboundFile {
  /** Full mailbox path, e.g. `out/PO584615-v7.7-BulkImport.json`. */
  path: string;
  /** The file name alone. */
  name: string;
}

/** What a source reports that is worth the run summary without failing the run (a folder SPS has not set up yet). */
export interface SourceNotes {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Where 850s come from. The SPS Transaction API mailbox is the one implementation today
 * (`createSpsMailboxSource`); a JSON purchase-order endpoint could be another without touching the flow.
 * Consumption is destructive: `remove` is called only after the document's effect or rejection is durable.
 */
export interface OrderSource {
  /** Names the source in cursors and logs, e.g. `sps:out`. */
  readonly name: string;
  /** The files waiting, page by page (streamed: a page is processed before the next is fetched). */
  pages(signal: AbortSignal, notes?: SourceNotes): AsyncIterable<InboundFile[]>;
  /**
   * The file's bytes. Throws a ConnectorError of kind `security` when this file cannot be read safely as it stands (a
   * name that cannot be used in a path, larger than the limit, with the limit in `details.maxBytes`): orders-in then
   * parks it, recorded once and left in place. Any other error leaves the file for the next run.
   */
  download(file: InboundFile, signal: AbortSignal): Promise<Uint8Array>;
  remove(file: InboundFile, signal: AbortSignal): Promise<void>;
}
