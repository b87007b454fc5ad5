import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { createConnector, createMemoryStores } from "../../src/index.js";
import type { OrderDraft, OrderRef } from "../../src/ports/order-gateway.js";
import type { InboundFile } from "../../src/ports/order-source.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";

// Each document in flight listens to the run's signal (its HTTP attempts do), so a run at concurrency 16 has 16
// listeners on it at once. That is no leak, and Node's "Possible EventTarget memory leak detected" warning must not
// reach the operator's log; nor may the caller's own signal collect one listener per document. The documents share
// the run's signal: a signal of each document's own (an AbortController per 850) outlived the young generation's
// collections and filled the old generation (docs/performance.md, Memory).

const CONCURRENCY = 16;

/** An X3 whose creates all wait, each listening to the signal, until every one of them is in flight. */
class GatedX3 extends MemoryX3 {
  inFlight = 0;
  peak = 0;
  readonly signals = new Set<AbortSignal | undefined>();
  #open!: () => void;
  readonly #gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });

  override async create(draft: OrderDraft, signal?: AbortSignal): Promise<OrderRef> {
    const onAbort = () => undefined;
    this.signals.add(signal);
    signal?.addEventListener("abort", onAbort);
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    if (this.inFlight === CONCURRENCY) this.#open();
    await this.#gate;
    this.inFlight -= 1;
    signal?.removeEventListener("abort", onAbort);
    return super.create(draft);
  }
}

/** The whole mailbox in one listing page, so that every document can be in flight at once. */
class OnePageMailbox extends MemoryMailbox {
  override async *pages() {
    yield [...this.files.keys()].sort().map((name) => ({ name, path: `out/${name}` }));
  }
}

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

async function runAtFullConcurrency(signal?: AbortSignal) {
  const mailbox = new OnePageMailbox();
  const x3 = new GatedX3();
  for (let i = 0; i < CONCURRENCY; i++) mailbox.put(`PO${8000 + i}.json`, bytesOf(make850({ po: String(8000 + i) })));
  const connector = createConnector({
    stores: createMemoryStores(),
    orderSource: mailbox,
    orderGateway: x3,
    mappings: acmeMappings,
    flows: { "orders-in": { concurrency: CONCURRENCY } },
  });
  process.on("warning", onWarning);
  const summary = await connector.runOnce("orders-in", signal ? { signal } : {});
  // process.emitWarning delivers on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  return { summary, x3 };
}

describe("a run's signal with many documents in flight", () => {
  it("16 documents listening at once to the run's one signal: no MaxListenersExceededWarning, with or without the caller's", async () => {
    const plain = await runAtFullConcurrency();
    expect(plain.summary.outcomes).toEqual({ created: CONCURRENCY });
    expect(plain.x3.peak).toBe(CONCURRENCY);
    expect(plain.x3.signals.size).toBe(1);

    const caller = new AbortController();
    const withCaller = await runAtFullConcurrency(caller.signal);
    expect(withCaller.summary.outcomes).toEqual({ created: CONCURRENCY });
    expect(withCaller.x3.peak).toBe(CONCURRENCY);
    expect(withCaller.x3.signals.size).toBe(1);
    expect(withCaller.x3.signals.has(caller.signal)).toBe(false);
    expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
  });
});

/** A mailbox whose removals wait at a gate, then behave as the HTTP one does with an aborted signal. */
class GatedRemovalMailbox extends MemoryMailbox {
  readonly removalStarted: Promise<void>;
  #started!: () => void;
  #open!: () => void;
  readonly #gate = new Promise<void>((resolve) => {
    this.#open = resolve;
  });

  constructor() {
    super();
    this.removalStarted = new Promise((resolve) => {
      this.#started = resolve;
    });
  }

  open(): void {
    this.#open();
  }

  override async remove(file: InboundFile, signal?: AbortSignal): Promise<void> {
    this.#started();
    await this.#gate;
    signal?.throwIfAborted();
    await super.remove(file);
  }
}

describe("a stop once a document is done", () => {
  it("lets the document's file leave the mailbox, as it did when each document had a signal of its own", async () => {
    const mailbox = new GatedRemovalMailbox();
    mailbox.put("PO8100.json", bytesOf(make850({ po: "8100" })));
    const stores = createMemoryStores();
    const connector = createConnector({
      stores,
      orderSource: mailbox,
      orderGateway: new MemoryX3(),
      mappings: acmeMappings,
    });
    const caller = new AbortController();
    const run = connector.runOnce("orders-in", { signal: caller.signal });
    await mailbox.removalStarted;
    caller.abort(new Error("stopped"));
    mailbox.open();
    const summary = await run;

    expect(summary.outcomes).toEqual({ created: 1 });
    expect([...mailbox.files.keys()]).toEqual([]);
    const [document] = (await stores.audit.findDocuments({})).items;
    const attempts = await stores.audit.listAttempts(document?.id ?? "");
    expect(attempts.map((attempt) => `${attempt.operation}:${attempt.outcome}`)).toEqual([
      "x3.create:success",
      "sps.delete:success",
    ]);
  });
});
