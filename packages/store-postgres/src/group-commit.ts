import { ConnectorError } from "@ml-connector/state";
import type pg from "pg";
import { type Db, type Queryable, translateError } from "./database.js";

/**
 * What a unit of the audit store does: `read` sees the open group's writes (it runs in it when there is one, on the
 * pool otherwise); `write` joins the open group (opening one); `durable` joins it and commits it before returning.
 */
export type UnitKind = "read" | "write" | "durable";

/**
 * Group commit for the audit store: the writes of a step (a document's record and its effect begun; the effect done,
 * its attempt, link and status) share one transaction on one connection, committed (one WAL flush) when the step
 * ends, instead of one transaction each.
 *
 * - A unit runs inside a savepoint, so a refused write undoes only itself, never the group's earlier writes.
 * - Units run one after the other, in program order, on the group's connection; `BEGIN`, the savepoint and the unit's
 *   first statement go out together (one round trip on a pipelining client), as do a durable unit and its `COMMIT`
 *   decision.
 * - The group is committed when no unit is waiting at the end of the turn that finished the last one (the caller went
 *   to the network or is done), after `maxUnits` units, by a `durable` unit (an effect begun must be durable before
 *   the external call it announces) and by `flush`.
 * - A commit nobody awaits that fails is reported by the next write or `flush`: a lost write is never silent.
 */
export interface GroupCommit {
  run<T>(kind: UnitKind, work: (on: Queryable) => Promise<T>): Promise<T>;
  /** Commits the open group, if any, after every unit already queued. Throws what a deferred commit threw, once. */
  flush(): Promise<void>;
  /** Write transactions committed so far (for benchmarks and tests). */
  readonly commits: number;
}

/** Units per transaction at most: keeps its savepoints (subtransactions) under the server's per-backend cache of 64. */
const maxUnits = 32;
const savepoint = "mlc_unit";

/**
 * Every unit on the pool, each statement its own transaction, in parallel: what `groupWrites: false` chooses, for a
 * workload where several connections at once matter more than fewer commits.
 */
export function createUngroupedWrites(db: Db): GroupCommit {
  return {
    run: (_kind, work) => work(db.pool),
    flush: async () => {},
    commits: 0,
  };
}

export function createGroupCommit(db: Db): GroupCommit {
  /** The connection holding the open transaction, if any. */
  let client: pg.PoolClient | undefined;
  let units = 0;
  let commits = 0;
  /** Units and commits queued or running: while there are some, a read waits its turn instead of using the pool. */
  let pending = 0;
  let tail: Promise<unknown> = Promise.resolve();
  let idleCheckScheduled = false;
  let failure: unknown;

  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    pending += 1;
    const result = tail.then(job).finally(() => {
      pending -= 1;
    });
    tail = result.catch(() => {});
    return result;
  };

  const raisePending = () => {
    if (failure === undefined) return;
    const error = failure;
    failure = undefined;
    throw error;
  };

  // A connection that breaks while it holds the group (the server restarted, a network cut) reports it here: the
  // pool only listens on idle ones, and an 'error' event nobody listens to would end the process. The unit or commit
  // that uses it next fails and says so.
  const onConnectionError = () => {};
  const checkOut = async () => {
    let connected: pg.PoolClient;
    try {
      connected = await db.pool.connect();
    } catch (error) {
      throw translateError(error);
    }
    connected.on("error", onConnectionError);
    return connected;
  };
  const checkIn = (open: pg.PoolClient, broken: boolean) => {
    open.off("error", onConnectionError);
    open.release(broken);
  };

  /** Ends the open transaction without committing; the connection is destroyed when it cannot even roll back. */
  const abandon = async (open: pg.PoolClient) => {
    client = undefined;
    units = 0;
    let broken = false;
    try {
      await open.query("ROLLBACK");
    } catch {
      broken = true;
    }
    checkIn(open, broken);
  };

  const commit = async () => {
    const open = client;
    if (open === undefined) return;
    client = undefined;
    const grouped = units;
    units = 0;
    let result: pg.QueryResult;
    try {
      result = await open.query("COMMIT");
    } catch (error) {
      checkIn(open, true);
      throw translateError(error);
    }
    checkIn(open, false);
    // COMMIT of a transaction the server had aborted answers ROLLBACK: nothing of the group was kept.
    if (result.command !== "COMMIT") {
      throw new ConnectorError(`PostgreSQL rolled back ${grouped} audit write(s) instead of committing them`, {
        kind: "server",
        details: { command: result.command },
      });
    }
    commits += 1;
  };

  const commitWhenIdle = () => {
    if (idleCheckScheduled) return;
    idleCheckScheduled = true;
    setImmediate(() => {
      idleCheckScheduled = false;
      if (client === undefined || pending > 0) return;
      void enqueue(async () => {
        try {
          await commit();
        } catch (error) {
          failure = error;
        }
      });
    });
  };

  const runUnit = async <T>(kind: UnitKind, work: (on: Queryable) => Promise<T>): Promise<T> => {
    if (kind !== "read") raisePending();
    if (kind === "read" && client === undefined) return work(db.pool);
    let begin: Promise<unknown> | undefined;
    if (client === undefined) {
      client = await checkOut();
      begin = client.query("BEGIN");
    }
    const open = client;
    const earlierUnits = units;
    units += 1;
    let result: T;
    try {
      // Sent together: on a pipelining client, one round trip for BEGIN, the savepoint and the first statement.
      const started = open.query(`SAVEPOINT ${savepoint}`);
      const done = work(open);
      [, , result] = await Promise.all([begin, started, done]);
    } catch (error) {
      try {
        await open.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      } catch {
        // The transaction itself is lost (the connection broke, or BEGIN failed): so are the group's earlier writes.
        await abandon(open);
        if (earlierUnits > 0) {
          failure = new ConnectorError(`PostgreSQL lost ${earlierUnits} audit write(s) of an uncommitted group`, {
            kind: "connection",
            cause: error,
          });
        }
      }
      commitWhenIdle();
      throw translateError(error);
    }
    if (kind === "durable" || units >= maxUnits) await commit();
    else commitWhenIdle();
    return result;
  };

  return {
    run(kind, work) {
      // Nothing queued and no open group: a read goes straight to the pool, in parallel with other reads.
      if (kind === "read" && client === undefined && pending === 0) {
        return work(db.pool);
      }
      return enqueue(() => runUnit(kind, work));
    },
    flush() {
      return enqueue(async () => {
        raisePending();
        await commit();
      });
    },
    get commits() {
      return commits;
    },
  };
}
