import { parseRsxFileName } from "@ml-connector/rsx";
import { type SpsClient, testMailboxPath } from "@ml-connector/sps-client";
import type { DocumentSink } from "../flows/outbound/document-sink.js";
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
}

/** The upload folder of a file name, as the options say (test twin applied when `test`). */
export function uploadFolderOf(fileName: string, options: SpsDocumentSinkOptions, test: boolean): string {
  const prefix = parseRsxFileName(fileName)?.prefix ?? fileName.slice(0, 2).toUpperCase();
  const type = typeOfPrefix[prefix];
  const folder = normalizeFolder((type ? options.folders?.[type] : undefined) ?? options.folder ?? "in/");
  return test ? testMailboxPath(folder) : folder;
}

/**
 * Sends outbound documents to the SPS Transaction API mailbox: `in/{name}` (or the folder configured for the
 * document's type), or its `test...` twin for a partner in test mode. The same path overwrites, so a retried upload
 * never makes a second file.
 */
export function createSpsDocumentSink(sps: SpsClient, options: SpsDocumentSinkOptions = {}): DocumentSink {
  const allTest = options.test ?? options.directory === "testin";
  const label = normalizeFolder(allTest ? testMailboxPath(options.folder ?? "in/") : (options.folder ?? "in/"));
  return {
    name: `sps:${label.slice(0, -1)}`,
    async upload(file, signal) {
      const path = `${uploadFolderOf(file.name, options, allTest || file.test)}${file.name}`;
      const result = await sps.upload(path, file.bytes, { signal });
      return { path: result.path || path };
    },
  };
}
