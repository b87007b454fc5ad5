import { type CursorStore, createMemoryCursorStore, type SetCursorOptions } from "@ml-connector/state";
import { describe, expect, it } from "vitest";
import type { FlowContext } from "../../src/engine/flow.js";
import { readWindowCursor, runChangeWindow, versionHash } from "../../src/flows/outbound/change-window.js";
import type { X3Stamped } from "../../src/ports/x3-change-feed.js";

// The records a change window handled inside its look-back span are the cursor's entries: each save writes the
// entries of the page it covers and drops those the cursor left a look-back behind, so that its cost follows the
// page, not how busy the span is (a mass invoicing run puts thousands of invoices in two minutes).

const base = Date.UTC(2026, 11, 1, 12, 0, 0);
const at = (second: number) => new Date(base + second * 1000).toISOString();
const record = (key: string, second: number, extra = 0): X3Stamped & { extra: number } => ({
  key,
  updatedAt: at(second),
  extra,
});
const cursorKey = { flow: "test-out", source: "x3:TEST" };

/** A cursor store that logs what each save writes: the value's size and the entries put and dropped. */
function loggedStore(cursors: CursorStore = createMemoryCursorStore()) {
  const saves: { valueChars: number; put: number; drop: number }[] = [];
  const store: CursorStore = {
    ...cursors,
    set: async (key, value, options?: SetCursorOptions) => {
      saves.push({
        valueChars: JSON.stringify(value).length,
        put: options?.entries?.put?.length ?? 0,
        drop: options?.entries?.drop?.length ?? 0,
      });
      return cursors.set(key, value, options);
    },
  };
  return { store, saves, cursors };
}

/** One run over `records` in pages of `pageSize`, at `nowSecond`, with a look-back of `lookbackSeconds`. */
async function run(
  cursors: CursorStore,
  records: X3Stamped[],
  options: { nowSecond: number; lookbackSeconds: number; pageSize?: number; settled?: boolean },
) {
  const handled: string[] = [];
  const result = await runChangeWindow({
    cursors,
    cursorKey,
    settings: {
      startFrom: at(0),
      now: () => new Date(base + options.nowSecond * 1000),
      lookbackMs: options.lookbackSeconds * 1000,
      safetyLagMs: 0,
      concurrency: 4,
    },
    context: { signal: new AbortController().signal } as FlowContext,
    async *pages(window) {
      const inWindow = records.filter(
        (r) => Date.parse(r.updatedAt) >= window.from.getTime() && Date.parse(r.updatedAt) < window.to.getTime(),
      );
      const size = options.pageSize ?? 50;
      for (let i = 0; i < inWindow.length; i += size) yield inWindow.slice(i, i + size);
    },
    settled: () => options.settled === true,
    handle: async (r) => {
      handled.push(r.key);
      return "durable";
    },
  });
  return { result, handled };
}

describe("the change window's handled records, kept as cursor entries", () => {
  it("each save writes its own page's entries and a value of constant size, however many the span holds", async () => {
    const { store, saves, cursors } = loggedStore();
    // 1,000 records, 2 per second, all inside a 1-hour look-back: 20 pages of 50.
    const records = Array.from({ length: 1000 }, (_, i) => record(`R${String(i).padStart(4, "0")}`, 1 + i / 2));
    const first = await run(store, records, { nowSecond: 600, lookbackSeconds: 3600 });
    expect(first.handled).toHaveLength(1000);
    expect(saves).toHaveLength(20);
    for (const save of saves) {
      expect(save.put).toBe(50);
      expect(save.drop).toBe(0);
      expect(save.valueChars).toBeLessThan(50);
    }
    expect((await cursors.entries(cursorKey)).size).toBe(1000);

    // The re-read of the span recognises every record from the entries: none handled again, nothing saved.
    saves.length = 0;
    const again = await run(store, records, { nowSecond: 700, lookbackSeconds: 3600 });
    expect(again.handled).toEqual([]);
    expect(again.result.deduplicated).toBe(1000);
    expect(saves).toEqual([]);
  });

  it("drops the entries the cursor left a look-back behind, with the save that moves it", async () => {
    const { store, saves, cursors } = loggedStore();
    const early = Array.from({ length: 100 }, (_, i) => record(`E${i}`, 10 + i / 10));
    await run(store, early, { nowSecond: 100, lookbackSeconds: 60 });
    expect((await cursors.entries(cursorKey)).size).toBe(100);
    saves.length = 0;
    // Ten minutes later: the cursor moves past 20:00, so everything before 19:00 leaves the entries.
    const late = Array.from({ length: 10 }, (_, i) => record(`L${i}`, 1200 + i));
    await run(store, [...early, ...late], { nowSecond: 1300, lookbackSeconds: 60 });
    expect(saves).toEqual([{ valueChars: expect.any(Number), put: 10, drop: 100 }]);
    expect([...(await cursors.entries(cursorKey)).keys()].sort()).toEqual(late.map((r) => r.key).sort());
  });

  it("a record changed again (another version, even in the same second) is handled again; settled ones by key and stamp", async () => {
    const cursors = createMemoryCursorStore();
    const records = [record("A", 10), record("B", 11)];
    await run(cursors, records, { nowSecond: 100, lookbackSeconds: 600 });
    // A again with other content in the same second, B unchanged.
    const next = await run(cursors, [record("A", 10, 1), record("B", 11)], { nowSecond: 110, lookbackSeconds: 600 });
    expect(next.handled).toEqual(["A"]);
    const view = await readWindowCursor(cursors, cursorKey);
    expect(view?.versions).toEqual({ A: versionHash(record("A", 10, 1)), B: versionHash(record("B", 11)) });

    const settled = createMemoryCursorStore();
    await run(settled, records, { nowSecond: 100, lookbackSeconds: 600, settled: true });
    expect(await readWindowCursor(settled, cursorKey)).toMatchObject({ settled: ["A", "B"], versions: {} });
    const reread = await run(settled, [record("A", 10, 1), record("B", 12)], {
      nowSecond: 110,
      lookbackSeconds: 600,
      settled: true,
    });
    expect(reread.handled).toEqual(["B"]);
  });

  it("a cursor saved before entries (records inline) loads: its records are recognised, and the first save moves them to entries", async () => {
    const cursors = createMemoryCursorStore();
    const records = [record("A", 10), record("B", 11), record("C", 12)];
    const legacy = {
      since: at(12),
      seen: { A: at(10), B: at(11), C: at(12) },
      versions: { A: versionHash(records[0]!), B: versionHash(records[1]!) },
      settled: ["C"],
    };
    await cursors.set(cursorKey, legacy, { expectedVersion: 0 });
    const again = await run(cursors, records, { nowSecond: 100, lookbackSeconds: 600 });
    expect(again.handled).toEqual([]);
    expect(again.result.deduplicated).toBe(3);

    const next = await run(cursors, [...records, record("D", 150)], { nowSecond: 200, lookbackSeconds: 600 });
    expect(next.handled).toEqual(["D"]);
    expect((await cursors.get(cursorKey))?.value).toEqual({ since: at(150) });
    expect(await readWindowCursor(cursors, cursorKey)).toEqual({
      since: at(150),
      seen: { A: at(10), B: at(11), C: at(12), D: at(150) },
      versions: { A: legacy.versions.A, B: legacy.versions.B, D: versionHash(record("D", 150)) },
      settled: ["C"],
    });
  });
});
