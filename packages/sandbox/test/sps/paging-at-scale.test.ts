import { afterEach, describe, expect, it } from "vitest";
import { SpsMailbox, type SpsSandbox, startSpsSandbox } from "../../src/index.js";
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

describe("SPS sandbox: history and listing over HTTP at scale", () => {
  const running: SpsSandbox[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  });

  async function bearer(sandbox: SpsSandbox): Promise<string> {
    const response = await fetch(`${sandbox.authUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
        audience: "https://spscommerce.com",
      }),
    });
    return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
  }

  it("downloads and deletes 600 files page by page; the history pages them oldest first with offsets", async () => {
    let now = 1_800_000_000_000;
    const sandbox = await startSpsSandbox({ clock: { now: () => now } });
    running.push(sandbox);
    const authorization = await bearer(sandbox);
    for (let index = 0; index < 600; index++) {
      sandbox.mailbox.putOutbound(`PO${String(599 - index).padStart(5, "0")}.json`, "{}");
    }
    const api = `${sandbox.baseUrl}/transactions/v5/data`;
    const names: string[] = [];
    let url: string | undefined = `${api}/out/?limit=250`;
    while (url) {
      const page = (await (await fetch(url, { headers: { authorization } })).json()) as {
        results: { path: string; type: string }[];
        paging?: { next: { url: string } | null };
      };
      for (const entry of page.results) {
        const file = `${api}${entry.path}`;
        expect((await fetch(file, { headers: { authorization } })).status).toBe(200);
        expect((await fetch(file, { method: "DELETE", headers: { authorization } })).status).toBe(204);
        names.push(entry.path.slice("/out/".length));
        now += 1000;
      }
      url = page.paging?.next?.url;
    }
    expect(names).toEqual(Array.from({ length: 600 }, (_, index) => `PO${String(index).padStart(5, "0")}.json`));
    expect(sandbox.mailbox.paths("out")).toEqual([]);

    // The history: one entry per file life, oldest first, paged by offset; total_count counts every match.
    const read = async (query: string) =>
      (await (
        await fetch(`${sandbox.baseUrl}/transactions/v5/history?${query}`, { headers: { authorization } })
      ).json()) as {
        results: { id: string; path: string; status_log: { status: string }[] }[];
        paging: { offset: number; total_count: number; next: { url: string } | null };
      };
    const first = await read("limit=1000&offset=0");
    expect(first.paging.total_count).toBe(600);
    expect(first.results.map((entry) => entry.id)).toEqual(
      Array.from({ length: 600 }, (_, index) => String(index + 1)),
    );
    expect(first.results[0]?.status_log.map((item) => item.status)).toEqual(["downloaded", "deleted"]);
    const last = await read("limit=1000&offset=100");
    expect(last.results.map((entry) => entry.path)).toEqual(
      Array.from({ length: 500 }, (_, index) => `/out/PO${String(100 + index).padStart(5, "0")}.json`),
    );
    expect(last.paging.next).toBeNull();
    // A time window (after, until]: the entries whose last status falls in it (one per second of the sandbox clock).
    const start = new Date(1_800_000_000_000 + 10_000).toISOString().slice(0, 19);
    const end = new Date(1_800_000_000_000 + 20_000).toISOString().slice(0, 19);
    const window = await read(`limit=100&after=${start}&until=${end}`);
    expect(window.paging.total_count).toBe(10);
    expect(window.results.map((entry) => entry.path)).toEqual(
      Array.from({ length: 10 }, (_, index) => `/out/PO${String(11 + index).padStart(5, "0")}.json`),
    );
  });
});
