import type { SpsClient } from "@ml-connector/sps-client";
import type { DocumentSink } from "../flows/outbound/document-sink.js";

export interface SpsDocumentSinkOptions {
  /** `in` (production, default) or `testin` (SPS's test mailbox for everything). */
  directory?: "in" | "testin" | undefined;
}

/**
 * Sends outbound documents to the SPS Transaction API mailbox: `in/{name}`, or `testin/{name}` for a partner in test
 * mode. The same path overwrites, so a retried upload never makes a second file.
 */
export function createSpsDocumentSink(sps: SpsClient, options: SpsDocumentSinkOptions = {}): DocumentSink {
  const directory = options.directory ?? "in";
  return {
    name: `sps:${directory}`,
    async upload(file, signal) {
      const path = `${file.test ? "testin" : directory}/${file.name}`;
      const result = await sps.upload(path, file.bytes, { signal });
      return { path: result.path || path };
    },
  };
}
