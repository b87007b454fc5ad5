import { type CursorKey, type CursorStore, type JsonValue, sha256, stableJson } from "@ml-connector/state";
import pLimit from "p-limit";
import { z } from "zod";
import { overlapPages } from "../../concurrency/overlap-pages.js";
import { readAhead } from "../../concurrency/read-ahead.js";
import type { FlowContext } from "../../engine/flow.js";
import type { ChangeReadOptions, ChangeWindow, X3Stamped } from "../../ports/x3-change-feed.js";

/** Where an outbound flow reads and how far back it looks. */
export interface ChangeWindowSettings {
  /** Re-read this far before the cursor, for records committed late with an earlier UPDDATTIM. Default 2 minutes. */
  lookbackMs?: number | undefined;
  /** Stop this far before the run's start, so records still being written are read next time. Default 30 seconds. */
  safetyLagMs?: number | undefined;
  /** Where the first run starts when no cursor exists. Default: 24 hours before that run. */
  startFrom?: Date | string | undefined;
  /** The connector's clock (tests move it). Default `() => new Date()`. */
  now?: (() => Date) | undefined;
  /** Records handled at the same time within a page. Default 8. */
  concurrency?: number | undefined;
}

export const DEFAULT_LOOKBACK_MS = 2 * 60_000;
export const DEFAULT_SAFETY_LAG_MS = 30_000;
const DEFAULT_START_BACK_MS = 24 * 60 * 60_000;

/** What handling one record came to: durable (posted, rejected, nothing to do) or to be retried on the next run. */
export type RecordDisposition = "durable" | "retry";

/**
 * The stored cursor: the newest UPDDATTIM whose records are all durable. The records already handled inside the
 * look-back span, so a re-read deduplicates them instead of handling them twice, are the cursor's entries, one per
 * record key (see `entryValue`), each written with the page that handled it and dropped with the save that moves the
 * cursor a look-back past it: a page's save costs its own records, however busy the span (a mass invoicing run
 * puts thousands of invoices in two minutes). They are written in the same atomic save as `since`, so a crash keeps
 * both or neither.
 * Cursors saved before entries existed kept the same records inline (`seen`: key → UPDDATTIM, `versions`: key →
 * hash, `settled`: keys): they are read once and moved to entries by the first save. A key without a hash in
 * `versions` never matches, so those records are handled once more (publishing is idempotent on content).
 */
const cursorValueSchema = z.object({
  since: z.string(),
  seen: z.record(z.string(), z.string()).optional(),
  versions: z.record(z.string(), z.string()).optional(),
  settled: z.array(z.string()).optional(),
});
export type ChangeCursor = z.output<typeof cursorValueSchema>;

/** The identity of a record's version as read: stable JSON (sorted keys, undefined left out), SHA-256, 96 bits. */
export function versionHash(record: X3Stamped): string {
  return sha256(stableJson(record), "base64url").slice(0, 16);
}

/**
 * One record handled inside the look-back span: its UPDDATTIM (`at`: the same in ms) and the hash of the version
 * handled. No hash: a settled version (a posted invoice), recognised by key and UPDDATTIM alone, whose hash is never
 * taken. UPDDATTIM has one-second precision, and another version of the record stamped the same second (written in
 * that second, committed after the read) is a change to handle, not a repeat. One entry per key, the last version
 * handled.
 */
interface Handled {
  updatedAt: string;
  at: number;
  hash: string | undefined;
}

/** An entry's stored value: `<UPDDATTIM>` for a settled version, `<UPDDATTIM> <hash>` for any other. */
const entryValue = (handled: Handled) =>
  handled.hash === undefined ? handled.updatedAt : `${handled.updatedAt} ${handled.hash}`;

function readEntry(value: string): Handled | undefined {
  const space = value.indexOf(" ");
  const updatedAt = space < 0 ? value : value.slice(0, space);
  const at = Date.parse(updatedAt);
  return Number.isNaN(at) ? undefined : { updatedAt, at, hash: space < 0 ? undefined : value.slice(space + 1) };
}

/**
 * The records handled inside the look-back span, as a run holds them: by key, and in UPDDATTIM order for dropping
 * those the cursor left a look-back behind, so that moving the cursor costs the entries dropped, not all of them.
 */
class HandledRecords {
  readonly byKey = new Map<string, Handled>();
  /** Entries to write with the next save. */
  readonly unsaved = new Map<string, string>();
  /** `[at, key]` in UPDDATTIM order from `head` on (sorted again only when a record came in out of order). */
  private order: [number, string][] = [];
  private head = 0;
  private sorted = true;

  add(key: string, handled: Handled, save: boolean): void {
    this.byKey.set(key, handled);
    if (save) this.unsaved.set(key, entryValue(handled));
    const last = this.order.at(-1);
    if (last !== undefined && last[0] > handled.at) this.sorted = false;
    this.order.push([handled.at, key]);
  }

  /** Forgets the records stamped before `cutoff`; returns their keys (the entries to drop). */
  dropBefore(cutoff: number): string[] {
    if (!this.sorted) {
      this.order = this.order.slice(this.head).sort((a, b) => a[0] - b[0]);
      this.head = 0;
      this.sorted = true;
    }
    const dropped: string[] = [];
    while (this.head < this.order.length && this.order[this.head]![0] < cutoff) {
      const key = this.order[this.head]![1];
      this.head += 1;
      const handled = this.byKey.get(key);
      // A key handled again since has a later place in the order, and stays while that one is inside the span.
      if (handled === undefined || handled.at >= cutoff) continue;
      this.byKey.delete(key);
      this.unsaved.delete(key);
      dropped.push(key);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return dropped;
  }
}

/** The handled records a cursor keeps as entries. */
async function readEntries(cursors: CursorStore, key: CursorKey): Promise<[string, Handled][]> {
  const records: [string, Handled][] = [];
  for (const [entry, value] of await cursors.entries(key)) {
    const handled = readEntry(value);
    if (handled !== undefined) records.push([entry, handled]);
  }
  return records;
}

/** What a cursor saved before entries kept inline, as handled records to move to entries. */
function legacyEntries(cursor: ChangeCursor): [string, Handled][] {
  const settled = new Set(cursor.settled ?? []);
  const records: [string, Handled][] = [];
  for (const [key, updatedAt] of Object.entries(cursor.seen ?? {})) {
    const at = Date.parse(updatedAt);
    const hash = cursor.versions?.[key];
    // A key with neither a hash nor a place in `settled` (a cursor saved before hashes) matches no version.
    if (Number.isNaN(at) || (hash === undefined && !settled.has(key))) continue;
    records.push([key, { updatedAt, at, hash: settled.has(key) ? undefined : hash }]);
  }
  return records;
}

export interface ChangeWindowRun<T extends X3Stamped> {
  cursors: CursorStore;
  cursorKey: CursorKey;
  settings: ChangeWindowSettings;
  context: FlowContext;
  /** The window's records; `options.known` says which rows are versions already handled and settled. */
  pages(window: ChangeWindow, options: ChangeReadOptions): AsyncIterable<T[]>;
  handle(record: T): Promise<RecordDisposition>;
  /**
   * Whether X3 allows no further change to this version that its document would show (a posted invoice: X3 corrects
   * one with a credit note, never by editing it). Once such a version is handled, a re-read row with the same key
   * and UPDDATTIM is recognised from the list alone and its details are not read again. Default: never.
   */
  settled?: ((record: T) => boolean) | undefined;
}

export interface ChangeWindowResult {
  window: ChangeWindow;
  /** Records handled (after deduplication). */
  handled: number;
  /**
   * Records skipped because the same version was already handled: UPDDATTIM and content, or UPDDATTIM alone for a
   * settled version (left out of the pages unread).
   */
  deduplicated: number;
  /** Records left for the next run. */
  retried: number;
  cursor?: ChangeCursor | undefined;
}

/** The window a run reads: `[cursor - lookback, runStart - safetyLag)`. */
export function changeWindow(
  cursor: Pick<ChangeCursor, "since"> | undefined,
  settings: ChangeWindowSettings,
  runStart: Date,
): ChangeWindow {
  const lookback = settings.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const lag = settings.safetyLagMs ?? DEFAULT_SAFETY_LAG_MS;
  const start =
    settings.startFrom === undefined
      ? runStart.getTime() - DEFAULT_START_BACK_MS
      : new Date(settings.startFrom).getTime();
  const from = cursor ? Date.parse(cursor.since) - lookback : start;
  return { from: new Date(from), to: new Date(runStart.getTime() - lag) };
}

export function readChangeCursor(value: JsonValue | undefined): ChangeCursor | undefined {
  if (value === undefined) return undefined;
  const parsed = cursorValueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** What a window's stored cursor says, in one object: `since` and the records handled in the look-back span. */
export interface WindowCursorView {
  since: string;
  /** Key → UPDDATTIM of the version handled. */
  seen: Record<string, string>;
  /** Key → hash of the version handled (a settled version has none). */
  versions: Record<string, string>;
  /** Keys whose handled version is settled (recognised by key and UPDDATTIM alone). */
  settled: string[];
}

/** Reads a change window's cursor and its entries (for diagnostics and tests: a run reads them itself). */
export async function readWindowCursor(cursors: CursorStore, key: CursorKey): Promise<WindowCursorView | undefined> {
  const stored = await cursors.get(key);
  const cursor = readChangeCursor(stored?.value);
  if (cursor === undefined) return undefined;
  const view: WindowCursorView = { since: cursor.since, seen: {}, versions: {}, settled: [] };
  for (const [entry, handled] of [...(await readEntries(cursors, key)), ...legacyEntries(cursor)]) {
    view.seen[entry] = handled.updatedAt;
    if (handled.hash === undefined) view.settled.push(entry);
    else view.versions[entry] = handled.hash;
  }
  return view;
}

/**
 * Walks the change window page by page. Each version of a record (key, UPDDATTIM, content) is handled once: ties at
 * the boundary are deduplicated through the cursor's entries, never skipped, and another version with
 * the same UPDDATTIM is handled. After a page, the cursor moves to the newest UPDDATTIM whose records are all
 * durable, and never past a record that must be retried.
 */
export async function runChangeWindow<T extends X3Stamped>(run: ChangeWindowRun<T>): Promise<ChangeWindowResult> {
  const { cursors, cursorKey, settings, context } = run;
  const lookback = settings.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const stored = await cursors.get(cursorKey);
  let version = stored?.version ?? 0;
  let cursor = readChangeCursor(stored?.value);
  const runStart = (settings.now ?? (() => new Date()))();
  const window = changeWindow(cursor, settings, runStart);
  const result: ChangeWindowResult = { window, handled: 0, deduplicated: 0, retried: 0, cursor };
  if (window.from.getTime() >= window.to.getTime()) return result;

  const handledRecords = new HandledRecords();
  if (stored !== undefined) {
    // In the store's order: the first drop sorts them (see HandledRecords).
    for (const [key, handled] of await readEntries(cursors, cursorKey)) handledRecords.add(key, handled, false);
    // A cursor saved before entries: its records become entries with the first save.
    if (cursor !== undefined)
      for (const [key, handled] of legacyEntries(cursor)) handledRecords.add(key, handled, true);
  }
  const seen = handledRecords.byKey;
  const known = (row: X3Stamped) => {
    const handled = seen.get(row.key);
    if (handled === undefined || handled.hash !== undefined || handled.updatedAt !== row.updatedAt) return false;
    result.deduplicated += 1;
    return true;
  };
  let since = cursor ? Date.parse(cursor.since) : window.from.getTime();
  /** The earliest UPDDATTIM of a record to retry: the cursor never passes it in this run. */
  let blockedAt: number | undefined;
  const limit = pLimit(settings.concurrency ?? 8);

  /** `hash`: the version's hash; none for a settled version (see `start` below). */
  type Outcome = { record: T; hash: string | undefined; disposition: RecordDisposition };
  /** Moves the cursor past a page whose records all settled: to its newest UPDDATTIM, never past one to retry. */
  const commit = async (outcomes: readonly Outcome[]) => {
    let newest = since;
    for (const { record, hash, disposition } of outcomes) {
      const stamp = Date.parse(record.updatedAt);
      if (disposition === "retry") {
        result.retried += 1;
        blockedAt = blockedAt === undefined ? stamp : Math.min(blockedAt, stamp);
        continue;
      }
      result.handled += 1;
      handledRecords.add(record.key, { updatedAt: record.updatedAt, at: stamp, hash }, true);
      newest = Math.max(newest, stamp);
    }
    const next = blockedAt === undefined ? newest : Math.min(newest, blockedAt);
    if (outcomes.length === 0 || next < since) return;
    since = next;
    const drop = handledRecords.dropBefore(since - lookback);
    const value: ChangeCursor = { since: new Date(since).toISOString() };
    const put = [...handledRecords.unsaved];
    // Compare-and-set: a slower instance sharing the store can never move the cursor backwards.
    const saved = await cursors.set(cursorKey, value, { expectedVersion: version, entries: { put, drop } });
    handledRecords.unsaved.clear();
    version = saved.version;
    cursor = value;
    result.cursor = value;
  };

  // Pages overlap twice over, so that the records in flight do not drain to nothing at each page's end: the next page
  // (its query and `$details` reads) is fetched while one is handled, and a page's records start while the page before
  // finishes (they wait for the same `concurrency` slots). The cursor still moves page by page, in order, each page
  // once all its records settled. At most two pages' records are in flight, and one more page fetched.
  await overlapPages(readAhead(run.pages(window, { known })), {
    start: (page) => {
      const fresh: { record: T; hash: string | undefined }[] = [];
      for (const record of page) {
        const stamp = Date.parse(record.updatedAt);
        if (Number.isNaN(stamp) || stamp < window.from.getTime() || stamp >= window.to.getTime()) continue;
        // A settled version is recognised by its key and UPDDATTIM alone (`known`, which the feed asks too): its hash
        // is neither taken nor kept. Any other is hashed, to tell the version handled from another one of the same
        // second.
        if (known(record)) continue;
        const handled = seen.get(record.key);
        const hash = run.settled?.(record) ? undefined : versionHash(record);
        if (hash !== undefined && handled?.updatedAt === record.updatedAt && handled.hash === hash) {
          result.deduplicated += 1;
          continue;
        }
        fresh.push({ record, hash });
      }
      return Promise.all(
        fresh.map(({ record, hash }) =>
          limit(async (): Promise<Outcome> => {
            if (context.signal.aborted) return { record, hash, disposition: "retry" };
            return { record, hash, disposition: await run.handle(record) };
          }),
        ),
      );
    },
    finish: commit,
    stop: () => context.signal.aborted,
  });
  return result;
}
