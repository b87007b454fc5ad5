import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConnectorError,
  createConnector,
  type InboundFile,
  type OrderDraft,
  type OrderGateway,
  type OrderSource,
} from "@ml-connector/sync-core";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

// A mailbox and an X3 that outlive the connector process, as the real systems do.
const mailbox = new Map<string, Uint8Array>();
const orders = new Map<string, OrderDraft>();
let loseNextCreateAnswer = false;

const source: OrderSource = {
  name: "memory:out",
  async *pages() {
    yield [...mailbox.keys()].sort().map((name): InboundFile => ({ name, path: `out/${name}` }));
  },
  download: async (file) => mailbox.get(file.name) ?? new Uint8Array(),
  remove: async (file) => {
    mailbox.delete(file.name);
  },
};

const gateway: OrderGateway = {
  find: async (kind, counterparty, poNumber) => {
    for (const [key, order] of orders) {
      if (order.kind === kind && order.counterparty === counterparty && order.poNumber === poNumber)
        return { kind, key };
    }
    return undefined;
  },
  create: async (draft) => {
    const key = `SO${orders.size + 1}`;
    orders.set(key, draft);
    if (loseNextCreateAnswer) {
      loseNextCreateAnswer = false;
      throw new ConnectorError("socket hang up", { kind: "connection" });
    }
    return { kind: draft.kind, key };
  },
  replace: async () => {},
  close: async () => {},
};

const mappings = {
  partners: [{ partnerId: "ACME", x3Customer: "C0001", site: "US01", orderType: "SON", currency: "USD" }],
  items: [{ kind: "vendorPartNumber" as const, value: "WID-001", itemRef: "WID-001" }],
  uoms: [{ ediUnit: "EA", x3Unit: "EA" }],
};

function order850(po: string): Uint8Array {
  const document = {
    Header: { OrderHeader: { TradingPartnerId: "ACME", PurchaseOrderNumber: po, TsetPurposeCode: "00" } },
    LineItem: [{ OrderLine: { LineSequenceNumber: "1", VendorPartNumber: "WID-001", OrderQty: 3, OrderQtyUOM: "EA" } }],
    Summary: { TotalLineItemNumber: 1 },
  };
  return new TextEncoder().encode(JSON.stringify(document));
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  mailbox.clear();
  orders.clear();
});

describe("orders-in on SQLite: one write transaction per 850", () => {
  /** Runs orders-in over `count` new 850s; answers the write transactions it took and what each removal saw. */
  async function run(path: string, count: number, concurrency: number) {
    for (let i = 0; i < count; i++) mailbox.set(`PO${path.length}${i}-v7.7-BulkImport.json`, order850(`${count}-${i}`));
    // A hold longer than the run: only the effects begun, the page's end and the locks commit.
    const stores = createSqliteStores({ path, commitHoldMs: 600_000 });
    const observer = createSqliteStores({ path });
    const seenAtRemoval: (string | undefined)[] = [];
    const watched: OrderSource = {
      ...source,
      remove: async (file, signal) => {
        // What another process (or this one after a crash) would find: the outcome is durable before the file goes.
        const [document] = (await observer.audit.findDocuments({ fileName: file.name })).items;
        seenAtRemoval.push(document?.status);
        await source.remove(file, signal);
      },
    };
    try {
      const before = stores.auditTransactions;
      const result = await createConnector({
        stores,
        orderSource: watched,
        orderGateway: gateway,
        mappings,
        flows: { "orders-in": { concurrency } },
      }).runOnce("orders-in");
      expect(result.outcomes).toEqual({ created: count });
      expect(mailbox.size).toBe(0);
      return { transactions: stores.auditTransactions - before, seenAtRemoval };
    } finally {
      await observer.close();
      await stores.close();
    }
  }

  for (const concurrency of [1, 4]) {
    it(`removes each file once its outcome is committed, at most one transaction per 850 more (C = ${concurrency})`, async () => {
      dir = mkdtempSync(join(tmpdir(), "ml-connector-one-transaction-"));
      const three = await run(join(dir, "a.sqlite"), 3, concurrency);
      const eight = await run(join(dir, "bb.sqlite"), 8, concurrency);
      expect(three.seenAtRemoval).toEqual(Array(3).fill("created"));
      expect(eight.seenAtRemoval).toEqual(Array(8).fill("created"));
      // Five more documents, five more transactions one at a time: the rest (locks, the page's end) is paid once per
      // run. Documents in flight together whose effects are begun in one turn of the event loop share a commit.
      if (concurrency === 1) expect(eight.transactions - three.transactions).toBe(5);
      else expect(eight.transactions - three.transactions).toBeLessThan(5);
    });
  }
});

describe("orders-in on SQLite across a restart", () => {
  it("a create whose answer was lost is reconciled from the ledger on disk after the process restarts", async () => {
    dir = mkdtempSync(join(tmpdir(), "ml-connector-restart-"));
    const path = join(dir, "state.sqlite");
    mailbox.set("PO1-v7.7-BulkImport.json", order850("1"));
    mailbox.set("PO2-v7.7-BulkImport.json", order850("2"));
    loseNextCreateAnswer = true;

    // One clock for the ledger's stamps and the connector's in-doubt window.
    let time = Date.parse("2026-12-01T09:00:00Z");
    const clock = {
      now: () => time,
      advance: (ms: number) => {
        time += ms;
      },
    };
    const firstStores = createSqliteStores({ path, clock });
    const first = await createConnector({
      stores: firstStores,
      orderSource: source,
      orderGateway: gateway,
      mappings,
      clock,
    }).runOnce("orders-in");
    expect(first.outcomes).toEqual({ failed: 1, created: 1 });
    await firstStores.close(); // the process goes away; only the file remains

    const secondStores = createSqliteStores({ path, clock });
    // The lost answer closed the entry as possibly done (not in progress): the next attempt looks in X3 first, once
    // the in-doubt window (2 minutes by default) has passed: a request that reached X3 may still be applied late.
    expect(await secondStores.audit.listInProgress()).toHaveLength(0);
    const restarted = createConnector({
      stores: secondStores,
      orderSource: source,
      orderGateway: gateway,
      mappings,
      clock,
    });
    const creates = orders.size;
    clock.advance(60_000);
    expect((await restarted.runOnce("orders-in")).outcomes).toEqual({ failed: 1 });
    const [waiting] = (await secondStores.audit.findDocuments({ status: "failed" })).items;
    expect(waiting?.reasons[0]?.code).toBe("in_doubt");
    expect(orders.size).toBe(creates);
    clock.advance(60_001);
    const second = await restarted.runOnce("orders-in");
    expect(second.outcomes).toEqual({ created: 1 });
    expect(orders.size).toBe(2);
    expect(mailbox.size).toBe(0);
    const created = await secondStores.audit.findDocuments({ status: "created" });
    expect(created.items.map((d) => d.poNumber).sort()).toEqual(["1", "2"]);
    await secondStores.close();
  });
});
