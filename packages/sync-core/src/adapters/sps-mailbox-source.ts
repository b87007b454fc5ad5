import type { SpsClient } from "@ml-connector/sps-client";
import type { InboundFile, OrderSource } from "../flows/orders-in/order-source.js";

export interface SpsMailboxSourceOptions {
  /** `out` (production) or `testout` (SPS test mailbox). Default `out`. */
  directory?: "out" | "testout" | undefined;
  /** Only files whose name starts with this. Default `PO` (850 purchase orders). */
  prefix?: string | undefined;
  /** Files handed to the flow per page (and asked of SPS per listing page). Default 100. */
  pageSize?: number | undefined;
  /** Files larger than this are refused unread. Default 10 MB. */
  maxBytes?: number | undefined;
}

/** Reads 850s from the SPS Transaction API mailbox: list with cursor paging, download, delete once processed. */
export function createSpsMailboxSource(sps: SpsClient, options: SpsMailboxSourceOptions = {}): OrderSource {
  const directory = options.directory ?? "out";
  const pageSize = options.pageSize ?? 100;
  const prefix = options.prefix ?? "PO";
  return {
    name: `sps:${directory}`,
    async *pages(signal) {
      let page: InboundFile[] = [];
      for await (const entry of sps.list(directory, { prefix, limit: Math.min(1000, pageSize), signal })) {
        if (entry.type !== "file") continue;
        page.push({ path: `${directory}/${entry.name}`, name: entry.name });
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    download: (file, signal) => sps.download(file.path, { maxBytes: options.maxBytes ?? 10 * 1024 * 1024, signal }),
    remove: (file, signal) => sps.delete(file.path, { signal }),
  };
}
