import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { type ConnectorStores, createConnector, createMemoryStores, type FlowName } from "@ml-connector/sync-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProcessLife } from "./support/crash.js";
import { MemoryMailbox, MemoryX3 } from "./support/memory-systems.js";

// Model-based: fast-check draws a history (files arriving, runs that crash at any operation, before or after it took
// effect, restarts) and the model says what must hold at the end, after runs without crashes: every good file is one
// X3 order, every bad one a rejection, nothing twice, nothing left in out/, no ledger entry left in progress.

const LOCK_TTL_MS = 60_000;

interface Step {
  /** New files that arrive before this run: good orders, and bad ones (an unknown item). */
  arrivals: { good: boolean }[];
  /** The run's process dies at this operation (undefined: it does not crash). */
  crashAt: number | undefined;
  /** The fatal operation took effect before the process died (the answer is lost). */
  after: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  arrivals: fc.array(fc.record({ good: fc.integer({ min: 0, max: 4 }).map((n) => n > 0) }), { maxLength: 4 }),
  crashAt: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
  after: fc.boolean(),
});

async function runProcess(
  flow: FlowName,
  base: ConnectorStores,
  mailbox: MemoryMailbox,
  x3: MemoryX3,
  life: ProcessLife,
): Promise<void> {
  const connector = createConnector({
    stores: life.stores(base),
    orderSource: life.wrap(mailbox),
    orderGateway: life.wrap(x3),
    mappings: acmeMappings,
    lockTtlMs: LOCK_TTL_MS,
    flows: { "orders-in": { concurrency: 3 } },
  });
  try {
    await connector.runOnce(flow);
  } catch {
    // A crashed process's run ends however it ends: what counts is what reached the stores.
  }
}

describe("model: the orders-in ledger under crashes and restarts", () => {
  it("never loses or duplicates a document, whatever the interleaving of pages, effects and crashes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 8 }), async (steps) => {
        let now = Date.parse("2026-11-28T10:00:00Z");
        const base = createMemoryStores({ clock: { now: () => now } });
        const mailbox = new MemoryMailbox();
        const x3 = new MemoryX3();
        const sent: { po: string; good: boolean; fileName: string }[] = [];
        for (const step of steps) {
          for (const arrival of step.arrivals) {
            const po = `M${String(sent.length + 1).padStart(3, "0")}`;
            const fileName = `PO${po}-v7.7-BulkImport.json`;
            const lines = arrival.good ? undefined : [{ vendorPart: "UNKNOWN-1", qty: 1 }];
            mailbox.put(fileName, bytesOf(make850({ po, ...(lines ? { lines } : {}) })));
            sent.push({ po, good: arrival.good, fileName });
          }
          await runProcess("orders-in", base, mailbox, x3, new ProcessLife(step.crashAt, step.after));
          // The restart comes after the crashed holder's lease ran out.
          now += LOCK_TTL_MS + 1;
        }
        // Runs without crashes settle everything.
        for (let i = 0; i < 2; i += 1) {
          await runProcess("orders-in", base, mailbox, x3, new ProcessLife(undefined, false));
          now += LOCK_TTL_MS + 1;
        }

        expect([...mailbox.files.keys()]).toEqual([]);
        expect(await base.audit.listInProgress()).toEqual([]);
        const orders = [...x3.orders.values()];
        for (const file of sent) {
          const matching = orders.filter((o) => o.poNumber === file.po);
          expect(matching.length, `${file.po}: X3 orders`).toBe(file.good ? 1 : 0);
          const { items } = await base.audit.findDocuments({ fileName: file.fileName });
          const settled = items.filter((d) => d.status === (file.good ? "created" : "rejected"));
          expect(settled.length, `${file.po}: settled documents ${JSON.stringify(items.map((d) => d.status))}`).toBe(1);
          if (file.good) expect(settled[0]?.x3Key).toBe(matching[0]?.key);
        }
        expect(orders).toHaveLength(sent.filter((f) => f.good).length);
      }),
      { numRuns: 150, seed: 20261128, endOnFailure: true },
    );
  }, 120_000);
});
