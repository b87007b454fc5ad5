import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  acmeSandboxMappings,
  bytesOf,
  fileNameOf,
  make850,
  type SandboxPair,
  startSandboxPair,
} from "@ml-connector/sandbox";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPostgresStores, type PostgresStores } from "../../src/index.js";
import { usePostgresDatabase } from "../support/postgres-server.js";
import type { InstanceConfig } from "./instance-process.js";

// Three connector processes share one PostgreSQL store and one SPS mailbox, with work claims on (see
// docs/multiple-instances.md). One of them is SIGKILLed mid-run; the claims it held are taken over once their lease
// expires. At the end every PO is in X3 exactly once and every file was handled by one instance.

const ORDERS = Number(process.env.MULTI_INSTANCE_ORDERS ?? 1000);
const LEASE_MS = 5_000;
const instanceScript = fileURLToPath(new URL("./instance-process.ts", import.meta.url));

interface RunningInstance {
  id: string;
  child: ChildProcess;
  created: string[];
  runs: number;
  exited: Promise<number | null>;
}

describe("three instances on one PostgreSQL store (orders-in, work claims)", () => {
  const database = usePostgresDatabase();
  let pair: SandboxPair;
  const instances: RunningInstance[] = [];

  beforeAll(async () => {
    pair = await startSandboxPair();
  });
  afterAll(async () => {
    for (const instance of instances) instance.child.kill("SIGKILL");
    await Promise.all(instances.map((instance) => instance.exited));
    await pair?.close();
  });

  const startInstance = (id: string): RunningInstance => {
    const config: InstanceConfig = {
      instanceId: id,
      databaseUrl: database.url,
      leaseMs: LEASE_MS,
      // The sandboxes answer at once (no injected latency): nothing a killed instance sent can land a lease later.
      inDoubtWindowMs: LEASE_MS,
      concurrency: 4,
      clients: pair.clients,
      mappings: acmeSandboxMappings,
    };
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=ml-connector-source", instanceScript], {
      env: { ...process.env, INSTANCE_CONFIG: JSON.stringify(config) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const instance: RunningInstance = {
      id,
      child,
      created: [],
      runs: 0,
      exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    };
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const message = JSON.parse(line) as { created?: string; run?: unknown };
      if (message.created) instance.created.push(message.created);
      if (message.run) instance.runs += 1;
    });
    instances.push(instance);
    return instance;
  };

  it(`${ORDERS} POs, three instances at once, one SIGKILLed mid-run: each PO created once, each file handled once`, async () => {
    for (let i = 0; i < ORDERS; i += 1) {
      const po = `PO-M${String(i).padStart(5, "0")}`;
      pair.sps.mailbox.putOutbound(fileNameOf({ po }), bytesOf(make850({ po })));
    }
    // Migrate once up front, as a deployment's first start would (concurrent starts are covered by the migration tests).
    const observer = await createPostgresStores({ connectionString: database.url });
    try {
      await observer.audit.listInProgress();
      const [a, b, c] = ["a", "b", "c"].map(startInstance) as [RunningInstance, RunningInstance, RunningInstance];

      // Kill b once it is well into the work, at an instant it holds file claims: it is paused (SIGSTOP) while its
      // claims are read, so that what is read is what it dies with; between two pages it may hold none, then it
      // resumes until it has created one more order and the check is made again.
      const killAfter = Math.max(10, Math.floor(ORDERS / 10));
      await waitFor(() => b.created.length >= killAfter, 240_000, "instance b to create orders");
      let heldByB: { name: string; expiresAt: Date }[] = [];
      for (let attempt = 0; attempt < 500 && heldByB.length === 0; attempt += 1) {
        b.child.kill("SIGSTOP");
        heldByB = await liveFileClaims(observer, "b");
        if (heldByB.length === 0) {
          const before = b.created.length;
          b.child.kill("SIGCONT");
          await waitFor(() => b.created.length > before, 60_000, "instance b to create one more order");
        }
      }
      b.child.kill("SIGKILL");
      await b.exited;
      const killedAt = Date.now();
      // b died holding claims, which last no longer than one lease.
      expect(heldByB.length).toBeGreaterThan(0);
      for (const claim of heldByB) expect(claim.expiresAt.getTime() - killedAt).toBeLessThanOrEqual(LEASE_MS);

      await waitFor(() => pair.sps.mailbox.paths("out").length === 0, 300_000, "the mailbox to be empty");
      // The files b died holding were finished by the others (or by a delete b sent just before it stopped): each PO
      // is in X3 once and each file handled once, below. That a claim is taken over only once it ran out is the
      // work-claims tests' concern, with a clock: this process's clock cannot tell it (the others' answers and the
      // sandbox's deletes come in their own time).

      // Each PO exactly once in X3.
      const orders = pair.x3.data.list("SORDER") as { CUSORDREF?: string }[];
      const references = orders.map((order) => order.CUSORDREF);
      expect(orders).toHaveLength(ORDERS);
      expect(new Set(references).size).toBe(ORDERS);
      expect(pair.x3.counters.get("x3:create") ?? 0).toBe(ORDERS);

      // Each file recorded once in the audit trail, settled, and nothing left in progress.
      const documents = await allDocuments(observer);
      expect(documents).toHaveLength(ORDERS);
      expect(new Set(documents.map((document) => document.fileName)).size).toBe(ORDERS);
      expect(documents.filter((document) => document.status !== "created")).toEqual([]);
      expect(await observer.audit.listInProgress()).toEqual([]);

      // The work was shared: each instance created orders; the survivors created all that b did not.
      const createdBy = { a: a.created.length, b: b.created.length, c: c.created.length };
      console.log(
        `multi-instance: ${ORDERS} POs, created by instance ${JSON.stringify(createdBy)}, b killed holding ${heldByB.length} file claims`,
      );
      expect(a.created.length).toBeGreaterThan(0);
      expect(c.created.length).toBeGreaterThan(0);
      expect(createdBy.a + createdBy.b + createdBy.c).toBeGreaterThanOrEqual(ORDERS - heldByB.length);
    } finally {
      await observer.close();
    }
  }, 600_000);
});

/** Waits for a condition on the children's progress (vitest polls it), failing with what was awaited. */
async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error(`Timed out waiting for ${what}`);
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

/** The file claims an instance holds right now (live leases), read from the store's locks table. */
async function liveFileClaims(stores: PostgresStores, owner: string): Promise<{ name: string; expiresAt: Date }[]> {
  const result = await stores.pool.query<{ name: string; expires_at: Date }>(
    `SELECT name, expires_at FROM ${stores.schema}.locks
      WHERE owner = $1 AND name LIKE 'orders-in:file:%' AND expires_at > now()`,
    [owner],
  );
  return result.rows.map((row) => ({ name: row.name, expiresAt: row.expires_at }));
}

async function allDocuments(stores: PostgresStores) {
  const documents = [];
  let cursor: string | undefined;
  do {
    const page = await stores.audit.findDocuments({ type: "850", limit: 1000, cursor });
    documents.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return documents;
}
