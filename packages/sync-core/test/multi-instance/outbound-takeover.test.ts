import { describe, expect, it, vi } from "vitest";
import { createMemoryStores } from "../../src/index.js";
import type { DocumentSink } from "../../src/ports/document-sink.js";
import { setupOutbound } from "../outbound/support/setup.js";
import { createKillSwitch } from "../support/kill-switch.js";
import { manualClock } from "../support/manual-clock.js";

// The outbound flows run on one instance at a time, under their flow lock (a lease). When that instance dies, the
// lock frees itself after `lockTtlMs` and another instance carries on from the stored cursor: nothing lost, and
// every document still lands once under its deterministic name.

describe("several instances: an outbound flow's lock is taken over when its holder dies", () => {
  it("instance a dies after an 855 upload; b is kept out until the lease expires, then sends the rest once", async () => {
    // The stores' clock is manual: a's lease expires when the test advances it, not when a loaded machine does.
    const clock = manualClock();
    const t = setupOutbound({ stores: createMemoryStores({ clock }) });
    const keys: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const key = await t.receive({ po: String(9100 + i) });
      t.salesOrder(key);
      keys.push(key);
    }

    const doomed = createKillSwitch();
    const dyingSink: DocumentSink = {
      name: t.sink.name,
      async upload(file) {
        const landed = await t.sink.upload(file);
        doomed.kill(); // dies with the upload done and nothing recorded after it
        return landed;
      },
    };
    const lockTtlMs = 3_000;
    const a = t.make({
      instanceId: "a",
      lockTtlMs,
      workClaims: true,
      stores: doomed.stores(t.stores),
      documentSink: doomed.guard(dyingSink),
    });
    const b = t.make({ instanceId: "b", lockTtlMs, workClaims: true });

    void a.runOnce("acks-out"); // never settles: the instance is dead
    await vi.waitFor(() => expect(doomed.dead).toBe(true), { timeout: 20_000, interval: 5 });
    // Its uploads already in flight land too (the flow uploads several at once); the rest never started.
    const landedBeforeDeath = t.sink.files.size;
    expect(landedBeforeDeath).toBeGreaterThanOrEqual(1);
    expect(landedBeforeDeath).toBeLessThan(keys.length);
    const held = await t.stores.locks.holder("flow:acks-out");
    expect(held?.owner).toBe("a");

    // While a's lease lives, b does not run the flow.
    const early = await b.runOnce("acks-out");
    expect(early.skipped).toMatch(/holds the lock/);

    clock.advance((held?.expiresAt.getTime() ?? 0) - clock.now() + 1);
    const late = await b.runOnce("acks-out");
    expect(late.skipped).toBeUndefined();
    expect(late.error).toBeUndefined();

    // One 855 per order in in/, each posted once in the audit trail, nothing left in progress.
    expect([...t.sink.files.keys()].sort()).toEqual(keys.map((key) => `in/PR${key}-1-v7.7-BulkImport.json`).sort());
    const acks = (await t.stores.audit.findDocuments({ type: "855", limit: 100 })).items;
    expect(acks.map((ack) => ack.x3Key).sort()).toEqual([...keys].sort());
    expect(acks.every((ack) => ack.status === "posted")).toBe(true);
    expect(await t.stores.audit.listInProgress()).toEqual([]);
    // A second pass finds nothing new.
    expect((await b.runOnce("acks-out")).outcomes.posted ?? 0).toBe(0);
  });
});
