/** An outbound file: a deterministic name (so a retried upload overwrites) and its bytes. */
export interface OutboundFile {
  /** e.g. `PR7001-SO00001-1-v7.7-BulkImport.json`. */
  name: string;
  bytes: Uint8Array;
  /** Send to the partner's test mailbox (SPS `testin/`). */
  test: boolean;
}

/**
 * Where outbound documents go. The SPS Transaction API mailbox is the one implementation today
 * (`createSpsDocumentSink`). `upload` must overwrite a file of the same name: the flows rely on it to retry safely.
 */
export interface DocumentSink {
  /** Names the sink in logs, e.g. `sps:in`. */
  readonly name: string;
  /** Uploads the file; resolves once the receiver has it durably. Returns the path it was written to. */
  upload(file: OutboundFile, signal?: AbortSignal): Promise<{ path: string }>;
}
