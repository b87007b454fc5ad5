import { describe, expect, it } from "vitest";
import { SpsMailbox } from "../../src/index.js";
import { SortedNames } from "../../src/sps/sorted-names.js";

/** A small deterministic generator, so a failure reproduces. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("SortedNames", () => {
  it("keeps the same names, in the same order, as a sorted array through 30,000 random adds and deletes", () => {
    const random = randomSource(7);
    const names = new SortedNames();
    const reference = new Set<string>();
    for (let step = 0; step < 30_000; step++) {
      const name = `PO${Math.floor(random() * 8_000)
        .toString()
        .padStart(5, "0")}${random() < 0.1 ? "é" : ""}`;
      if (random() < 0.35) expect(names.delete(name)).toBe(reference.delete(name));
      else {
        expect(names.add(name)).toBe(!reference.has(name));
        reference.add(name);
      }
    }
    const sorted = [...reference].sort(byCodeUnits);
    expect(names.size).toBe(sorted.length);
    expect([...names.from("", true)]).toEqual(sorted);
    const middle = sorted[Math.floor(sorted.length / 2)] as string;
    expect([...names.from(middle, false)]).toEqual(sorted.filter((name) => name > middle));
    expect([...names.from(middle, true)]).toEqual(sorted.filter((name) => name >= middle));
  });
});

describe("SPS mailbox: paging a large folder", () => {
  it("pages 20,000 files in name order, each once, while files arrive and leave between pages", () => {
    const clock = { now: () => 1_800_000_000_000 };
    const mailbox = new SpsMailbox(clock, undefined, { layout: "by-type" });
    const random = randomSource(11);
    const present = new Set<string>();
    // Put in a shuffled order, so the index, not the arrival order, gives the listing its order.
    const numbers = Array.from({ length: 20_000 }, (_, index) => index);
    for (let index = numbers.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [numbers[index], numbers[other]] = [numbers[other] as number, numbers[index] as number];
    }
    for (const number of numbers) {
      const name = `PO${String(number).padStart(6, "0")}-v7.7-BulkImport.json`;
      mailbox.putOutbound(name, "{}");
      present.add(name);
    }
    expect(mailbox.listPage(["out", "PO"], { limit: 3 })?.entries.map((entry) => entry.name)).toEqual([
      "PO000000-v7.7-BulkImport.json",
      "PO000001-v7.7-BulkImport.json",
      "PO000002-v7.7-BulkImport.json",
    ]);

    const seen: string[] = [];
    let after: string | undefined;
    let added = 0;
    for (;;) {
      const page = mailbox.listPage(["out", "PO"], { limit: 1000, after });
      if (!page) throw new Error("out/PO should exist");
      seen.push(...page.entries.map((entry) => entry.name));
      // What the connector does: delete what it read; meanwhile new files arrive before and after the cursor.
      for (const entry of page.entries) {
        if (random() < 0.5) {
          mailbox.delete(`out/PO/${entry.name}`);
          present.delete(entry.name);
        }
      }
      for (const number of [Math.floor(random() * 20_000), 20_000 + added]) {
        const name = `PO${String(number).padStart(6, "0")}-late-v7.7-BulkImport.json`;
        if (!present.has(name)) added += 1;
        mailbox.putOutbound(name, "{}");
        present.add(name);
      }
      if (!page.more) break;
      after = page.entries.at(-1)?.name;
    }
    // Order: strictly increasing, so nothing twice; every original file seen.
    expect(seen.every((name, index) => index === 0 || byCodeUnits(seen[index - 1] as string, name) < 0)).toBe(true);
    const seenOnce = new Set(seen);
    const missed = numbers.filter(
      (number) => !seenOnce.has(`PO${String(number).padStart(6, "0")}-v7.7-BulkImport.json`),
    );
    expect(missed).toEqual([]);
    // Files that arrived after the cursor had passed their place are not in this pass; the rest are.
    const whole = mailbox.listDirectory(["out", "PO"])?.map((entry) => entry.name);
    expect(whole).toEqual([...present].sort(byCodeUnits));
    expect(mailbox.paths("out/PO")).toHaveLength(present.size);
  });

  it("keeps prefixes, cursors and the per-type folders as before with many files in several folders", () => {
    const clock = { now: () => 1_800_000_000_000 };
    const mailbox = new SpsMailbox(clock, undefined, { layout: "by-type", routesReady: false });
    for (let index = 0; index < 3_000; index++) {
      mailbox.putOutbound(`PO${String(index).padStart(5, "0")}.json`, "{}");
      mailbox.putOutbound(`IN${String(index).padStart(5, "0")}.json`, "{}");
      mailbox.putOutbound(`custom/X${String(index).padStart(5, "0")}.json`, "{}");
    }
    mailbox.putOutbound("ZZ-unrouted.json", "{}");
    // Routes not set up: their folders and files are invisible; other folders and files are listed.
    expect(mailbox.listDirectory(["out"])).toEqual([
      { name: "ZZ-unrouted.json", type: "file" },
      { name: "custom", type: "directory" },
    ]);
    expect(mailbox.listPage(["out", "PO"], { limit: 10 })).toBeUndefined();
    mailbox.setRoutesReady(true);
    expect(mailbox.listDirectory(["out"])?.map((entry) => entry.name)).toEqual([
      "FA",
      "IB",
      "IN",
      "PC",
      "PO",
      "PR",
      "SH",
      "ZZ-unrouted.json",
      "custom",
    ]);
    expect(mailbox.listPage(["out"], { limit: 2, after: "IN" })).toEqual({
      entries: [
        { name: "PC", type: "directory" },
        { name: "PO", type: "directory" },
      ],
      more: true,
    });
    const prefixed = mailbox.listPage(["out", "custom"], { limit: 5, prefix: "X0299", after: "X02995.json" });
    expect(prefixed).toEqual({
      entries: ["X02996.json", "X02997.json", "X02998.json", "X02999.json"].map((name) => ({ name, type: "file" })),
      more: false,
    });
    expect(mailbox.listPage(["out", "custom"], { limit: 10, prefix: "X0299", after: "X1" })?.entries).toEqual([]);
    expect(mailbox.listPage([], { limit: 10 })?.entries.map((entry) => entry.name)).toEqual([
      "in",
      "out",
      "testin",
      "testout",
    ]);
    // A folder emptied by deletions no longer exists; the route folder stays.
    for (let index = 0; index < 3_000; index++) mailbox.delete(`out/custom/X${String(index).padStart(5, "0")}.json`);
    expect(mailbox.listPage(["out", "custom"], { limit: 10 })).toBeUndefined();
    for (let index = 0; index < 3_000; index++) mailbox.delete(`out/IN/IN${String(index).padStart(5, "0")}.json`);
    expect(mailbox.listPage(["out", "IN"], { limit: 10 })).toEqual({ entries: [], more: false });
  });
});

describe("SPS mailbox: history pages while verdicts are pending", () => {
  it("pages the same entries, statuses and totals as a filter of the whole log, before and after the verdicts", () => {
    let now = 1_800_000_000_000;
    const rejectBad = (_content: Uint8Array, name: string) =>
      name.startsWith("BAD")
        ? { ok: false as const, issues: [{ path: "", code: "bad", message: "A bad file." }] }
        : { ok: true as const };
    const mailbox = new SpsMailbox({ now: () => now }, rejectBad, { verdictDelayMs: 5_000 });
    const random = randomSource(5);
    for (let step = 0; step < 3_000; step++) {
      const name = `${random() < 0.2 ? "BAD" : "PR"}${Math.floor(random() * 400)}.json`;
      const pick = random();
      if (pick < 0.5) mailbox.upload(`in/${name}`, new TextEncoder().encode("{}"));
      else if (pick < 0.7) mailbox.delete(`in/${name}`);
      else if (pick < 0.85) mailbox.download(`in/${name}`);
      else mailbox.putOutbound(name, "{}");
      now += Math.floor(random() * 40);
    }
    // What the page must hold: the whole log, statuses stamped later than the clock left out, entries left empty dropped,
    // then those whose last visible status is in (after, until].
    const expected = (afterMs: number, untilMs: number) =>
      mailbox
        .history()
        .map((entry) => ({
          ...entry,
          status_log: entry.status_log.filter((item) => Date.parse(item.timestamp) <= now),
        }))
        .filter((entry) => {
          const last = entry.status_log.at(-1);
          return last !== undefined && Date.parse(last.timestamp) > afterMs && Date.parse(last.timestamp) <= untilMs;
        });
    const start = 1_800_000_000_000;
    for (const [afterMs, untilMs] of [
      [undefined, undefined],
      [start + 10_000, start + 40_000],
      [start + 50_000, undefined],
    ] as const) {
      const all = expected(afterMs ?? Number.NEGATIVE_INFINITY, untilMs ?? Number.POSITIVE_INFINITY);
      for (const offset of [0, 100, all.length - 7]) {
        const page = mailbox.historyPage({ afterMs, untilMs, offset, limit: 50 });
        expect(page.total).toBe(all.length);
        expect(page.results).toEqual(all.slice(offset, offset + 50));
      }
    }
    expect(mailbox.historyPage({ offset: 0, limit: 1 }).total).toBe(mailbox.history().length);
    now += 10_000;
    const settled = expected(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    expect(settled).toHaveLength(mailbox.history().length);
    expect(mailbox.historyPage({ offset: 40, limit: 60 }).results).toEqual(settled.slice(40, 100));
    expect(mailbox.visibleHistory()).toEqual(settled);
  });
});
