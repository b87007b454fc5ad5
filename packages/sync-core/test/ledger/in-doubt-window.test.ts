import { createSageX3Client } from "@ml-connector/sage-x3-client";
import {
  acmeSandboxMappings,
  bytesOf,
  changeFileNameOf,
  fileNameOf,
  make850,
  make860,
  type SandboxPair,
  startSandboxPair,
} from "@ml-connector/sandbox";
import { createSpsClient } from "@ml-connector/sps-client";
import { manualClock } from "@ml-connector/transport";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createConnector,
  createMemoryStores,
  createSageX3OrderGateway,
  createSpsMailboxSource,
  DEFAULT_IN_DOUBT_WINDOW_MS,
} from "../../src/index.js";

// A call the connector gave up on may still be applied by the server later (runEffect's window: run-effect.test.ts).
// Here the Sage X3 sandbox applies a timed-out $edit late, over HTTP.

describe("orders-in over HTTP: a late $edit from a timed-out change does not undo the next change", () => {
  let pair: SandboxPair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it("X3 applies the timed-out edit late; the next change waits, then the order ends as the retailer's last word", async () => {
    pair = await startSandboxPair();
    const { sps, x3 } = pair;
    const clock = manualClock(Date.parse("2026-12-01T09:00:00Z"));
    const stores = createMemoryStores({ clock });
    const retry = { baseDelayMs: 1, maxDelayMs: 5 };
    const spsClient = createSpsClient({ ...pair.clients.sps, tokenStore: stores.tokens, retry });
    // Short enough for the delayed edit below to time out.
    const x3Client = createSageX3Client({ ...pair.clients.x3, tokenStore: stores.tokens, retry, timeoutMs: 300 });
    const connector = createConnector({
      stores,
      orderSource: createSpsMailboxSource(spsClient),
      orderGateway: createSageX3OrderGateway(x3Client),
      mappings: acmeSandboxMappings,
      clock,
    });
    const po = "7001";
    const orderLines = () => {
      const order = x3.data.list("SORDER").find((o) => o.CUSORDREF === po);
      return ((order?.SOHSOP ?? []) as { ITMREF: string; QTY: number; GROPRI: number }[]).map((line) => [
        line.ITMREF,
        Number(line.QTY),
        Number(line.GROPRI),
      ]);
    };
    const putChange = (sequence: string, lines: Parameters<typeof make860>[0]["lines"]) =>
      sps.mailbox.putOutbound(changeFileNameOf({ po }, sequence), bytesOf(make860({ po, sequence, lines })));

    sps.mailbox.putOutbound(fileNameOf({ po }), bytesOf(make850({ po })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(orderLines()).toEqual([
      ["WID-001", 24, 4.5],
      ["WID-002", 12, 5.25],
    ]);

    // Change 1 (line 1 to 30): X3 takes the edit but answers after the client's timeout, and applies it then.
    putChange("1", [{ line: "1", change: "QI", qty: 30 }]);
    x3.faults.add({ route: x3.routes.update, latencyMs: 1_500, times: 1 });
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ failed: 1 });
    const updates = x3.counters.get(x3.routes.update);
    expect(updates).toBe(1); // not repeated: a repeat could be overtaken by the late copy

    // Change 2 (line 1 to 4 at 4.80) arrives before the late edit lands. Change 1 is in doubt: nothing is sent, and
    // change 2 waits for it.
    putChange("2", [{ line: "1", change: "PQ", qty: 4, price: 4.8 }]);
    const second = await connector.runOnce("orders-in");
    expect(second.outcomes).toEqual({ failed: 1, waiting: 1 });
    const inDoubt = (await stores.audit.findDocuments({ type: "860", status: "failed" })).items;
    expect(inDoubt.map((d) => d.reasons[0]?.code)).toEqual(["in_doubt"]);
    expect(x3.counters.get(x3.routes.update)).toBe(updates);

    // The late edit lands (X3 was slow, not deaf).
    await vi.waitFor(() => expect(orderLines()[0]).toEqual(["WID-001", 30, 4.5]), { timeout: 20_000, interval: 20 });

    // After the window, change 1 is settled against the order as X3 has it (nothing left to send) and change 2 goes.
    clock.advance(DEFAULT_IN_DOUBT_WINDOW_MS);
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ updated: 2 });
    expect(orderLines()).toEqual([
      ["WID-001", 4, 4.8],
      ["WID-002", 12, 5.25],
    ]);
    expect(x3.counters.get(x3.routes.update)).toBe(updates + 1);
    expect(sps.mailbox.paths("out")).toEqual([]);
  });
});
