import type { Db } from "./database.js";

/**
 * Group commit on one connection: writes join one open `BEGIN IMMEDIATE` transaction, which is committed (one fsync)
 * at the end of the current turn of the event loop, or at once by a write that must be durable when it returns (an
 * effect begun in the exactly-once ledger) and by `flush`. The writes of a document that follow each other without
 * waiting for the network (the record and its effect begun; the effect done, its attempt, link and status) so cost
 * one transaction together instead of one each.
 *
 * What stays true: commits happen in program order on one connection, so after a crash the file holds every write up
 * to some point and none after it; every external effect is preceded by a durable `beginEffect` (which commits all
 * earlier writes with it); and the write lock is never held across a network wait (the turn ends first).
 */
export interface GroupCommit {
  /** Runs `work` inside the open transaction (a savepoint: a throw undoes only it); committed by the end of the turn. */
  deferred<T>(work: () => T): T;
  /** Runs `work` inside the open transaction and commits it, with everything before it, before returning. */
  durable<T>(work: () => T): T;
  /** Commits the open transaction, if any. Throws what a failed deferred commit threw, once. */
  flush(): void;
  /** Write transactions committed so far (for benchmarks). */
  readonly commits: number;
}

export function createGroupCommit(db: Db): GroupCommit {
  let open = false;
  let scheduled = false;
  let commits = 0;
  let failure: unknown;
  // Prepared once: `exec` compiles its SQL on every call, and `db.transaction(work)` builds four wrapper functions
  // per call. The one wrapper below runs each write in a savepoint of the open transaction (a throw undoes only it),
  // or in a transaction of its own when the caller already holds one that is not ours.
  const beginImmediate = db.prepare("BEGIN IMMEDIATE");
  const commitStatement = db.prepare("COMMIT");
  const rollbackStatement = db.prepare("ROLLBACK");
  const inSavepoint = db.transaction(<T>(work: () => T): T => work());

  const commit = () => {
    if (!open) return;
    open = false;
    try {
      commitStatement.run();
      commits += 1;
    } catch (error) {
      if (db.inTransaction) rollbackStatement.run();
      throw error;
    }
  };
  const commitLater = () => {
    scheduled = false;
    if (!db.open) return;
    try {
      commit();
    } catch (error) {
      // Nobody awaits this commit: the next write or flush reports it, so a lost write is never silent.
      failure = error;
    }
  };
  const raisePending = () => {
    if (failure === undefined) return;
    const error = failure;
    failure = undefined;
    throw error;
  };
  const run = <T>(work: () => T): T => {
    raisePending();
    if (!open) {
      if (db.inTransaction) return inSavepoint(work) as T;
      beginImmediate.run();
      open = true;
    }
    if (!scheduled) {
      scheduled = true;
      setImmediate(commitLater);
    }
    return inSavepoint(work) as T;
  };

  return {
    deferred(work) {
      return run(work);
    },
    durable(work) {
      const result = run(work);
      commit();
      return result;
    },
    flush() {
      raisePending();
      commit();
    },
    get commits() {
      return commits;
    },
  };
}
