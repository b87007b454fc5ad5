/** One entry of a directory listing. */
export interface SpsListEntry {
  /** The path as SPS gives it, e.g. `/out/PO584615-1-v7.7-BulkImport.json` (directories end with `/`). */
  path: string;
  /** The last segment: `PO584615-1-v7.7-BulkImport.json`. */
  name: string;
  type: "file" | "directory";
  url?: string | undefined;
}

export interface SpsListOptions {
  /** Only entries whose name starts with this (case-sensitive): `PO` for purchase orders. */
  prefix?: string | undefined;
  /** Page size asked of SPS, 1-1000. Default 1000. */
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface SpsDownloadOptions {
  /** Refuse (and stop reading) a file larger than this. Default: the client's `maxDownloadBytes`. */
  maxBytes?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface SpsUploadOptions {
  /** Sent as `sps-meta-{key}` headers. Keys: letters, digits and dashes. */
  meta?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

export interface SpsUploadResult {
  path: string;
  url?: string | undefined;
}

export interface SpsHistoryOptions {
  /** Entries after this moment (UTC). A Date, or `YYYY-MM-DDTHH:mm:ss`. */
  after?: Date | string | undefined;
  /** Entries until this moment (UTC). */
  until?: Date | string | undefined;
  /** Page size, 1-1000. Default 100. */
  limit?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface SpsHistoryStatus {
  /** `uploaded`, `downloaded`, `deleted` (and `accepted` / `rejected` in the sandbox). */
  status: string;
  timestamp: string;
  message?: string | undefined;
  /** Why a document was rejected, with JSON paths, when SPS says. */
  reasons?: { path: string; code: string; message: string }[] | undefined;
}

export interface SpsHistoryEntry {
  id: string;
  path: string;
  /** `in` (our uploads) or `out` (documents for us). */
  direction: string;
  statusLog: SpsHistoryStatus[];
}
