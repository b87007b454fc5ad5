import { receivedOrder, settleCreatedOrder } from "@ml-connector/state/testing";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresStores, type PostgresStoresOptions } from "../src/index.js";
import { freshSchema, usePostgresDatabase } from "./support/postgres-server.js";

const database = usePostgresDatabase();

const received = receivedOrder({ payload: new Uint8Array([1, 2, 3]) });

interface Sent {
  text: string;
  name: string | undefined;
  pid: number;
}

/**
 * A pool (pipelining, as the store's own) whose clients report what the server sees: every statement, the write
 * transactions committed (a COMMIT, or a write outside BEGIN..COMMIT), and the round trips a caller waited for (a
 * statement sent while none of its connection's statements was in flight; the ones sent with it share that trip).
 */
function countingPool() {
  const pool = new pg.Pool({ connectionString: database.url, max: 4, pipeline: true });
  // An idle connection the tests cut must not end the process.
  pool.on("error", () => {});
  const sent: Sent[] = [];
  const counts = { transactions: 0, roundTrips: 0 };
  /** Called before each statement is sent, e.g. to cut the connection under it. */
  const hooks: { beforeSend?: ((text: string, client: pg.PoolClient) => void) | undefined } = {};
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let inFlight = 0;
    let inTransaction = false;
    const done = () => {
      inFlight -= 1;
    };
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const config = args[0] as string | pg.QueryConfig;
      const text = (typeof config === "string" ? config : config.text).trim();
      const name = typeof config === "string" ? undefined : config.name;
      sent.push({ text, name, pid: (client as unknown as { processID: number }).processID });
      hooks.beforeSend?.(text, client as pg.PoolClient);
      if (text === "BEGIN") inTransaction = true;
      else if (text === "COMMIT" || text === "ROLLBACK") {
        if (text === "COMMIT") counts.transactions += 1;
        inTransaction = false;
      } else if (!inTransaction && /^(INSERT|UPDATE|DELETE|WITH)/i.test(text) && /INSERT|UPDATE|DELETE/.test(text)) {
        counts.transactions += 1;
      }
      if (inFlight === 0) counts.roundTrips += 1;
      inFlight += 1;
      const callback = args.findIndex((arg) => typeof arg === "function");
      if (callback >= 0) {
        const original = args[callback] as (...results: unknown[]) => void;
        args[callback] = (...results: unknown[]) => {
          done();
          original(...results);
        };
        return query(...args);
      }
      const result = query(...args) as Promise<unknown>;
      result.then(done, done);
      return result;
    };
  });
  return { pool, sent, counts, hooks };
}

const opened: { close(): Promise<void> }[] = [];
const pools: pg.Pool[] = [];
afterEach(async () => {
  for (const stores of opened.splice(0)) await stores.close();
  for (const pool of pools.splice(0)) await pool.end();
});

async function open(options: Partial<PostgresStoresOptions> = {}) {
  const counting = countingPool();
  pools.push(counting.pool);
  const stores = await createPostgresStores({
    pool: counting.pool,
    schema: freshSchema(),
    groupWrites: true,
    ...options,
  });
  opened.push(stores);
  return { stores, ...counting };
}

/** Resolves once `condition` holds, checking after each turn of the event loop. */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe("PostgreSQL audit writes: one transaction per step", () => {
  it("commits an 850's record with its effect begun, then its outcome: two transactions, BEGIN sent with the first write", async () => {
    const { stores, counts } = await open();
    const before = { ...counts };
    const document = await stores.audit.recordDocument(received);
    await stores.audit.beginEffect("create:ACME:PO1", { operation: "x3.create", documentId: document.id });
    // The effect is committed, with the record, before beginEffect returns: before the X3 call.
    expect(counts.transactions - before.transactions).toBe(1);
    // BEGIN + savepoint + insert; savepoint + insert; COMMIT.
    expect(counts.roundTrips - before.roundTrips).toBe(3);
    const other = await createPostgresStores({ connectionString: database.url, schema: stores.schema });
    try {
      expect((await other.audit.getEffect("create:ACME:PO1"))?.state).toBe("in-progress");
      expect((await other.audit.getDocument(document.id))?.status).toBe("received");
    } finally {
      await other.close();
    }

    const step = { ...counts };
    await settleCreatedOrder(stores.audit, document.id, "create:ACME:PO1", "SO1");
    expect(counts.roundTrips - step.roundTrips).toBe(4);
    await stores.audit.flush();
    expect(counts.transactions - before.transactions).toBe(2);
    expect(stores.auditTransactions).toBe(2);
    await stores.audit.flush();
    expect(counts.transactions - before.transactions).toBe(2);
    expect(counts.roundTrips - step.roundTrips).toBe(5);
  });

  it("commits writes nobody flushes once the step ends, and on close", async () => {
    const { stores, counts } = await open();
    const before = counts.transactions;
    const document = await stores.audit.recordDocument(received);
    await until(() => stores.auditTransactions === 1);
    expect(counts.transactions - before).toBe(1);
    await stores.audit.updateDocument(document.id, { status: "rejected" });
    await stores.close();
    expect(counts.transactions - before).toBe(2);
    const again = await createPostgresStores({ connectionString: database.url, schema: stores.schema });
    try {
      expect((await again.audit.getDocument(document.id))?.status).toBe("rejected");
    } finally {
      await again.close();
    }
  });

  it("reads see the open group's writes; a statement the server refuses undoes only itself", async () => {
    const { stores, counts } = await open();
    const before = counts.transactions;
    const document = await stores.audit.recordDocument(received);
    expect((await stores.audit.getDocument(document.id))?.status).toBe("received");
    // PostgreSQL refuses a NUL character in text: the update fails, the record before it stays.
    await expect(stores.audit.updateDocument(document.id, { x3Key: "SO\u00001" })).rejects.toMatchObject({
      kind: "validation",
    });
    await stores.audit.recordAttempt(document.id, { operation: "x3.create", outcome: "success" });
    await stores.audit.flush();
    expect(counts.transactions - before).toBe(1);
    const other = await createPostgresStores({ connectionString: database.url, schema: stores.schema });
    try {
      expect(await other.audit.getDocument(document.id)).toMatchObject({ status: "received" });
      expect(await other.audit.listAttempts(document.id)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("reports writes lost with their connection at the next write or flush, never silently", async () => {
    const { stores, hooks } = await open();
    // The network cut just as the group's COMMIT leaves: nobody awaits that commit.
    hooks.beforeSend = (text, client) => {
      if (text !== "COMMIT") return;
      hooks.beforeSend = undefined;
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    };
    await stores.audit.recordDocument(received);
    await until(() => hooks.beforeSend === undefined);
    await expect(stores.audit.flush()).rejects.toMatchObject({ kind: "connection" });
    // Reported once; the store goes on with a new connection.
    const later = await stores.audit.recordDocument({ ...received, naturalKey: "850:ACME:PO2" });
    await stores.audit.flush();
    expect((await stores.audit.findDocuments()).items.map((item) => item.id)).toEqual([later.id]);
  });
});

describe("preparedStatements", () => {
  it("names statements by default and never with preparedStatements: false (PgBouncer without tracking)", async () => {
    const named = await open();
    await named.stores.audit.recordDocument(received);
    await named.stores.sequences.next("s");
    expect(named.sent.filter((statement) => statement.name !== undefined).length).toBeGreaterThan(0);

    const unnamed = await open({ preparedStatements: false });
    const document = await unnamed.stores.audit.recordDocument(received);
    await unnamed.stores.audit.beginEffect("create:ACME:PO1", { operation: "x3.create", documentId: document.id });
    expect(await unnamed.stores.sequences.next("s")).toBe(1);
    await unnamed.stores.cursors.set({ flow: "f", source: "s" }, { at: "x" });
    expect((await unnamed.stores.audit.getDocument(document.id))?.status).toBe("received");
    expect(unnamed.sent.length).toBeGreaterThan(5);
    expect(unnamed.sent.filter((statement) => statement.name !== undefined)).toEqual([]);
  });

  it("refuses a preparedStatements that is not a boolean", async () => {
    await expect(
      createPostgresStores({ connectionString: database.url, preparedStatements: "no" as unknown as boolean }),
    ).rejects.toMatchObject({ kind: "configuration" });
  });
});
