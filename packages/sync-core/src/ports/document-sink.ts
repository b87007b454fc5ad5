/** An outbound file: a deterministic name (one file per document revision) and its bytes. */
export interface OutboundFile {
  /** e.g. `PR7001-SO00001-1-v7.7-BulkImport.json`. */
  name: string;
  bytes: Uint8Array;
  /** Send to the partner's test mailbox (SPS `testin/`). */
  test: boolean;
}

/**
 * Where outbound documents go. The SPS Transaction API mailbox is the one implementation today
 * (`createSpsDocumentSink`). Each file is uploaded once: when an answer is lost, the flows look for the file (`find`)
 * before uploading it again, so nothing relies on the receiver overwriting a file of the same name.
 */
export interface DocumentSink {
  /** Names the sink in logs, e.g. `sps:in`. */
  readonly name: string;
  /** Uploads the file; resolves once the receiver has it durably. Returns the path it was written to. */
  upload(file: OutboundFile, signal?: AbortSignal): Promise<{ path: string }>;
  /**
   * Whether the receiver has the file already (an upload whose answer was lost). Without it, a sink's `upload` must be
   * safe to repeat.
   */
  find?(
    file: Pick<OutboundFile, "name" | "test">,
    options?: { since?: Date | undefined; signal?: AbortSignal | undefined },
  ): Promise<{ path: string } | undefined>;
}
