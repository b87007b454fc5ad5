import { ConnectorError } from "@ml-connector/state";
import type { Db } from "./database.js";

/** How long a group of writes nothing else commits may stay open, by default (see `GroupCommitOptions.holdMs`). */
export const DEFAULT_COMMIT_HOLD_MS = 25;

export interface GroupCommitOptions {
  /**
   * The longest a transaction stays open for writes that need no durability of their own (a document's outcome, its
   * attempts and links) before it is committed by a timer, when no durable write or flush commits it first. The open
   * transaction holds SQLite's write lock: another process's writer waits for it (blocking its event loop), so this
   * stays short.
   */
  holdMs: number;
}

/**
 * Group commit on one connection: writes join one open `BEGIN IMMEDIATE` transaction, committed (one fsync) by the
 * next write that must be durable when it returns (a lock, a token), by the end of the event loop's turn in which an
 * effect was begun in the exactly-once ledger (`durableThisTurn`), by `flush`, or after `holdMs` at the latest. A
 * document's outcome (the effect done, its attempt, link and status) is so committed with the next effect begun, and
 * the effects that documents in flight begin in one turn share one commit: at most one commit per document.
 * `whenDurable` waits for the commit that holds what was written so far, without forcing one.
 *
 * What stays true: commits happen in program order on one connection, so after a crash the file holds every write up
 * to some point and none after it; every external effect is preceded by a durable `beginEffect` (which commits all
 * earlier writes with it); a failed commit is reported (to the next write or flush, and to every `whenDurable`
 * waiting for it); and the write lock is held at most `holdMs` across a network wait.
 */
export interface GroupCommit {
  /**
   * Runs `work` inside the open transaction (a savepoint: a throw undoes only it); committed within `holdMs`.
   * `atomic`: see WriteShape.
   */
  deferred<T>(work: () => T, shape?: WriteShape): T;
  /** Runs `work` inside the open transaction and commits it, with everything before it, before returning. */
  durable<T>(work: () => T, shape?: WriteShape): T;
  /**
   * Runs `work` inside the open transaction; resolves with its result once that is committed, with everything before
   * it, by a commit at the end of this turn of the event loop (`setImmediate`, after the turn's I/O callbacks) at the
   * latest. Every write until then shares the commit: concurrent documents whose answers arrive in one turn begin their
   * effects in one transaction. Rejects when the work throws or that commit fails.
   */
  durableThisTurn<T>(work: () => T, shape?: WriteShape): Promise<T>;
  /** Commits the open transaction, if any. Throws what a failed deferred commit threw, once. */
  flush(): void;
  /**
   * Resolves once every write made so far is committed, by whatever commits it next (a durable write, `flush`, the
   * hold's timer); at once when nothing is open. Rejects when that commit fails, or when an earlier deferred commit
   * failed and was not reported yet.
   */
  whenDurable(): Promise<void>;
  /**
   * The number of the write transaction this group holds open (each one begun gets the next), undefined when none is.
   * While it stays the same no other connection commits (the transaction holds the write lock): what was read of
   * the file's version in it (`PRAGMA data_version`) holds until it ends.
   */
  readonly openTransaction: number | undefined;
  /** Write transactions committed so far (for benchmarks). */
  readonly commits: number;
  /**
   * Times writes were undone, or may be, so far: a failed commit, a write that threw (undone alone), a write made in a
   * transaction that is not ours (its owner may undo it). What a caller kept of earlier writes may be gone.
   */
  readonly undone: number;
}

/**
 * `atomic`: the work leaves nothing behind when it throws, by itself: it changes the database with one statement (SQLite
 * undoes a failed statement alone, leaving the transaction as it was) and throws nothing after it has, or it undoes its
 * own earlier statement before throwing. Such work needs no savepoint: a savepoint makes SQLite copy every page the
 * work changes into its sub-journal first (a document's row touches a dozen index pages), and costs two statements more.
 */
export interface WriteShape {
  atomic?: boolean | undefined;
}

/** One transaction of the group: who waits for its commit, and how it ended. */
interface Group {
  state: "open" | "committed" | "failed";
  error?: unknown;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

export function createGroupCommit(
  db: Db,
  options: GroupCommitOptions = { holdMs: DEFAULT_COMMIT_HOLD_MS },
): GroupCommit {
  /** The open transaction, if any. */
  let open: Group | undefined;
  /** Transactions begun so far: the open one's number. */
  let begun = 0;
  /** The transaction that holds the latest write (open, committed or failed). */
  let latest: Group | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** The commit at the end of this turn that `durableThisTurn` asked for, if any. */
  let turnEnd: NodeJS.Immediate | undefined;
  let commits = 0;
  let undone = 0;
  let failure: unknown;
  // Prepared once: `exec` compiles its SQL on every call, and `db.transaction(work)` builds four wrapper functions
  // per call. The one wrapper below runs each write in a savepoint of the open transaction (a throw undoes only it),
  // or in a transaction of its own when the caller already holds one that is not ours.
  const beginImmediate = db.prepare("BEGIN IMMEDIATE");
  const commitStatement = db.prepare("COMMIT");
  const rollbackStatement = db.prepare("ROLLBACK");
  const inSavepoint = db.transaction(<T>(work: () => T): T => work());

  const settle = (group: Group, error: unknown) => {
    group.state = error === undefined ? "committed" : "failed";
    group.error = error;
    for (const waiter of group.waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
    group.waiters = [];
  };

  const commit = () => {
    const group = open;
    if (group === undefined) return;
    open = undefined;
    clearTimeout(timer);
    timer = undefined;
    clearImmediate(turnEnd);
    turnEnd = undefined;
    try {
      commitStatement.run();
      commits += 1;
    } catch (error) {
      undone += 1;
      if (db.inTransaction) rollbackStatement.run();
      settle(group, error);
      throw error;
    }
    settle(group, undefined);
  };
  /** Commits the open transaction for writers that do not wait on this call: the hold's timer, the turn's end. */
  const commitUnawaited = () => {
    const group = open;
    if (group === undefined) return;
    if (!db.open) {
      open = undefined;
      undone += 1;
      failure = new ConnectorError("The SQLite database was closed before its pending audit writes were committed", {
        kind: "connection",
      });
      settle(group, failure);
      return;
    }
    try {
      commit();
    } catch (error) {
      // Nobody awaits this commit but its waiters: the next write or flush reports it too, so a lost write is never
      // silent.
      failure = error;
    }
  };
  const commitLater = () => {
    timer = undefined;
    commitUnawaited();
  };
  const commitAtTurnEnd = () => {
    turnEnd = undefined;
    commitUnawaited();
  };
  const raisePending = () => {
    if (failure === undefined) return;
    const error = failure;
    failure = undefined;
    throw error;
  };
  const run = <T>(work: () => T, shape: WriteShape | undefined): T => {
    raisePending();
    if (open === undefined && db.inTransaction) {
      // A transaction that is not ours: its owner may still undo it.
      undone += 1;
      return inSavepoint(work) as T;
    }
    if (open === undefined) {
      beginImmediate.run();
      begun += 1;
      open = { state: "open", waiters: [] };
      timer = setTimeout(commitLater, options.holdMs);
    }
    latest = open;
    try {
      return shape?.atomic ? work() : (inSavepoint(work) as T);
    } catch (error) {
      // Undone alone (its savepoint, or its one statement), the rest of the transaction kept.
      undone += 1;
      throw error;
    }
  };

  return {
    deferred(work, shape) {
      return run(work, shape);
    },
    durable(work, shape) {
      const result = run(work, shape);
      commit();
      return result;
    },
    durableThisTurn(work, shape) {
      let result: ReturnType<typeof work>;
      try {
        result = run(work, shape);
      } catch (error) {
        return Promise.reject(error);
      }
      const group = open;
      // Inside a transaction that is not ours (see `run`): its owner commits it, as with `durable`.
      if (group === undefined) return Promise.resolve(result);
      turnEnd ??= setImmediate(commitAtTurnEnd);
      return new Promise((resolve, reject) => {
        group.waiters.push({ resolve: () => resolve(result), reject });
      });
    },
    flush() {
      raisePending();
      commit();
    },
    whenDurable() {
      if (failure !== undefined) return Promise.reject(failure);
      const group = latest;
      if (group === undefined || group.state === "committed") return Promise.resolve();
      if (group.state === "failed") return Promise.reject(group.error);
      return new Promise<void>((resolve, reject) => {
        group.waiters.push({ resolve, reject });
      });
    },
    get openTransaction() {
      return open === undefined ? undefined : begun;
    },
    get commits() {
      return commits;
    },
    get undone() {
      return undone;
    },
  };
}
