import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPostgresStores, type PostgresStores } from "../../src/index.js";
import { freshSchema, usePostgresDatabase } from "../support/postgres-server.js";

// Two stores with a pool each on one schema: two connector instances as far as PostgreSQL can tell (separate
// connections, separate sessions). Every race below is decided by the server, not by this process.

const database = usePostgresDatabase();
let a: PostgresStores;
let b: PostgresStores;

beforeEach(async () => {
  const schema = freshSchema("race");
  a = await createPostgresStores({ connectionString: database.url, schema, poolSize: 8 });
  b = await createPostgresStores({ connectionString: database.url, schema, poolSize: 8 });
});
afterEach(async () => {
  await a.close();
  await b.close();
});

const both = <T>(count: number, work: (stores: PostgresStores, i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => work(i % 2 === 0 ? a : b, i)));

describe("the exactly-once ledger across instances", () => {
  it("gives each effect to exactly one caller of either instance", async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `x3.create:ACME:PO${i}`);
    const results = await Promise.all(
      keys.flatMap((key) =>
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? a : b).audit.beginEffect(key, { operation: "create", owner: i % 2 === 0 ? "a" : "b" }),
        ),
      ),
    );
    for (const key of keys) {
      const mine = results.filter((r) => r.effect.key === key);
      expect(mine.filter((r) => r.outcome === "started")).toHaveLength(1);
      expect(mine.filter((r) => r.outcome === "in-progress")).toHaveLength(5);
    }
    expect(await b.audit.listInProgress({ limit: 1000 })).toHaveLength(keys.length);
  });

  it("restarts a failed effect once, whoever asks", async () => {
    await a.audit.beginEffect("sps.upload:1", { operation: "sps.upload" });
    await a.audit.failEffect("sps.upload:1", { kind: "server", message: "502" });
    const results = await both(10, (stores) => stores.audit.beginEffect("sps.upload:1", { operation: "sps.upload" }));
    expect(results.filter((r) => r.outcome === "started")).toHaveLength(1);
    expect((await a.audit.getEffect("sps.upload:1"))?.attempts).toBe(2);
  });

  it("a done effect stays done whichever instance completes it again", async () => {
    await a.audit.beginEffect("e", { operation: "create" });
    const [first, second] = await Promise.all([
      a.audit.completeEffect("e", { x3Key: "SO1" }),
      b.audit.completeEffect("e", { x3Key: "SO2" }),
    ]);
    expect(first.result).toEqual(second.result);
    await expect(b.audit.failEffect("e", { message: "late" })).rejects.toMatchObject({ kind: "conflict" });
  });
});

describe("locks across instances", () => {
  it("gives a free lock to exactly one of many acquirers, round after round", async () => {
    for (let round = 0; round < 10; round++) {
      const handles = await both(12, (stores, i) =>
        stores.locks.acquire("flow:orders-in", { ttlMs: 60_000, owner: `${stores === a ? "a" : "b"}-${i}` }),
      );
      const winners = handles.filter((h) => h !== undefined);
      expect(winners).toHaveLength(1);
      expect(await b.locks.holder("flow:orders-in")).toMatchObject({ owner: winners[0]!.owner });
      expect(await (round % 2 === 0 ? a : b).locks.release(winners[0]!)).toBe(true);
    }
  });

  it("lets the other instance take an expired lease; the old handle is then worthless", async () => {
    // Both instances on one test clock (in production: the server's), so the lease expires when the test says.
    let now = Date.now();
    const clock = { now: () => now };
    const schema = freshSchema("lease");
    const [x, y] = await Promise.all(
      [0, 1].map(() => createPostgresStores({ connectionString: database.url, schema, poolSize: 4, clock })),
    );
    try {
      const stale = await x!.locks.acquire("flow:acks-out", { ttlMs: 300, owner: "a" });
      expect(stale).toBeDefined();
      now += 299;
      expect(await y!.locks.acquire("flow:acks-out", { ttlMs: 60_000, owner: "b" })).toBeUndefined();
      now += 1;
      // Several takers at once after the expiry: still only one.
      const takers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? x! : y!).locks.acquire("flow:acks-out", { ttlMs: 60_000, owner: "b" }),
        ),
      );
      const fresh = takers.filter((h) => h !== undefined);
      expect(fresh).toHaveLength(1);
      expect(fresh[0]!.token).not.toBe(stale!.token);
      expect(await x!.locks.refresh(stale!)).toBeUndefined();
      expect(await x!.locks.release(stale!)).toBe(false);
      expect(await x!.locks.holder("flow:acks-out")).toMatchObject({ owner: "b" });
      expect(await y!.locks.refresh(fresh[0]!, 120_000)).toBeDefined();
    } finally {
      await Promise.all([x!.close(), y!.close()]);
    }
  });

  it("holders never overlap when both instances loop over one lock", async () => {
    // Counted, not timed: how many holders are inside at once, and how many holds there were.
    let inside = 0;
    let mostInside = 0;
    let holds = 0;
    const worker = async (stores: PostgresStores, owner: string) => {
      for (let i = 0; i < 40; i++) {
        const handle = await stores.locks.acquire("flow:invoices-out", { ttlMs: 60_000, owner });
        if (handle === undefined) continue;
        inside += 1;
        mostInside = Math.max(mostInside, inside);
        await new Promise((resolve) => setImmediate(resolve)); // let the others try while this one holds it
        inside -= 1;
        holds += 1;
        expect(await stores.locks.release(handle)).toBe(true);
      }
    };
    await Promise.all([worker(a, "a1"), worker(a, "a2"), worker(b, "b1"), worker(b, "b2")]);
    expect(mostInside).toBe(1);
    expect(holds).toBeGreaterThan(0);
  });
});

describe("cursors across instances", () => {
  it("compare-and-set lets exactly one writer win each version", async () => {
    const key = { flow: "orders-in", source: "sps:out/" };
    const created = await both(10, (stores, i) => stores.cursors.set(key, i, { expectedVersion: 0 }).catch((e) => e));
    expect(created.filter((r) => !(r instanceof Error))).toHaveLength(1);
    for (let version = 1; version <= 5; version++) {
      const results = await both(10, (stores, i) =>
        stores.cursors.set(key, { version, writer: i }, { expectedVersion: version }).catch((e: unknown) => e),
      );
      const winners = results.filter((r) => !(r instanceof Error));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r instanceof Error)).toEqual(
        Array.from({ length: 9 }, () => expect.objectContaining({ kind: "conflict" })),
      );
    }
    expect((await a.cursors.get(key))?.version).toBe(6);
  });

  it("read-modify-write loops on both instances lose no update", async () => {
    const key = { flow: "counter", source: "test" };
    await a.cursors.set(key, 0);
    const increment = async (stores: PostgresStores) => {
      for (let done = 0; done < 25; ) {
        const current = await stores.cursors.get(key);
        try {
          await stores.cursors.set(key, (current!.value as number) + 1, { expectedVersion: current!.version });
          done++;
        } catch (error) {
          expect(error).toMatchObject({ kind: "conflict" });
        }
      }
    };
    await Promise.all([increment(a), increment(a), increment(b), increment(b)]);
    expect(await b.cursors.get(key)).toMatchObject({ value: 100, version: 101 });
  });
});

describe("sequences and audit seq across instances", () => {
  it("never hands out a number twice", async () => {
    const numbers = await both(400, (stores) => stores.sequences.next("sscc", { start: 1000 }));
    expect(new Set(numbers).size).toBe(400);
    expect(Math.min(...numbers)).toBe(1000);
    expect(Math.max(...numbers)).toBe(1399);
    expect(await b.sequences.current("sscc")).toBe(1399);
  });

  it("assigns unique audit seq numbers, increasing for each writer", async () => {
    const writer = async (stores: PostgresStores, name: string) => {
      const seqs: number[] = [];
      for (let i = 0; i < 30; i++) {
        const d = await stores.audit.recordDocument({
          direction: "in",
          type: "850",
          partnerId: "ACME",
          naturalKey: `850:ACME:${name}-${i}`,
          status: "received",
          payload: new TextEncoder().encode(`{"po":"${name}-${i}"}`),
        });
        seqs.push(d.seq);
      }
      return seqs;
    };
    const runs = await Promise.all([writer(a, "a1"), writer(a, "a2"), writer(b, "b1"), writer(b, "b2")]);
    await Promise.all([a.audit.flush(), b.audit.flush()]);
    for (const seqs of runs) for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
    expect(new Set(runs.flat()).size).toBe(120);
    const page = await a.audit.findDocuments({ limit: 1000, order: "asc" });
    expect(page.items.map((d) => d.seq)).toEqual([...runs.flat()].sort((x, y) => x - y));
  });
});
