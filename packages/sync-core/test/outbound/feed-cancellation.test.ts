import { describe, expect, it } from "vitest";
import { createSageX3ChangeFeed } from "../../src/index.js";
import { type OutboundSystems, useOutboundSystems } from "./support/over-http.js";

const oneLine = [{ vendorPart: "WID-001", buyerPart: "B-1001", qty: 24, price: 4.5 }];

const start = useOutboundSystems();

/** Every `$details` read is held by X3 (far longer than a test runs) until the test is over. */
async function holdDetails(s: OutboundSystems): Promise<void> {
  s.x3.faults.add({ route: s.x3.routes.details, latencyMs: 600_000 });
}

async function detailsReadsReach(s: OutboundSystems, count: number): Promise<void> {
  await expect.poll(() => s.x3.counters.get(s.x3.routes.details), { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
}

describe("the X3 change feed stops with the run's signal", () => {
  it("a record read by key: not sent once the run has stopped, and ended when it stops while X3 holds it", async () => {
    const s = await start();
    const [order] = await s.receive({ po: "7301", lines: oneLine });
    if (!order) throw new Error("order missing");
    const feed = createSageX3ChangeFeed(s.x3Client);
    expect((await feed.get("salesOrder", order))?.key).toBe(order);

    const stopped = new AbortController();
    stopped.abort(new Error("run stopped"));
    s.x3.counters.reset();
    await expect(feed.get("salesOrder", order, stopped.signal)).rejects.toMatchObject({ kind: "cancelled" });
    expect(s.x3.counters.get(s.x3.routes.details)).toBe(0);

    await holdDetails(s);
    const stopping = new AbortController();
    const read = feed.get("salesOrder", order, stopping.signal);
    await detailsReadsReach(s, 1);
    stopping.abort(new Error("run stopped"));
    await expect(read).rejects.toMatchObject({ kind: "cancelled" });
  });

  it("a page's reads in detail end when the run stops while X3 holds them", async () => {
    const s = await start();
    await s.receive({ po: "7302", lines: oneLine }, { po: "7303", lines: oneLine });
    s.tick();
    const feed = createSageX3ChangeFeed(s.x3Client, { pageSize: 2, alwaysReadDetails: true });
    await holdDetails(s);
    s.x3.counters.reset();
    const stopping = new AbortController();
    const window = { from: new Date(s.x3.clock.now() - 3_600_000), to: new Date(s.x3.clock.now()) };
    const pages = (async () => {
      for await (const _page of feed.changes("salesOrder", window, stopping.signal)) {
        // Nothing comes: the first page waits for its reads in detail.
      }
    })();
    await detailsReadsReach(s, 2);
    stopping.abort(new Error("run stopped"));
    await expect(pages).rejects.toMatchObject({ kind: "cancelled" });
  });
});
