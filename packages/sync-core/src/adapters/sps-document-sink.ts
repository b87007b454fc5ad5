import { parseRsxFileName } from "@ml-connector/rsx";
import { type SpsClient, testMailboxPath } from "@ml-connector/sps-client";
import { callOutcome, isConnectorError, sleep } from "@ml-connector/transport";
import type { DocumentSink } from "../ports/document-sink.js";
import { normalizeFolder } from "./sps-mailbox-source.js";

/** The documents the connector uploads, by X12 number. */
export type UploadDocumentType = "855" | "856" | "810";

const typeOfPrefix: Readonly<Record<string, UploadDocumentType>> = { PR: "855", SH: "856", IN: "810" };

export interface SpsDocumentSinkOptions {
  /** The upload folder of every document type not in `folders`. Default `in/`. */
  folder?: string | undefined;
  /**
   * The upload folder per document type, for accounts set up by type, e.g. `{ "855": "in/PR/", "856": "in/SH/",
   * "810": "in/IN/" }`. The type is read from the file name (PR 855, SH 856, IN 810).
   */
  folders?: Partial<Record<UploadDocumentType, string>> | undefined;
  /** Send everything to the test twins (`in/` → `testin/`). Default false; a partner in test mode always does. */
  test?: boolean | undefined;
  /** @deprecated Use `folder` and `test`. `testin` sends everything to `testin/` (as `test: true`). */
  directory?: "in" | "testin" | undefined;
  /** Tries of one upload in one call when SPS answered that it did not take it (429). Default 3. */
  attempts?: number | undefined;
  /** Wait before the second try (doubled after each). Default 500 ms. */
  retryDelayMs?: number | undefined;
}

const mailboxPath = (path: string) => path.replace(/^\/+/, "");

/** The upload folder of a file name, as the options say (test twin applied when `test`). */
export function uploadFolderOf(fileName: string, options: SpsDocumentSinkOptions, test: boolean): string {
  // The type (from the name's prefix) matters only to folders by type.
  const type = options.folders
    ? typeOfPrefix[parseRsxFileName(fileName)?.prefix ?? fileName.slice(0, 2).toUpperCase()]
    : undefined;
  const folder = normalizeFolder((type ? options.folders?.[type] : undefined) ?? options.folder ?? "in/");
  return test ? testMailboxPath(folder) : folder;
}

/**
 * Sends outbound documents to the SPS Transaction API mailbox: `in/{name}` (or the folder configured for the
 * document's type), or its `test...` twin for a partner in test mode. Nothing relies on SPS overwriting a file of the
 * same name: an upload whose answer was lost is tried again only after `find` did not see the file (in the folder
 * listing, or in the history once SPS has taken it from the folder).
 */
export function createSpsDocumentSink(sps: SpsClient, options: SpsDocumentSinkOptions = {}): DocumentSink {
  const allTest = options.test ?? options.directory === "testin";
  const label = normalizeFolder(allTest ? testMailboxPath(options.folder ?? "in/") : (options.folder ?? "in/"));
  const attempts = Math.max(1, options.attempts ?? 3);
  const folderOf = (file: { name: string; test: boolean }) => uploadFolderOf(file.name, options, allTest || file.test);
  const sink: DocumentSink = {
    name: `sps:${label.slice(0, -1)}`,
    async upload(file, signal) {
      const path = `${folderOf(file)}${file.name}`;
      let delay = options.retryDelayMs ?? 500;
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = await sps.upload(path, file.bytes, { signal });
          return { path: result.path ? mailboxPath(result.path) : path };
        } catch (error) {
          if (callOutcome(error) === "uncertain") {
            // The file may be stored, or still on its way in (a request SPS is slow to act on outlives our timeout):
            // found now, it is done; not found, it is not sent again in this call. The entry is closed as
            // uncertain, and the next run looks again before sending.
            const found = await sink.find?.(file, { signal }).catch(() => undefined);
            if (found) return found;
            throw error;
          }
          if (!isConnectorError(error) || !error.retryable || attempt >= attempts || signal?.aborted) throw error;
          // Refused before anything was stored (429, credentials being renewed): safe to send again.
          await sleep(error.retryAfterMs ?? delay, signal);
          delay *= 2;
        }
      }
    },
    async find(file, findOptions = {}) {
      const folder = folderOf(file);
      const path = `${folder}${file.name}`;
      for await (const entry of sps.list(folder, { prefix: file.name, signal: findOptions.signal })) {
        if (entry.type === "file" && entry.name === file.name) return { path };
      }
      // SPS takes files out of in/ once it has processed them; the history still shows the upload.
      for await (const entry of sps.history({ after: findOptions.since, signal: findOptions.signal })) {
        if (entry.direction !== "in" || mailboxPath(entry.path) !== path) continue;
        if (entry.statusLog.some((status) => status.status === "uploaded")) return { path };
      }
      return undefined;
    },
  };
  return sink;
}
