import {
  bodyLimitExceeded,
  createPathSerializer,
  declaredBodyLength,
  isConnectorError,
  type Logger,
  MAX_BODY_BYTES_HEADER,
  resolveSameOrigin,
} from "@ml-connector/transport";
import type { Client } from "openapi-fetch";
import { SpsError, toSpsError } from "../errors/sps-error.js";
import type { paths } from "../generated/sps.js";
import { encodeMailboxPath, normalizeDirectoryPath, normalizeFilePath } from "../paths/mailbox-path.js";
import { historyPageSchema, listingPageSchema, uploadResultSchema } from "./schemas.js";
import type {
  SpsDownloadOptions,
  SpsHistoryEntry,
  SpsHistoryOptions,
  SpsListEntry,
  SpsListOptions,
  SpsUploadOptions,
  SpsUploadResult,
} from "./types.js";

/** The Transaction API v5: the SPS file mailbox. */
export interface SpsTransactionApi {
  /**
   * Lists a directory (`out`, `in/`, `out/PO`...) to the end, following `paging.next` page by page.
   * A `next` link to another origin is refused. Deleting listed files while iterating is safe.
   */
  list(directory: string, options?: SpsListOptions): AsyncIterable<SpsListEntry>;
  /** Downloads a file's bytes, refusing files larger than the limit (without reading them whole). */
  download(path: string, options?: SpsDownloadOptions): Promise<Uint8Array>;
  /**
   * Uploads a file (`application/octet-stream`). Not retried after an answer that may have been lost (a timeout, a
   * reset, a 5xx): look for the file (`list`, `history`) before uploading it again.
   */
  upload(path: string, body: Uint8Array | ArrayBuffer | string, options?: SpsUploadOptions): Promise<SpsUploadResult>;
  /** Deletes a file: how a document in `out/` is consumed once processed. */
  delete(path: string, options?: { signal?: AbortSignal | undefined }): Promise<void>;
  /** The mailbox history (uploaded, downloaded, deleted...), page by page. */
  history(options?: SpsHistoryOptions): AsyncIterable<SpsHistoryEntry>;
}

export interface TransactionApiContext {
  api: Client<paths>;
  baseUrl: URL;
  maxDownloadBytes: number;
  secrets: () => readonly string[];
  logger: Logger;
}

/** The path serializer of the mailbox routes: `{path}` and `{directory}` hold several segments, each encoded. */
export const serializeMailboxPathParams = createPathSerializer((value) =>
  typeof value === "string" ? encodeMailboxPath(value) : undefined,
);

const metaKeyPattern = /^[A-Za-z0-9-]{1,64}$/;

/** An upload's bytes go as they are (one function for every upload, not a closure per call). */
const rawBody = (raw: Uint8Array): Uint8Array => raw;
const utf8 = new TextEncoder();

export function createTransactionApi(context: TransactionApiContext): SpsTransactionApi {
  const { api, baseUrl, logger } = context;
  // Each call names its `method` in its options: openapi-fetch adds it to a spread copy of them otherwise, which costs
  // V8 hidden-class data in the old generation on every call (docs/performance.md, memory).
  const wrap = (error: unknown): unknown => toSpsError(error, context.secrets());

  function list(directory: string, options: SpsListOptions = {}): AsyncIterable<SpsListEntry> {
    // Checked now, not at the first iteration: a bad path fails where it is written.
    const root = directory === "" || directory === "/";
    const normalized = root ? "" : normalizeDirectoryPath(directory);
    const limit = checkLimit(options.limit, "list limit");
    return {
      async *[Symbol.asyncIterator]() {
        let cursor: string | undefined;
        const seenCursors = new Set<string>();
        let page = 0;
        for (;;) {
          let parsed: ReturnType<typeof listingPageSchema.parse>;
          try {
            const query = { limit, cursor, entryNamePrefix: options.prefix };
            const { data } = root
              ? await api.GET("/transactions/v5/data/", { method: "GET", params: { query }, signal: options.signal })
              : await api.GET("/transactions/v5/data/{directory}/", {
                  method: "GET",
                  params: { path: { directory: normalized }, query },
                  signal: options.signal,
                });
            const result = listingPageSchema.safeParse(data);
            if (!result.success) throw unexpected("listing", result.error.issues);
            parsed = result.data;
          } catch (error) {
            throw wrap(error);
          }
          page += 1;
          logger.debug({ directory: normalized, page, entries: parsed.results.length }, "listed a page");
          for (const entry of parsed.results) yield toListEntry(entry);
          const next = parsed.paging?.next;
          if (!next) return;
          let nextCursor = next.cursor;
          if (next.url !== undefined) {
            try {
              const url = resolveSameOrigin(next.url, baseUrl, "paging.next link");
              nextCursor = url.searchParams.get("cursor") ?? nextCursor;
            } catch (error) {
              throw wrap(error);
            }
          }
          if (!nextCursor) return;
          if (seenCursors.has(nextCursor)) {
            throw new SpsError("SPS returned a listing cursor it had already returned: stopped to avoid a loop.", {
              kind: "server",
              retryable: false,
            });
          }
          seenCursors.add(nextCursor);
          cursor = nextCursor;
        }
      },
    };
  }

  async function download(path: string, options: SpsDownloadOptions = {}): Promise<Uint8Array> {
    const normalized = normalizeFilePath(path);
    const maxBytes = options.maxBytes ?? context.maxDownloadBytes;
    try {
      // Read whole, at most maxBytes of it: the transport refuses an announced length past the limit before reading,
      // and stops reading as soon as the bytes go past it (its per-attempt timeout covers the reading).
      const { data, response } = await api.GET("/transactions/v5/data/{path}", {
        method: "GET",
        params: { path: { path: normalized } },
        headers: { [MAX_BODY_BYTES_HEADER]: String(maxBytes) },
        parseAs: "arrayBuffer",
        signal: options.signal,
      });
      const anomaly = answerAnomaly(response, normalized);
      if (anomaly) throw anomaly;
      const bytes = data ? new Uint8Array(data) : new Uint8Array(0);
      const declared = declaredBodyLength(response.headers);
      if (declared !== undefined && bytes.byteLength !== declared) {
        // The connection ended early (or the server miscounted): these bytes are not the file.
        throw new SpsError(
          `The download of ${normalized} ended after ${bytes.byteLength} of the ${declared} bytes SPS announced: the file was not read whole, and stays in the mailbox.`,
          { kind: "connection", details: { path: normalized, declared, received: bytes.byteLength } },
        );
      }
      logger.debug({ path: normalized, bytes: bytes.byteLength }, "downloaded a file");
      return bytes;
    } catch (error) {
      const limit = bodyLimitExceeded(error);
      if (limit) throw tooLarge(normalized, maxBytes, limit.declaredBytes);
      // The transport turns what goes wrong before the answer into its errors: anything else ended the body.
      if (!isConnectorError(error)) throw interrupted(normalized, error, options.signal);
      throw wrap(error);
    }
  }

  async function upload(
    path: string,
    body: Uint8Array | ArrayBuffer | string,
    options: SpsUploadOptions = {},
  ): Promise<SpsUploadResult> {
    const normalized = normalizeFilePath(path);
    const bytes =
      typeof body === "string" ? utf8.encode(body) : body instanceof Uint8Array ? body : new Uint8Array(body);
    const headers: Record<string, string> = {
      // Not marked idempotent: nobody has confirmed that SPS overwrites a file of the same path, so a POST whose
      // answer was lost is not repeated here; the caller looks for the file first (see the document sink).
      "content-type": "application/octet-stream",
    };
    for (const [key, value] of Object.entries(options.meta ?? {})) {
      if (!metaKeyPattern.test(key) || /[\r\n]/.test(value)) {
        throw new SpsError(`Invalid sps-meta header "${key}": keys are letters, digits and dashes, values one line.`, {
          kind: "configuration",
          retryable: false,
        });
      }
      headers[`sps-meta-${key}`] = value;
    }
    try {
      const { data, response } = await api.POST("/transactions/v5/data/{path}", {
        method: "POST",
        params: { path: { path: normalized } },
        body: bytes,
        bodySerializer: rawBody,
        headers,
        signal: options.signal,
        // Read as text: the answer is checked before it is believed (a proxy's HTML page is not JSON).
        parseAs: "text",
      });
      const unconfirmed = uploadAnswerAnomaly(response, normalized);
      if (unconfirmed) throw unconfirmed;
      const parsed = uploadResultSchema.safeParse(parseJsonOrUndefined(data));
      const result = parsed.success ? parsed.data : undefined;
      logger.debug({ path: normalized, bytes: bytes.byteLength }, "uploaded a file");
      return { path: result?.path ?? `/${normalized}`, url: result?.url };
    } catch (error) {
      throw wrap(error);
    }
  }

  async function remove(path: string, options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    const normalized = normalizeFilePath(path);
    try {
      await api.DELETE("/transactions/v5/data/{path}", {
        method: "DELETE",
        params: { path: { path: normalized } },
        signal: options.signal,
      });
      logger.debug({ path: normalized }, "deleted a file");
    } catch (error) {
      throw wrap(error);
    }
  }

  function history(options: SpsHistoryOptions = {}): AsyncIterable<SpsHistoryEntry> {
    const after = options.after === undefined ? undefined : formatHistoryTime(options.after, "after");
    const until = options.until === undefined ? undefined : formatHistoryTime(options.until, "until");
    const limit = checkLimit(options.limit, "history limit");
    return {
      async *[Symbol.asyncIterator]() {
        let offset = 0;
        for (;;) {
          let parsed: ReturnType<typeof historyPageSchema.parse>;
          try {
            const { data } = await api.GET("/transactions/v5/history", {
              method: "GET",
              params: { query: { limit, offset, after, until } },
              signal: options.signal,
            });
            const result = historyPageSchema.safeParse(data);
            if (!result.success) throw unexpected("history page", result.error.issues);
            parsed = result.data;
          } catch (error) {
            throw wrap(error);
          }
          for (const entry of parsed.results) {
            yield { id: entry.id, path: entry.path, direction: entry.direction, statusLog: entry.status_log };
          }
          const next = parsed.paging.next;
          if (!next || parsed.results.length === 0) return;
          let nextOffset: number;
          try {
            const url = resolveSameOrigin(next.url, baseUrl, "history next link");
            nextOffset = Number(url.searchParams.get("offset") ?? offset + parsed.results.length);
          } catch (error) {
            throw wrap(error);
          }
          if (!Number.isInteger(nextOffset) || nextOffset <= offset) {
            throw new SpsError("SPS returned a history page link that does not move forward.", {
              kind: "server",
              retryable: false,
            });
          }
          offset = nextOffset;
        }
      },
    };
  }

  return { list, download, upload, delete: remove, history };
}

function toListEntry(entry: { path: string; type: "file" | "directory"; url?: string | undefined }): SpsListEntry {
  const trimmed = entry.path.endsWith("/") ? entry.path.slice(0, -1) : entry.path;
  const name = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return { path: entry.path, name, type: entry.type, url: entry.url };
}

function checkLimit(limit: number | undefined, label: string): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new SpsError(`The ${label} must be an integer from 1 to 1000, got ${limit}.`, {
      kind: "configuration",
      retryable: false,
    });
  }
  return limit;
}

/** SPS history filters take `YYYY-MM-DDTHH:mm:ss` in UTC. */
export function formatHistoryTime(value: Date | string, label: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new SpsError(`History "${label}" is an invalid date.`, { kind: "configuration", retryable: false });
    }
    return value.toISOString().slice(0, 19);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) {
    throw new SpsError(`History "${label}" must be a Date or YYYY-MM-DDTHH:mm:ss, got "${value.slice(0, 40)}".`, {
      kind: "configuration",
      retryable: false,
    });
  }
  return value;
}

function unexpected(what: string, issues: readonly { path: PropertyKey[]; message: string }[]): SpsError {
  return new SpsError(`SPS answered with an unexpected ${what}.`, {
    kind: "server",
    retryable: false,
    details: { issues: issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String), message: issue.message })) },
  });
}

/** The upload answer's JSON, or undefined when it has none: the path and url it carries are informative only. */
function parseJsonOrUndefined(text: unknown): unknown {
  if (typeof text !== "string" || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * An upload answer that is not SPS's upload answer (200 or 201, not a web page): a 204 or a proxy's HTML page does not
 * say the file was stored. The error is `server`, so the caller treats the upload as uncertain and looks for the file
 * before sending it again, instead of recording it as posted.
 */
function uploadAnswerAnomaly(response: Response, path: string): SpsError | undefined {
  const contentType = (response.headers.get("content-type") ?? "").toLowerCase();
  const page = contentType.startsWith("text/html") || contentType.startsWith("application/xhtml");
  if ((response.status === 200 || response.status === 201) && !page) return undefined;
  const answer = page ? `a web page (${contentType.split(";")[0]})` : `HTTP ${response.status}`;
  return new SpsError(
    `SPS answered the upload of ${path} with ${answer} instead of its upload answer (200 or 201): whether the file was stored is unknown, so it is looked for before it is sent again.`,
    { kind: "server", status: response.status, retryable: false, details: { path } },
  );
}

/**
 * A download answer that is not a file, whatever its bytes: a status other than 200 (a 204 has no file; a 206 is part
 * of one), or an HTML page (a proxy's or gateway's error or login page). Taking one for the file would reject a good
 * document as unreadable and delete it from the mailbox.
 */
function answerAnomaly(response: Response, path: string): SpsError | undefined {
  if (response.status !== 200) {
    return new SpsError(
      `SPS answered the download of ${path} with HTTP ${response.status} instead of the file (200): nothing was taken for the file, which stays in the mailbox.`,
      { kind: "server", status: response.status, retryable: false, details: { path } },
    );
  }
  const contentType = (response.headers.get("content-type") ?? "").toLowerCase();
  if (contentType.startsWith("text/html") || contentType.startsWith("application/xhtml")) {
    return new SpsError(
      `SPS answered the download of ${path} with a web page (${contentType.split(";")[0]}) instead of the file: a proxy or gateway is probably answering in its place. Nothing was taken for the file, which stays in the mailbox.`,
      { kind: "server", status: response.status, retryable: false, details: { path, contentType } },
    );
  }
  return undefined;
}

function tooLarge(path: string, maxBytes: number, size?: number): SpsError {
  return new SpsError(
    `Refused to download ${path}: ${size === undefined ? "it is larger than" : `${size} bytes exceed`} the ${maxBytes}-byte limit.`,
    { kind: "security", retryable: false, details: { path, maxBytes, ...(size === undefined ? {} : { size }) } },
  );
}

/** The body of a download ended before its end: cancelled by the caller, cut by the per-attempt timeout or the network. */
function interrupted(path: string, error: unknown, signal: AbortSignal | undefined): SpsError {
  if (signal?.aborted) {
    return new SpsError(`The download of ${path} was cancelled.`, { kind: "cancelled", retryable: false });
  }
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
  return new SpsError(`The download of ${path} was interrupted${timedOut ? " by the per-attempt timeout" : ""}.`, {
    kind: timedOut ? "timeout" : "connection",
    cause: error,
  });
}
