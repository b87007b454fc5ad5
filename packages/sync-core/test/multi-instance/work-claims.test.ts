import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { ConnectorError } from "@ml-connector/transport";
import { describe, expect, it, vi } from "vitest";
import { type ConnectorStores, createConnector, createMemoryStores } from "../../src/index.js";
import type { OrderDraft, OrderGateway, OrderRef } from "../../src/ports/order-gateway.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";
import { createKillSwitch } from "../support/kill-switch.js";
import { manualClock } from "../support/manual-clock.js";

// Several connector instances over one store and one mailbox (`workClaims`), in one process: the logic of claiming.
// The same over PostgreSQL with real processes and SIGKILL is in packages/store-postgres/test/multi-instance.

/** Lets the event loop turn (no timer: nothing here depends on how fast the machine is). */
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/** X3 that answers on a later turn of the event loop, so that instances interleave as they would over a network. */
class SlowX3 extends MemoryX3 {
  creating = 0;
  override async find(kind: OrderDraft["kind"], counterparty: string, poNumber: string) {
    await yieldToEventLoop();
    return super.find(kind, counterparty, poNumber);
  }
  override async create(draft: OrderDraft): Promise<OrderRef> {
    this.creating += 1;
    try {
      await yieldToEventLoop();
      await yieldToEventLoop();
      return await super.create(draft);
    } finally {
      this.creating -= 1;
    }
  }
}

function instance(
  name: string,
  stores: ConnectorStores,
  mailbox: MemoryMailbox,
  gateway: OrderGateway,
  // The stores' clocks are manual in these tests: a lease expires only when a test advances the clock past it.
  leaseMs = 5_000,
) {
  return createConnector({
    stores,
    orderSource: mailbox,
    orderGateway: gateway,
    mappings: acmeMappings,
    instanceId: name,
    workClaims: { leaseMs },
    flows: { "orders-in": { concurrency: 4 } },
  });
}

async function expectEachPoOnce(stores: ConnectorStores, x3: MemoryX3, mailbox: MemoryMailbox, count: number) {
  expect(x3.orders.size).toBe(count);
  const references = [...x3.orders.values()].map((order) => order.poNumber);
  expect(new Set(references).size).toBe(count);
  expect(mailbox.files.size).toBe(0);
  expect(await stores.audit.listInProgress()).toEqual([]);
  const documents = await stores.audit.findDocuments({ type: "850", limit: 1000 });
  // One audit document per file: no file was handled by two instances.
  expect(documents.items).toHaveLength(count);
  expect(new Set(documents.items.map((document) => document.fileName)).size).toBe(count);
  expect(documents.items.every((document) => document.status === "created")).toBe(true);
}

describe("several instances on one store: work claims", () => {
  it("three instances run orders-in at the same time: each file handled by one of them, each PO created once", async () => {
    const stores = createMemoryStores({ clock: manualClock() });
    const mailbox = new MemoryMailbox();
    const x3 = new SlowX3();
    const count = 150;
    for (let i = 0; i < count; i += 1) mailbox.put(`PO${8000 + i}.json`, bytesOf(make850({ po: String(8000 + i) })));

    // Each instance's first create waits until all three have one in flight: this can only finish if the instances
    // work side by side (one holding a flow lock while the others wait would never get there), whatever the timing.
    const names = ["a", "b", "c"];
    const firstCreates = new Set<string>();
    let allCreating: () => void = () => undefined;
    const allThreeCreating = new Promise<void>((resolve) => {
      allCreating = resolve;
    });
    const gatewayOf = (name: string): OrderGateway => ({
      find: (kind, counterparty, poNumber) => x3.find(kind, counterparty, poNumber),
      replace: (order, draft) => x3.replace(order, draft),
      close: (order) => x3.close(order),
      async create(draft) {
        if (!firstCreates.has(name)) {
          firstCreates.add(name);
          if (firstCreates.size === names.length) allCreating();
          await allThreeCreating;
        }
        return x3.create(draft);
      },
    });
    const instances = names.map((name) => instance(name, stores, mailbox, gatewayOf(name)));
    const summaries = await Promise.all(instances.map((connector) => connector.runOnce("orders-in")));

    for (const summary of summaries) expect(summary.skipped).toBeUndefined();
    const created = summaries.map((summary) => summary.outcomes.created ?? 0);
    expect(created.reduce((a, b) => a + b, 0)).toBe(count);
    expect([...firstCreates].sort()).toEqual(names);
    expect(x3.calls.create).toBe(count);
    await expectEachPoOnce(stores, x3, mailbox, count);
    // Every claim was released.
    expect(await stores.locks.holder("orders-in:file:PO8000.json")).toBeUndefined();
  });

  it("a PO another instance holds is counted as claimed_elsewhere, and its file left for the next run", async () => {
    const clock = manualClock();
    const stores = createMemoryStores({ clock });
    const mailbox = new MemoryMailbox();
    const x3 = new SlowX3();
    mailbox.put("PO8300.json", bytesOf(make850({ po: "8300" })));
    const held = await stores.locks.acquire("orders-in:po:850:ACME:8300", { owner: "other", ttlMs: 60_000 });
    expect(held).toBeDefined();

    // A lease of 1 ms: the claim is tried once, not waited for.
    const summary = await instance("a", stores, mailbox, x3, 1).runOnce("orders-in");
    expect(summary.outcomes).toEqual({ claimed_elsewhere: 1 });
    expect(mailbox.files.size).toBe(1);
    expect(x3.calls.create).toBe(0);
  });

  it("an instance dies right after X3 created an order: another takes its claims over when the lease expires", async () => {
    const clock = manualClock();
    const stores = createMemoryStores({ clock });
    const mailbox = new MemoryMailbox();
    const x3 = new SlowX3();
    const count = 40;
    for (let i = 0; i < count; i += 1) mailbox.put(`PO${8200 + i}.json`, bytesOf(make850({ po: String(8200 + i) })));

    // Instance a dies inside its first create, after X3 applied it and before the ledger knows.
    const doomed = createKillSwitch();
    const dyingGateway: OrderGateway = {
      find: (kind, counterparty, poNumber) => x3.find(kind, counterparty, poNumber),
      replace: (order, draft) => x3.replace(order, draft),
      close: (order) => x3.close(order),
      async create(draft) {
        const created = await x3.create(draft);
        doomed.kill();
        return created;
      },
    };
    const a = instance("a", doomed.stores(stores), mailbox, doomed.guard(dyingGateway), 3_000);
    void a.runOnce("orders-in"); // never settles: the instance is dead

    // Wait until a has died holding its claims and its creates already in flight have landed in X3 (up to 4).
    await vi.waitFor(
      () => {
        expect(doomed.dead).toBe(true);
        expect(x3.creating).toBe(0);
      },
      { timeout: 20_000, interval: 5 },
    );
    const createdByA = x3.calls.create;
    expect(createdByA).toBeGreaterThanOrEqual(1);
    const held = await stores.locks.holder(`orders-in:po:850:ACME:${[...x3.orders.values()][0]?.poNumber}`);
    expect(held?.owner).toBe("a");
    expect(await stores.audit.listInProgress()).toHaveLength(createdByA);

    const b = instance("b", stores, mailbox, x3);
    const c = instance("c", stores, mailbox, x3);
    // Before the lease expires, b and c do everything but a's PO.
    await Promise.all([b.runOnce("orders-in"), c.runOnce("orders-in")]);
    expect(mailbox.files.size).toBe(createdByA);
    expect(await stores.audit.listInProgress()).toHaveLength(createdByA);

    // a's lease expires.
    clock.advance((held?.expiresAt.getTime() ?? 0) - clock.now() + 1);
    await Promise.all([b.runOnce("orders-in"), c.runOnce("orders-in")]);
    await expectEachPoOnce(stores, x3, mailbox, count);
    // The dead instance's create was reconciled by lookup, not repeated.
    expect(x3.calls.create).toBe(count);
  });

  it("a cancel (01) that arrives before its original 850 is through waits for it instead of being rejected", async () => {
    const stores = createMemoryStores({ clock: manualClock() });
    const mailbox = new MemoryMailbox();
    const x3 = new MemoryX3();
    const connector = instance("a", stores, mailbox, x3);
    // The 00 fails on its first try (X3 down); the 01 in the same run must not be rejected for "no order".
    let failCreates = 1;
    const flaky: OrderGateway = {
      find: (kind, counterparty, poNumber) => x3.find(kind, counterparty, poNumber),
      replace: (order, draft) => x3.replace(order, draft),
      close: (order) => x3.close(order),
      async create(draft) {
        if (failCreates-- > 0) throw new ConnectorError("X3 is down", { kind: "server", status: 503 });
        return x3.create(draft);
      },
    };
    const first = createConnector({
      stores,
      orderSource: mailbox,
      orderGateway: flaky,
      mappings: acmeMappings,
      instanceId: "a",
      workClaims: true,
    });
    mailbox.put("PO8300-00.json", bytesOf(make850({ po: "8300" })));
    mailbox.put("PO8300-01.json", bytesOf(make850({ po: "8300", purpose: "01" })));
    const run1 = await first.runOnce("orders-in");
    expect(run1.outcomes.rejected).toBeUndefined();
    expect(mailbox.files.size).toBe(2);

    await connector.runOnce("orders-in");
    await connector.runOnce("orders-in");
    expect(mailbox.files.size).toBe(0);
    const order = [...x3.orders.values()][0];
    expect(order?.closed).toBe(true);
  });
});
