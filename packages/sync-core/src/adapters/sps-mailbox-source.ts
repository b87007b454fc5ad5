import type { SpsClient } from "@ml-connector/sps-client";
import type { InboundFile, OrderSource } from "../flows/orders-in/order-source.js";

export interface SpsMailboxSourceOptions {
  /** `out` (production) or `testout` (SPS test mailbox). Default `out`. */
  directory?: "out" | "testout" | undefined;
  /**
   * Only files whose name starts with this. Default: every file. `out/` holds what SPS delivers to us, so every file
   * in it goes through orders-in: one that is not an 850 (an 855 sent to us by mistake, an 860, a `report.txt`) is
   * recorded with its bytes, rejected with a reason that says what it is (`type_mismatch`, `unknown_format`...) and
   * removed, instead of sitting in `out/` unseen. Set `"PO"` only when another consumer shares the mailbox and
   * reads its own files from it.
   */
  prefix?: string | undefined;
  /** Files handed to the flow per page (and asked of SPS per listing page). Default 100. */
  pageSize?: number | undefined;
  /** Files larger than this are refused unread. Default 10 MB. */
  maxBytes?: number | undefined;
}

/**
 * Reads what SPS delivers from the Transaction API mailbox (850 purchase orders, and whatever else lands in `out/`):
 * list with cursor paging, download, delete once processed.
 */
export function createSpsMailboxSource(sps: SpsClient, options: SpsMailboxSourceOptions = {}): OrderSource {
  const directory = options.directory ?? "out";
  const pageSize = options.pageSize ?? 100;
  const prefix = options.prefix === "" ? undefined : options.prefix;
  return {
    name: `sps:${directory}`,
    async *pages(signal) {
      let page: InboundFile[] = [];
      const listing = sps.list(directory, { ...(prefix ? { prefix } : {}), limit: Math.min(1000, pageSize), signal });
      for await (const entry of listing) {
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
