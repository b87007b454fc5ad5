import { isSpsError, type SpsClient, testMailboxPath } from "@ml-connector/sps-client";
import type { InboundFile, OrderSource, SourceNotes } from "../ports/order-source.js";

export interface SpsMailboxSourceOptions {
  /**
   * The mailbox folders to read, in order. Default `["out/"]`. Accounts set up by document type receive their 850s
   * in `out/PO/` (beside `out/IN/`, `out/SH/`...): `["out/PO/"]`, or `["out/*\/"]` for every subfolder of `out/`.
   * A folder SPS has not set up yet (404 "Directory not found") is a warning of the run, not a failure.
   */
  folders?: readonly string[] | undefined;
  /** Read SPS's test mailbox: each folder's `test...` twin (`out/PO/` → `testout/PO/`). Default false. */
  test?: boolean | undefined;
  /** @deprecated Use `folders` and `test`. `testout` reads `testout/` (as `test: true`). */
  directory?: "out" | "testout" | undefined;
  /**
   * Only files whose name starts with this. Default: every file. `out/` holds what SPS delivers to us, so every file
   * in it goes through orders-in: one that is not an 850 (an 855 sent to us by mistake, an 860, a `report.txt`) is
   * recorded with its bytes and parked with a reason that says what it is (`not_an_order`, `unknown_document`): left
   * in `out/` untouched, listed in the audit trail instead of sitting there unseen. Set `"PO"` only when another
   * consumer shares the mailbox and reads its own files from it.
   */
  prefix?: string | undefined;
  /** Files handed to the flow per page (and asked of SPS per listing page). Default 100. */
  pageSize?: number | undefined;
  /** Files larger than this are refused unread (orders-in parks them). Default 10 MB. */
  maxBytes?: number | undefined;
}

/** The default inbound folders: 850s straight in `out/`. */
export const DEFAULT_INBOUND_FOLDERS: readonly string[] = ["out/"];

/** The warning of a folder SPS answers 404 for: the route has not been set up on the account yet. */
export function missingRouteMessage(folder: string): string {
  return `SPS has not set up the route for ${folder} yet: ask your SPS implementation contact`;
}

/** `out` → `out/`, `/out/PO` → `out/PO/`, `out/*` → `out/*\/`: the form folders are compared and shown in. */
export function normalizeFolder(folder: string): string {
  const trimmed = folder.trim().replace(/^\/+/, "").replace(/\/+$/, "");
  return `${trimmed}/`;
}

/** One configured folder as found in the mailbox: the concrete folders it names, or why there are none. */
export interface ResolvedFolder {
  /** As configured (test twin applied), e.g. `out/*\/`. */
  configured: string;
  /** The folders to read, e.g. `out/PO/`, `out/IN/`. */
  folders: string[];
  /** Set when the folder (or the parent of a `*`) answered 404, or a `*` matched nothing. */
  missing?: string | undefined;
}

/**
 * Expands the configured folders (`out/*\/` lists `out/` for its subfolders) and applies the test twin. A folder
 * that does not exist is reported in `missing`, never thrown; other errors are.
 */
export async function resolveMailboxFolders(
  sps: SpsClient,
  folders: readonly string[],
  options: { test?: boolean | undefined; signal?: AbortSignal | undefined } = {},
): Promise<ResolvedFolder[]> {
  const resolved: ResolvedFolder[] = [];
  for (const raw of folders) {
    const configured = normalizeFolder(options.test ? testMailboxPath(normalizeFolder(raw)) : raw);
    if (!configured.endsWith("/*/")) {
      resolved.push({ configured, folders: [configured] });
      continue;
    }
    const parent = configured.slice(0, -2);
    const found: string[] = [];
    try {
      for await (const entry of sps.list(parent, { signal: options.signal })) {
        if (entry.type === "directory") found.push(`${parent}${entry.name}/`);
      }
    } catch (error) {
      if (isSpsError(error) && error.kind === "not-found") {
        resolved.push({ configured, folders: [], missing: missingRouteMessage(parent) });
        continue;
      }
      throw error;
    }
    resolved.push({
      configured,
      folders: found,
      ...(found.length === 0
        ? { missing: `${parent} has no subfolders: SPS has not set up the per-type routes under it yet` }
        : {}),
    });
  }
  return resolved;
}

/**
 * Reads what SPS delivers from the Transaction API mailbox (850 purchase orders, and whatever else lands in the
 * configured folders): list with cursor paging, download, delete once processed.
 */
export function createSpsMailboxSource(sps: SpsClient, options: SpsMailboxSourceOptions = {}): OrderSource {
  const test = options.test ?? options.directory === "testout";
  const folders = options.folders ?? DEFAULT_INBOUND_FOLDERS;
  const pageSize = options.pageSize ?? 100;
  const prefix = options.prefix === "" ? undefined : options.prefix;
  const shown = folders.map((folder) => normalizeFolder(test ? testMailboxPath(normalizeFolder(folder)) : folder));
  return {
    name: `sps:${shown.join(",").replace(/\/(?=,|$)/g, "")}`,
    async *pages(signal, notes?: SourceNotes) {
      for (const entry of await resolveMailboxFolders(sps, folders, { test, signal })) {
        if (entry.missing) notes?.warn(entry.missing, { folder: entry.configured });
        for (const folder of entry.folders) {
          let page: InboundFile[] = [];
          const listing = sps.list(folder, { ...(prefix ? { prefix } : {}), limit: Math.min(1000, pageSize), signal });
          try {
            for await (const item of listing) {
              if (item.type !== "file") continue;
              page.push({ path: `${folder}${item.name}`, name: item.name });
              if (page.length >= pageSize) {
                yield page;
                page = [];
              }
            }
          } catch (error) {
            if (!(isSpsError(error) && error.kind === "not-found")) throw error;
            notes?.warn(missingRouteMessage(folder), { folder });
          }
          if (page.length > 0) yield page;
        }
      }
    },
    download: (file, signal) => sps.download(file.path, { maxBytes: options.maxBytes ?? 10 * 1024 * 1024, signal }),
    remove: (file, signal) => sps.delete(file.path, { signal }),
  };
}
