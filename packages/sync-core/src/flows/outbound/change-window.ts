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
 * The stored cursor: the newest UPDDATTIM whose records are all durable, and the records already handled inside
 * the look-back span, so a re-read deduplicates them instead of handling them twice. A record is identified by its
 * key, its UPDDATTIM (`seen`: key → UPDDATTIM) and a hash of the version read (`versions`: key → hash): UPDDATTIM
 * has one-second precision, and another version of the record stamped the same second (written in that second,
 * committed after the read) is a change to handle, not a repeat. One entry per key, the last version handled;
 * entries older than the look-back span are dropped, so the cursor stays as small as the span is busy.
 * `versions` came later: a key without a hash (a cursor saved before it) never matches, so those records are handled
 * once more (publishing is idempotent on content), and code that predates it still reads the cursor.
 * `settled` lists the keys whose handled version is one X3 no longer changes in anything the document says (a posted
 * invoice): the key and UPDDATTIM of a list row identify it, so a re-read of it needs no details (see `settled` of
 * `ChangeWindowRun`), and it has no entry in `versions` (its hash is never taken). A key leaves it when another
 * version of the record is handled.
 */
const cursorValueSchema = z.object({
  since: z.string(),
  seen: z.record(z.string(), z.string()).default({}),
  versions: z.record(z.string(), z.string()).default({}),
  settled: z.array(z.string()).default([]),
});
export type ChangeCursor = z.output<typeof cursorValueSchema>;

/** The identity of a record's version as read: stable JSON (sorted keys, undefined left out), SHA-256, 96 bits. */
export function versionHash(record: X3Stamped): string {
  return sha256(stableJson(record), "base64url").slice(0, 16);
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

/**
 * Walks the change window page by page. Each version of a record (key, UPDDATTIM, content) is handled once: ties at
 * the boundary are deduplicated through the cursor's `seen` and `versions`, never skipped, and another version with
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

  const seen = new Map(Object.entries(cursor?.seen ?? {}));
  const versions = new Map(Object.entries(cursor?.versions ?? {}));
  const settled = new Set(cursor?.settled ?? []);
  const known = (row: X3Stamped) => {
    if (!settled.has(row.key) || seen.get(row.key) !== row.updatedAt) return false;
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
      seen.set(record.key, record.updatedAt);
      if (hash === undefined) {
        settled.add(record.key);
        versions.delete(record.key);
      } else {
        settled.delete(record.key);
        versions.set(record.key, hash);
      }
      newest = Math.max(newest, stamp);
    }
    const next = blockedAt === undefined ? newest : Math.min(newest, blockedAt);
    if (outcomes.length === 0 || next < since) return;
    since = next;
    for (const [key, stamp] of seen) {
      if (Date.parse(stamp) < since - lookback) seen.delete(key);
    }
    for (const key of versions.keys()) {
      if (!seen.has(key)) versions.delete(key);
    }
    for (const key of settled) {
      if (!seen.has(key)) settled.delete(key);
    }
    const value: ChangeCursor = {
      since: new Date(since).toISOString(),
      seen: Object.fromEntries(seen),
      versions: Object.fromEntries(versions),
      settled: [...settled],
    };
    // Compare-and-set: a slower instance sharing the store can never move the cursor backwards.
    const saved = await cursors.set(cursorKey, value, { expectedVersion: version });
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
        // A settled version is recognised by its key and UPDDATTIM alone (as `known` tells the feed): its hash is
        // neither taken nor kept. Any other is hashed, to tell the version handled from another one of the same second.
        if (settled.has(record.key) && seen.get(record.key) === record.updatedAt) {
          result.deduplicated += 1;
          continue;
        }
        const hash = run.settled?.(record) ? undefined : versionHash(record);
        if (hash !== undefined && seen.get(record.key) === record.updatedAt && versions.get(record.key) === hash) {
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
