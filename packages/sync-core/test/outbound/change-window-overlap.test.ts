import { createMemoryCursorStore } from "@ml-connector/state";
import { describe, expect, it } from "vitest";
import type { FlowContext } from "../../src/engine/flow.js";
import { readChangeCursor, readWindowCursor, runChangeWindow } from "../../src/flows/outbound/change-window.js";
import type { X3Stamped } from "../../src/ports/x3-change-feed.js";

// The change window keeps records in flight across page ends: a page's records start while the page before is still
// being handled, and the next page is fetched meanwhile. The cursor still moves page by page, in order, each page once
// all its records settled, and never past a record to retry.

const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, second)).toISOString();
const record = (key: string, second: number): X3Stamped => ({ key, updatedAt: at(second) });

/** A handle whose records each wait until the test releases them; logs starts and ends. */
function heldHandles(log: string[]) {
  const releases = new Map<string, () => void>();
  const started = (key: string) => expect.poll(() => releases.has(key)).toBe(true);
  return {
    started,
    release: async (key: string) => {
      await started(key);
      releases.get(key)?.();
    },
    handle: (dispositions: Record<string, "durable" | "retry"> = {}) =>
      async function handle(r: X3Stamped) {
        log.push(`start ${r.key}`);
        await new Promise<void>((resolve) => releases.set(r.key, resolve));
        log.push(`end ${r.key}`);
        return dispositions[r.key] ?? ("durable" as const);
      },
  };
}

async function run(
  pages: X3Stamped[][],
  handle: (r: X3Stamped) => Promise<"durable" | "retry">,
  log: string[],
  concurrency = 4,
) {
  const cursors = createMemoryCursorStore();
  const cursorKey = { flow: "test-out", source: "x3:TEST" };
  const logged = {
    ...cursors,
    set: async (...args: Parameters<typeof cursors.set>) => {
      log.push(`cursor ${String(readChangeCursor(args[1])?.since.slice(17, 19))}`);
      return cursors.set(...args);
    },
  };
  const result = await runChangeWindow({
    cursors: logged,
    cursorKey,
    settings: { startFrom: at(0), now: () => new Date(Date.parse(at(0)) + 3_600_000), lookbackMs: 0, concurrency },
    context: { signal: new AbortController().signal } as FlowContext,
    async *pages() {
      for (const [index, page] of pages.entries()) {
        log.push(`page ${index + 1}`);
        yield page;
      }
    },
    handle,
  });
  return { result, stored: await readWindowCursor(cursors, cursorKey) };
}

describe("the change window across page ends", () => {
  it("starts a page's records while the page before finishes, and moves the cursor page by page, in order", async () => {
    const log: string[] = [];
    const held = heldHandles(log);
    const pages = [[record("A", 1)], [record("B", 2)], [record("C", 3)], [record("D", 4)]];
    const running = run(pages, held.handle(), log);
    // A (page 1) is still in hand when B (page 2) starts: the slots do not drain at the page's end.
    await held.started("B");
    expect(log).not.toContain("end A");
    // Page 3 is fetched meanwhile, but its records wait; page 4 is not fetched: two pages in flight, one ahead.
    await expect.poll(() => log.includes("page 3")).toBe(true);
    expect(log).not.toContain("start C");
    expect(log).not.toContain("page 4");
    // B ends first, but the cursor moves past page 1 first, and past page 2 only after it.
    await held.release("B");
    await held.release("A");
    await held.release("C");
    await held.release("D");
    const { result, stored } = await running;
    expect(result.handled).toBe(4);
    expect(log.filter((entry) => entry.startsWith("cursor"))).toEqual([
      "cursor 01",
      "cursor 02",
      "cursor 03",
      "cursor 04",
    ]);
    expect(log.indexOf("cursor 01")).toBeGreaterThan(log.indexOf("end A"));
    expect(stored?.since).toBe(at(4));
  });

  it("never moves the cursor past a record to retry, whatever the pages after it did", async () => {
    const log: string[] = [];
    const held = heldHandles(log);
    const running = run([[record("A", 1)], [record("B", 2)], [record("C", 3)]], held.handle({ B: "retry" }), log);
    await held.release("A");
    await held.release("B");
    await held.release("C");
    const { result, stored } = await running;
    expect(result).toMatchObject({ handled: 2, retried: 1 });
    // At B's UPDDATTIM, which the next run reads again (the window's start is inclusive); C is known by then.
    expect(stored?.since).toBe(at(2));
    expect(Object.keys(stored?.seen ?? {})).toEqual(["C"]);
  });

  it("a record that throws: the records already started finish before the error leaves the run", async () => {
    const log: string[] = [];
    const held = heldHandles(log);
    const inner = held.handle();
    const running = run(
      [[record("A", 1)], [record("B", 2)]],
      async (r) => {
        if (r.key === "A") {
          await held.started("B");
          throw new Error("A failed");
        }
        return inner(r);
      },
      log,
    );
    let ended = false;
    const outcome = running.then(
      () => "resolved",
      (error: Error) => error.message,
    );
    void outcome.finally(() => {
      ended = true;
    });
    await held.started("B");
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    await held.release("B");
    expect(await outcome).toBe("A failed");
    expect(log).toContain("end B");
    expect(log.filter((entry) => entry.startsWith("cursor"))).toEqual([]);
  });
});
