import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { createConnector, createMemoryStores } from "../../src/index.js";
import type { OrderDraft, OrderRef } from "../../src/ports/order-gateway.js";
import type { InboundFile } from "../../src/ports/order-source.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";

// orders-in lists the next page of the mailbox while the documents of the page before are in flight, so that the
// slots do not drain at the end of every page and wait for a listing; it never holds more than two pages.

/** One file per page; records how many pages were asked for. */
class CountingMailbox extends MemoryMailbox {
  pagesListed = 0;
  readonly #listed: ((count: number) => void)[] = [];

  override async *pages(): AsyncIterable<InboundFile[]> {
    for (const name of [...this.files.keys()].sort()) {
      this.pagesListed += 1;
      for (const wake of this.#listed) wake(this.pagesListed);
      yield [{ name, path: `out/${name}` }];
    }
  }

  /** Resolves once `count` pages have been listed. */
  listed(count: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.pagesListed >= count) resolve();
      else this.#listed.push((listed) => listed >= count && resolve());
    });
  }
}

/** An X3 whose create of PO 1 waits for `release`. */
class HeldX3 extends MemoryX3 {
  release!: () => void;
  readonly #released = new Promise<void>((resolve) => {
    this.release = resolve;
  });

  override async create(draft: OrderDraft): Promise<OrderRef> {
    if (draft.poNumber === "1") await this.#released;
    return super.create(draft);
  }
}

/** orders-in at concurrency 4 over `mailbox`, with an X3 that holds PO 1's create. */
function connectorOver(mailbox: CountingMailbox) {
  const x3 = new HeldX3();
  const connector = createConnector({
    stores: createMemoryStores(),
    orderSource: mailbox,
    orderGateway: x3,
    mappings: acmeMappings,
    flows: { "orders-in": { concurrency: 4 } },
  });
  return { x3, connector };
}

describe("orders-in's listing", () => {
  it("lists the next page while a page's documents are in flight, and holds at most two pages", async () => {
    const mailbox = new CountingMailbox();
    for (const po of ["1", "2", "3"]) mailbox.put(`PO${po}.json`, bytesOf(make850({ po })));
    const { x3, connector } = connectorOver(mailbox);
    const run = connector.runOnce("orders-in");
    // PO 1 is held in X3; the second page is listed (and its document created) meanwhile. Listing page by page after
    // each page's documents, this never happens.
    await mailbox.listed(2);
    await expect.poll(() => x3.orders.size).toBe(1);
    // The third page waits for the first page's document: two pages in hand at most.
    expect(mailbox.pagesListed).toBe(2);
    x3.release();
    const summary = await run;
    expect(summary.outcomes).toEqual({ created: 3 });
    expect(mailbox.pagesListed).toBe(3);
    expect(mailbox.files.size).toBe(0);
  });

  it("a listing that fails lets the documents already started finish before the run ends", async () => {
    class FailingMailbox extends CountingMailbox {
      override async *pages(): AsyncIterable<InboundFile[]> {
        for await (const page of super.pages()) {
          if (this.pagesListed === 2) throw new Error("listing failed");
          yield page;
        }
      }
    }
    const mailbox = new FailingMailbox();
    for (const po of ["1", "2"]) mailbox.put(`PO${po}.json`, bytesOf(make850({ po })));
    const { x3, connector } = connectorOver(mailbox);
    let ended = false;
    const run = connector.runOnce("orders-in").finally(() => {
      ended = true;
    });
    await mailbox.listed(2);
    await new Promise((resolve) => setImmediate(resolve));
    // PO 1 is still held: the run waits for it although the listing failed.
    expect(ended).toBe(false);
    x3.release();
    const summary = await run;
    expect(summary.error).toMatchObject({ message: "listing failed" });
    expect(summary.outcomes).toEqual({ created: 1 });
    expect(x3.orders.size).toBe(1);
    expect(mailbox.files.has("PO1.json")).toBe(false);
  });
});
