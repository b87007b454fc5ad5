import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import {
  type ConnectorStores,
  createConnector,
  createMemoryStores,
  type FlowName,
  type X3SalesOrder,
} from "@ml-connector/sync-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProcessLife } from "./support/crash.js";
import { MemoryMailbox, MemoryX3 } from "./support/memory-systems.js";
import { MemoryInbox, MemoryX3Changes, type WorldClock } from "./support/memory-x3-changes.js";

// Model-based test of the outbound cursor and look-back (docs/reliability.md), through the real acks-out flow: fast-check draws
// an X3 history (sales orders re-allocated again and again and changed back, second-precision UPDDATTIM so records
// tie and several versions of one order share a stamp, transactions committed late with a stamp older than the cursor
// or after an earlier version with the same stamp was read, X3's clock skewed against the connector's, pages of 1-3
// records, X3 users acting between page reads) and connector runs that crash at any operation (a page read, a store
// call, an upload; before it or after it took effect) and restart. After the history ends and runs without crashes settle it:
// - nothing lost: each order's newest 855 in SPS in/ says what X3 holds now (its final allocation);
// - nothing twice: each order's posted 855s are revisions 1..k, one document and one file each, SPS holds no file the
//   audit store does not know as posted, and two consecutive revisions carry the same content only when other content
//   may have reached SPS under the second's name in between (a superseded upload cut short by a crash or a failure).
// MODEL_SEED, MODEL_RUNS and MODEL_PATH (from a failure's report) replay or widen the search.

const LOOKBACK_MS = 20_000;
const SAFETY_LAG_MS = 5_000;
const LOCK_TTL_MS = 3_000;
/** Late commits stay within what the look-back covers beyond the safety lag (docs/reliability.md). */
const MAX_LATE_MS = LOOKBACK_MS - SAFETY_LAG_MS;
/** X3's clock against the connector's: up to the safety lag less the one second of UPDDATTIM precision. */
const MAX_SKEW_MS = SAFETY_LAG_MS - 1_000;
const LINE_QUANTITIES = [4, 3];

/** What an X3 user does to an order's allocation. */
type Allocation =
  /** Allocated quantity per line (clamped to the line's quantity). */
  | number[]
  /** Back to the allocation before the order's last change (an undo). */
  | "undo"
  /** A touch that changes no 855 content. */
  | undefined;

interface Version {
  allocated: Allocation;
  /** The transaction commits this long after its stamp (0: at once). */
  lateMs: number;
}

interface Change extends Version {
  order: number;
  /** More versions of the order written right after, in the same second (same UPDDATTIM), each maybe committed late. */
  again: Version[];
}

interface Step {
  /** Time that passes before this step. */
  advanceMs: number;
  /** X3 users' changes before the run. */
  changes: Change[];
  /** X3 users' changes between two page reads of the run. */
  midRun: { beforePage: number; changes: Change[]; advanceMs: number } | undefined;
  pageSize: number;
  /** The run's process dies at this operation (undefined: it does not crash). */
  crashAt: number | undefined;
  /** The fatal operation took effect before the process died (the answer is lost). */
  after: boolean;
}

const versionArbitrary: fc.Arbitrary<Version> = fc.record({
  allocated: fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 })) },
    { weight: 4, arbitrary: fc.constant("undo" as const) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  lateMs: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_LATE_MS }) },
  ),
});

const changeArbitrary = (orders: number): fc.Arbitrary<Change> =>
  fc
    .record({
      order: fc.integer({ min: 0, max: orders - 1 }),
      version: versionArbitrary,
      again: fc.oneof(
        { weight: 3, arbitrary: fc.constant<Version[]>([]) },
        { weight: 1, arbitrary: fc.array(versionArbitrary, { minLength: 1, maxLength: 2 }) },
      ),
    })
    .map(({ order, version, again }) => ({ order, ...version, again }));

const stepArbitrary = (orders: number): fc.Arbitrary<Step> =>
  fc.record({
    advanceMs: fc.integer({ min: 0, max: 8_000 }),
    changes: fc.array(changeArbitrary(orders), { maxLength: 4 }),
    midRun: fc.option(
      fc.record({
        beforePage: fc.integer({ min: 1, max: 4 }),
        changes: fc.array(changeArbitrary(orders), { minLength: 1, maxLength: 2 }),
        advanceMs: fc.integer({ min: 0, max: 3_000 }),
      }),
      { nil: undefined },
    ),
    pageSize: fc.integer({ min: 1, max: 3 }),
    // Short runs crash too: half the crash points fall within the first 40 operations.
    crashAt: fc.option(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 160 })), {
      nil: undefined,
      freq: 2,
    }),
    after: fc.boolean(),
  });

const historyArbitrary = fc
  .record({ orders: fc.integer({ min: 2, max: 4 }), skewMs: fc.integer({ min: -MAX_SKEW_MS, max: MAX_SKEW_MS }) })
  .chain(({ orders, skewMs }) =>
    fc.record({
      orders: fc.constant(orders),
      skewMs: fc.constant(skewMs),
      steps: fc.array(stepArbitrary(orders), { minLength: 1, maxLength: 10 }),
    }),
  );

interface World {
  clock: WorldClock;
  skewMs: number;
  base: ConnectorStores;
  mailbox: MemoryMailbox;
  x3Orders: MemoryX3;
  x3: MemoryX3Changes;
  inbox: MemoryInbox;
}

async function runProcess(world: World, flow: FlowName, life: ProcessLife): Promise<void> {
  const now = () => new Date(world.clock.now + world.skewMs);
  const connector = createConnector({
    stores: life.stores(world.base),
    orderSource: life.wrap(world.mailbox),
    orderGateway: life.wrap(world.x3Orders),
    changeFeed: world.x3.feedFor(life),
    documentSink: world.inbox.sinkFor(life),
    mappings: acmeMappings,
    lockTtlMs: LOCK_TTL_MS,
    flows: {
      "acks-out": {
        now,
        lookbackMs: LOOKBACK_MS,
        safetyLagMs: SAFETY_LAG_MS,
        startFrom: "2026-11-28T09:00:00Z",
        concurrency: 2,
      },
      "asns-out": { enabled: false },
      "invoices-out": { enabled: false },
    },
  });
  try {
    await connector.runOnce(flow);
  } catch {
    // A crashed process's run ends however it ends: what counts is what reached the stores and SPS.
  }
}

/** The X3 sales order of source order i as an X3 user leaves it: confirmed, with this allocation. */
function salesOrderOf(world: World, key: string, allocated: readonly number[]): Omit<X3SalesOrder, "updatedAt"> {
  const draft = world.x3Orders.orders.get(key);
  if (!draft) throw new Error(`no X3 order ${key}`);
  return {
    key,
    customer: draft.counterparty,
    reference: draft.poNumber,
    orderDate: draft.orderDate,
    site: draft.site,
    confirmed: true,
    allocation: "partial",
    closed: false,
    lines: draft.lines.map((line, index) => ({
      lineNumber: (index + 1) * 1000,
      itemRef: line.itemRef,
      quantity: line.quantity,
      allocatedQuantity: Math.min(line.quantity, allocated[index] ?? 0),
      deliveredQuantity: 0,
      unitPrice: line.unitPrice,
      closed: false,
    })),
  };
}

/** What an 855 must say about a line: the allocated part accepted (IA), the rest backordered (IB). */
function expectedAck(allocated: readonly number[]): string[][] {
  return LINE_QUANTITIES.map((quantity, index) => {
    const accepted = Math.min(quantity, allocated[index] ?? 0);
    const entries: string[] = [];
    if (accepted > 0) entries.push(`IA ${accepted}`);
    if (quantity - accepted > 0) entries.push(`IB ${quantity - accepted}`);
    return entries;
  });
}

function ackOf(bytes: Uint8Array): string[][] {
  const document = JSON.parse(new TextDecoder().decode(bytes)) as {
    LineItem: { LineItemAcknowledgement: { ItemStatusCode: string; ItemScheduleQty: number }[] }[];
  };
  return document.LineItem.map((item) =>
    item.LineItemAcknowledgement.map((ack) => `${ack.ItemStatusCode} ${ack.ItemScheduleQty}`),
  );
}

describe("model: the outbound cursor and look-back under crashes, late commits, ties and clock skew", () => {
  it("publishes every sales order's 855 exactly once per revision, never losing the latest state", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async ({ orders, skewMs, steps }) => {
        const clock: WorldClock = { now: Date.parse("2026-11-28T10:00:00Z") };
        const world: World = {
          clock,
          skewMs,
          base: createMemoryStores({ clock: { now: () => clock.now + skewMs } }),
          mailbox: new MemoryMailbox(),
          x3Orders: new MemoryX3(),
          x3: new MemoryX3Changes(clock),
          inbox: new MemoryInbox(),
        };
        // The 850s come in first (the ledger model covers orders-in under crashes).
        for (let i = 0; i < orders; i += 1) {
          const po = `OC${String(i + 1).padStart(3, "0")}`;
          const lines = LINE_QUANTITIES.map((qty, index) => ({ vendorPart: `WID-00${index + 1}`, qty, price: 4.5 }));
          world.mailbox.put(`PO${po}-v7.7-BulkImport.json`, bytesOf(make850({ po, lines })));
        }
        await runProcess(world, "orders-in", new ProcessLife(undefined, false));
        const keys = [...world.x3Orders.orders.keys()].sort();
        expect(keys).toHaveLength(orders);

        /** Each order's allocation as X3 users last wrote it (committed or not), and the one before it. */
        const allocation = new Map<string, number[]>();
        const before = new Map<string, number[]>();
        const write = (key: string, version: Version) => {
          const current = allocation.get(key) ?? [0, 0];
          const allocated = version.allocated === "undo" ? (before.get(key) ?? [0, 0]) : (version.allocated ?? current);
          if (version.allocated !== undefined) before.set(key, current);
          allocation.set(key, allocated);
          world.x3.write(salesOrderOf(world, key, allocated), version.lateMs);
        };
        const apply = (change: Change) => {
          const key = keys[change.order] as string;
          write(key, change);
          // No time passes: these versions share the first one's UPDDATTIM (unless the row lock makes them wait).
          for (const version of change.again) write(key, version);
        };

        for (const step of steps) {
          clock.now += step.advanceMs;
          for (const change of step.changes) apply(change);
          world.x3.pageSize = step.pageSize;
          const midRun = step.midRun;
          world.x3.beforePage = midRun
            ? (pageIndex) => {
                if (pageIndex !== midRun.beforePage) return;
                clock.now += midRun.advanceMs;
                for (const change of midRun.changes) apply(change);
              }
            : undefined;
          const life = new ProcessLife(step.crashAt, step.after);
          await runProcess(world, "acks-out", life);
          // The restart comes after the crashed holder's lock ran out.
          if (life.dead) clock.now += LOCK_TTL_MS + 1;
        }

        // The history ends: every transaction commits, and runs without crashes catch up.
        world.x3.beforePage = undefined;
        world.x3.commitAll();
        for (let i = 0; i < 3; i += 1) {
          clock.now += SAFETY_LAG_MS + MAX_SKEW_MS + 1_000;
          await runProcess(world, "acks-out", new ProcessLife(undefined, false));
        }

        expect(await world.base.audit.listInProgress()).toEqual([]);
        const postedNames = new Set<string>();
        for (const key of keys) {
          const { items } = await world.base.audit.findDocuments({ x3Key: key, type: "855", limit: 100 });
          const posted = items.filter((d) => d.status === "posted").sort((a, b) => a.revision - b.revision);
          const final = allocation.get(key);
          const label = `${key}: posted revisions ${JSON.stringify(posted.map((d) => d.revision))}`;
          if (final === undefined) {
            // X3 never showed this order to the connector: nothing to acknowledge.
            expect(posted, label).toEqual([]);
            continue;
          }
          // Nothing twice: revisions 1..k, one posted document each, consecutive ones differ.
          expect(
            posted.map((d) => d.revision),
            label,
          ).toEqual(posted.map((_, i) => i + 1));
          for (let i = 1; i < posted.length; i += 1) {
            if (posted[i]?.metadata?.contentHash !== posted[i - 1]?.metadata?.contentHash) continue;
            // The same content again is right only when other content may have reached SPS under this revision's
            // name in between: a superseded document of this revision whose upload had begun (a crash or a failed
            // upload leaves it unknown whether SPS got it), so this one overwrites it.
            const superseded = items.filter((d) => d.revision === i + 1 && d.status === "ignored");
            const begun = await Promise.all(
              superseded.map((d) => world.base.audit.getEffect(`acks-out:upload:${d.id}`)),
            );
            expect(
              begun.some((effect) => effect !== undefined),
              `${label}: revision ${i + 1} repeats ${i} with nothing sent in between`,
            ).toBe(true);
          }
          for (const document of posted) {
            const name = `in/${document.fileName}`;
            postedNames.add(name);
            const stored = await world.base.audit.getPayload(document.id);
            expect(world.inbox.files.get(name), `${name} in SPS`).toEqual(stored);
          }
          // Nothing lost: the newest 855 says what X3 holds now.
          const newest = posted[posted.length - 1];
          expect(newest, `${key}: no 855 posted for allocation ${JSON.stringify(final)}`).toBeDefined();
          const bytes = world.inbox.files.get(`in/${newest?.fileName}`);
          expect(bytes && ackOf(bytes), `${label}: the newest 855`).toEqual(expectedAck(final));
        }
        // SPS holds no file the audit store does not know as posted.
        expect([...world.inbox.files.keys()].sort()).toEqual([...postedNames].sort());
      }),
      {
        numRuns: Number(process.env.MODEL_RUNS ?? 120),
        seed: Number(process.env.MODEL_SEED ?? 20261128),
        endOnFailure: true,
      },
    );
  }, 120_000);
});
