import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { EffectRecord } from "@ml-connector/state";
import { receivedOrder, settleCreatedOrder } from "@ml-connector/state/testing";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../src/database.js";
import { createGroupCommit } from "../src/group-commit.js";
import { createSqliteStores } from "../src/index.js";
import { createSqliteSequenceStore } from "../src/small-stores.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-group-commit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
});
let n = 0;
const nextPath = () => join(dir, `stores-${++n}.db`);
// A hold longer than any test: only durable writes, flush and close commit.
const open = (path = nextPath()) => createSqliteStores({ path, commitHoldMs: 600_000 });
const received = (po: string) =>
  receivedOrder({ naturalKey: `850:ACME:${po}`, poNumber: po, payload: new Uint8Array([1, 2, 3]) });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What orders-in writes for one 850 up to X3's answer: the record, the effect begun (durable), the outcome. */
async function createdOrder(audit: ReturnType<typeof open>["audit"], po: string) {
  const document = await audit.recordDocument(received(po));
  await audit.beginEffect(`create:ACME:${po}`, { operation: "x3.create", documentId: document.id });
  await settleCreatedOrder(audit, document.id, `create:ACME:${po}`, `SO-${po}`);
  return document;
}

describe("SQLite audit writes: one transaction per document", () => {
  it("commits an 850's outcome with the next one's effect begun, and resolves whenDurable then", async () => {
    const stores = open();
    const other = open(stores.path);
    try {
      const before = stores.auditTransactions;
      const first = await createdOrder(stores.audit, "PO1");
      expect(stores.auditTransactions - before).toBe(1);
      let kept = false;
      const outcomeKept = stores.audit.whenDurable().then(() => {
        kept = true;
      });
      await nextTurn();
      expect(kept).toBe(false);
      // Another connection (another process) sees the effect begun, not yet the outcome.
      expect((await other.audit.getDocument(first.id))?.status).toBe("received");
      expect((await other.audit.getEffect("create:ACME:PO1"))?.state).toBe("in-progress");

      await createdOrder(stores.audit, "PO2");
      expect(stores.auditTransactions - before).toBe(2);
      await outcomeKept;
      expect((await other.audit.getDocument(first.id))?.status).toBe("created");
      expect((await other.audit.getEffect("create:ACME:PO1"))?.state).toBe("done");
      await stores.audit.flush();
      expect(stores.auditTransactions - before).toBe(3);
      await stores.audit.flush();
      expect(stores.auditTransactions - before).toBe(3);
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("commits the effects begun in one turn of the event loop together, each resolved once it is durable", async () => {
    const stores = open();
    const other = open(stores.path);
    try {
      const before = stores.auditTransactions;
      const [one, two] = [received("PO1"), received("PO2")];
      await Promise.all([stores.audit.recordDocument(one), stores.audit.recordDocument(two)]);
      // Two documents in flight whose answers arrive in the same turn: both effects are begun before it ends.
      let resolved = 0;
      // What another connection (another process, a restart) finds when each is resolved, the effect's cause after it.
      const seenThen: Promise<EffectRecord | undefined>[] = [];
      const begun = ["PO1", "PO2"].map((po) =>
        stores.audit.beginEffect(`create:ACME:${po}`, { operation: "x3.create" }).then((result) => {
          resolved += 1;
          seenThen.push(other.audit.getEffect(`create:ACME:${po}`));
          return result;
        }),
      );
      await Promise.resolve();
      expect(resolved).toBe(0);
      expect(await other.audit.getEffect("create:ACME:PO1")).toBeUndefined();
      expect((await Promise.all(begun)).map((result) => result.outcome)).toEqual(["started", "started"]);
      expect((await Promise.all(seenThen)).map((effect) => effect?.state)).toEqual(["in-progress", "in-progress"]);
      expect(stores.auditTransactions - before).toBe(1);
      expect((await other.audit.listInProgress()).map((effect) => effect.key)).toEqual([
        "create:ACME:PO1",
        "create:ACME:PO2",
      ]);
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("commits writes nothing else commits once the hold has passed, and on close", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const stores = createSqliteStores({ path: nextPath(), commitHoldMs: 25 });
    const before = stores.auditTransactions;
    const document = await stores.audit.recordDocument(received("PO1"));
    vi.advanceTimersByTime(24);
    expect(stores.auditTransactions - before).toBe(0);
    vi.advanceTimersByTime(1);
    expect(stores.auditTransactions - before).toBe(1);
    await stores.audit.whenDurable();
    await stores.audit.updateDocument(document.id, { status: "rejected" });
    await stores.close();
    expect(stores.auditTransactions - before).toBe(2);
    const again = open(stores.path);
    try {
      expect((await again.audit.getDocument(document.id))?.status).toBe("rejected");
    } finally {
      await again.close();
    }
  });

  it("commits a token when it is set, with the audit writes before it", async () => {
    const stores = open();
    const other = open(stores.path);
    try {
      const document = await stores.audit.recordDocument(received("PO1"));
      await stores.tokens.set("sps", { accessToken: "a2", refreshToken: "r2", expiresAt: 1 });
      expect(await other.tokens.get("sps")).toMatchObject({ refreshToken: "r2" });
      expect(await other.audit.getDocument(document.id)).toBeDefined();
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("hands out a sequence's number only once it is committed, adding no commit of its own", async () => {
    const stores = open();
    const other = open(stores.path);
    try {
      // No transaction open: the increment begins one, committed at the end of the turn with what else the turn wrote.
      const first = stores.sequences.next("sscc");
      const recorded = stores.audit.recordDocument(received("PO0"));
      expect(await first).toBe(1);
      expect(stores.auditTransactions).toBe(1);
      expect(await other.sequences.current("sscc")).toBe(1);
      expect(await other.audit.getDocument((await recorded).id)).toBeDefined();

      // A transaction open (a document's record waits for the hold): the increment joins it and is not handed out.
      const document = await stores.audit.recordDocument(received("PO1"));
      const before = stores.auditTransactions;
      let handedOut: number | undefined;
      const taken = stores.sequences.next("sscc").then((value) => {
        handedOut = value;
      });
      await nextTurn();
      expect(handedOut).toBeUndefined();
      expect(await other.sequences.current("sscc")).toBe(1);

      // The next commit (here a flush) makes it durable, with the record before it; then it is handed out.
      await stores.audit.flush();
      await taken;
      expect(handedOut).toBe(2);
      expect(stores.auditTransactions - before).toBe(1);
      expect(await other.sequences.current("sscc")).toBe(2);
      expect(await other.audit.getDocument(document.id)).toBeDefined();
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("loses in a crash only the outcome nothing committed yet, never an effect begun", async () => {
    const path = nextPath();
    await open(path).close();
    const crasher = join(import.meta.dirname, "support/crasher.ts");
    const run = promisify(execFile);
    await expect(
      run(process.execPath, ["--conditions=ml-connector-source", "--import", "tsx", crasher, path], {
        cwd: join(import.meta.dirname, "../../.."),
      }),
    ).rejects.toMatchObject({ signal: "SIGKILL" });
    const stores = open(path);
    try {
      // PO2's effect begun committed PO1's outcome with it; PO2's outcome was waiting for the next commit.
      expect(await stores.audit.getDocument("PO1")).toMatchObject({ status: "created", x3Key: "SO-PO1" });
      expect((await stores.audit.getEffect("x3.create:ACME:PO1"))?.state).toBe("done");
      expect((await stores.audit.getDocument("PO2"))?.status).toBe("received");
      expect((await stores.audit.listInProgress()).map((effect) => effect.key)).toEqual(["x3.create:ACME:PO2"]);
      expect(await stores.audit.linksOf({ kind: "document", id: "PO2" })).toEqual([]);
    } finally {
      await stores.close();
    }
  });
});

describe("group commit: a failed commit", () => {
  it("rejects whenDurable, is reported once to the next write, and the writes go on", async () => {
    const db = openDatabase({ path: nextPath(), busyTimeoutMs: 1_000, migrations: [] });
    // A deferred foreign key is checked at COMMIT: a child without its parent fails the commit, not the insert.
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
    const writes = createGroupCommit(db, { holdMs: 600_000 });
    const insert = db.prepare("INSERT INTO child (parent) VALUES (?)");
    try {
      writes.deferred(() => insert.run(1));
      const kept = writes.whenDurable();
      expect(() => writes.durable(() => insert.run(2))).toThrow(/FOREIGN KEY/);
      await expect(kept).rejects.toThrow(/FOREIGN KEY/);
      expect(writes.commits).toBe(0);
      // Reported to the next write once (it does not run), then the writes go on.
      const parent = db.prepare("INSERT INTO parent (id) VALUES (?)");
      writes.deferred(() => parent.run(7));
      expect(db.prepare("SELECT COUNT(*) AS n FROM parent").get()).toEqual({ n: 1 });
      writes.flush();
      expect(writes.commits).toBe(1);
      await writes.whenDurable();
    } finally {
      db.close();
    }
  });

  it("a failed commit at the turn's end rejects the durable write waiting for it, and is reported to the next write", async () => {
    const db = openDatabase({ path: nextPath(), busyTimeoutMs: 1_000, migrations: [] });
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
    const writes = createGroupCommit(db, { holdMs: 600_000 });
    const insert = db.prepare("INSERT INTO child (parent) VALUES (?)");
    try {
      writes.deferred(() => insert.run(1));
      await expect(writes.durableThisTurn(() => insert.run(2))).rejects.toThrow(/FOREIGN KEY/);
      expect(writes.commits).toBe(0);
      expect(db.prepare("SELECT COUNT(*) AS n FROM child").get()).toEqual({ n: 0 });
      // The deferred write it lost is reported once more, to the next write (which does not run); then they go on.
      expect(() => writes.deferred(() => insert.run(3))).toThrow(/FOREIGN KEY/);
      const parent = db.prepare("INSERT INTO parent (id) VALUES (?)");
      expect(await writes.durableThisTurn(() => parent.run(7).changes)).toBe(1);
      expect(writes.commits).toBe(1);
      await expect(writes.durableThisTurn(() => insert.run(99))).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it("a sequence's number whose commit fails is never handed out, and is taken again", async () => {
    const db = openDatabase({ path: nextPath(), busyTimeoutMs: 1_000 });
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
    const writes = createGroupCommit(db, { holdMs: 600_000 });
    const sequences = createSqliteSequenceStore(db, writes);
    try {
      // The open transaction's commit is doomed; the increment joins it.
      writes.deferred(() => db.prepare("INSERT INTO child (parent) VALUES (1)").run());
      const taken = sequences.next("sscc");
      expect(() => writes.flush()).toThrow(/FOREIGN KEY/);
      await expect(taken).rejects.toThrow(/FOREIGN KEY/);
      expect(await sequences.current("sscc")).toBeUndefined();
      expect(await sequences.next("sscc")).toBe(1);
      expect(writes.commits).toBe(1);
    } finally {
      db.close();
    }
  });

  it("a failed commit of the hold's timer rejects whenDurable and the next flush", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const db = openDatabase({ path: nextPath(), busyTimeoutMs: 1_000, migrations: [] });
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
    const writes = createGroupCommit(db, { holdMs: 10 });
    try {
      writes.deferred(() => db.prepare("INSERT INTO child (parent) VALUES (1)").run());
      const kept = expect(writes.whenDurable()).rejects.toThrow(/FOREIGN KEY/);
      vi.advanceTimersByTime(10);
      await kept;
      await expect(writes.whenDurable()).rejects.toThrow(/FOREIGN KEY/);
      expect(() => writes.flush()).toThrow(/FOREIGN KEY/);
      // Still lost: the latest write is not kept. The next one is.
      await expect(writes.whenDurable()).rejects.toThrow(/FOREIGN KEY/);
      writes.deferred(() => db.prepare("INSERT INTO parent (id) VALUES (1)").run());
      const kept2 = writes.whenDurable();
      writes.flush();
      await kept2;
      expect(writes.commits).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe("group commit: work that undoes itself (atomic)", () => {
  it("is undone alone when its statement fails, and the open transaction goes on and commits", async () => {
    const db = openDatabase({ path: nextPath(), busyTimeoutMs: 1_000, migrations: [] });
    db.exec(
      "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT); CREATE INDEX item_note ON item (note)",
    );
    const writes = createGroupCommit(db, { holdMs: 600_000 });
    const insert = db.prepare("INSERT INTO item (name, note) VALUES (?, ?)");
    // One statement of two rows: the first is written, the second clashes, and SQLite undoes the statement whole.
    const insertTwo = db.prepare("INSERT INTO item (name, note) VALUES (?, 'x'), (?, 'y')");
    const names = db.prepare<[], { name: string }>("SELECT name FROM item ORDER BY id");
    try {
      writes.deferred(() => insert.run("a", "first"), { atomic: true });
      expect(() => writes.deferred(() => insertTwo.run("b", "a"), { atomic: true })).toThrow(/UNIQUE/);
      expect(db.inTransaction).toBe(true);
      expect(names.all().map((row) => row.name)).toEqual(["a"]);
      writes.durable(() => insert.run("c", "third"), { atomic: true });
      expect(db.inTransaction).toBe(false);
      expect(names.all().map((row) => row.name)).toEqual(["a", "c"]);
      expect(writes.commits).toBe(1);
      await writes.whenDurable();
    } finally {
      db.close();
    }
  });
});

describe("group commit: what wraps a write", () => {
  it("wraps non-atomic work in a savepoint and atomic work in nothing (it is trusted to undo itself)", async () => {
    const db = openDatabase({ path: nextPath(), busyTimeoutMs: 1_000, migrations: [] });
    db.exec("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");
    const writes = createGroupCommit(db, { holdMs: 600_000 });
    const insert = db.prepare("INSERT INTO item (name) VALUES (?)");
    const names = db.prepare<[], { name: string }>("SELECT name FROM item ORDER BY id");
    // Two steps and a throw: only a savepoint around the work can take the first step back.
    const halfDone = (name: string) => () => {
      insert.run(name);
      throw new Error(`${name} failed after its insert`);
    };
    try {
      writes.deferred(() => insert.run("opened"));
      expect(() => writes.deferred(halfDone("wrapped"))).toThrow(/wrapped failed/);
      expect(names.all().map((row) => row.name)).toEqual(["opened"]);
      expect(() => writes.deferred(halfDone("trusted"), { atomic: true })).toThrow(/trusted failed/);
      expect(names.all().map((row) => row.name)).toEqual(["opened", "trusted"]);
      writes.flush();
      await writes.whenDurable();
    } finally {
      db.close();
    }
  });
});

describe("group commit: undone writes are counted", () => {
  it("counts a failed write, a write in a transaction not its own, and a failed commit", () => {
    const db = openDatabase({ path: nextPath(), busyTimeoutMs: 1_000, migrations: [] });
    db.exec("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");
    const writes = createGroupCommit(db, { holdMs: 600_000 });
    const insert = db.prepare("INSERT INTO item (name) VALUES (?)");
    try {
      writes.deferred(() => insert.run("a"), { atomic: true });
      expect(writes.undone).toBe(0);
      // What a caller kept of a write undone alone (its savepoint, or its statement) is gone: counted.
      expect(() => writes.deferred(() => insert.run("a"), { atomic: true })).toThrow(/UNIQUE/);
      expect(writes.undone).toBe(1);
      expect(() =>
        writes.deferred(() => {
          insert.run("b");
          throw new Error("after its insert");
        }),
      ).toThrow(/after its insert/);
      expect(writes.undone).toBe(2);
      writes.flush();
      expect(writes.undone).toBe(2);
      // Inside a transaction its owner may roll back.
      db.exec("BEGIN");
      writes.deferred(() => insert.run("c"), { atomic: true });
      db.exec("ROLLBACK");
      expect(writes.undone).toBe(3);
    } finally {
      db.close();
    }
  });
});

describe("a document recorded without a savepoint", () => {
  it("is undone with its row when its payload cannot be stored, and the open transaction goes on", async () => {
    const path = nextPath();
    const stores = open(path);
    try {
      const kept = await stores.audit.recordDocument(received("PO-1"));
      // Another connection makes every payload insert fail from now on (the store's statements see the new schema).
      await stores.audit.flush();
      const other = openDatabase({ path, busyTimeoutMs: 1_000 });
      other.exec(
        "CREATE TRIGGER no_payloads BEFORE INSERT ON payloads BEGIN SELECT RAISE(ABORT, 'payloads refused'); END",
      );
      other.close();
      const before = await stores.audit.recordDocument({ ...received("PO-2"), payload: undefined });
      await expect(stores.audit.recordDocument(received("PO-3"))).rejects.toThrow(/payloads refused/);
      await stores.audit.flush();
      const all = await stores.audit.findDocuments({ order: "asc" });
      expect(all.items.map((document) => document.poNumber)).toEqual(["PO-1", "PO-2"]);
      expect(all.items.map((document) => document.id)).toEqual([kept.id, before.id]);
    } finally {
      await stores.close();
    }
  });
});
