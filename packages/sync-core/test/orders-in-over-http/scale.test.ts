import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { startSystems } from "../support/systems.js";

describe("orders-in at scale over real HTTP", () => {
  it("1,000 POs in one run: all created, pages streamed, memory flat, one token per system", async () => {
    const s = await startSystems();
    try {
      for (let i = 0; i < 1000; i += 1) {
        const po = `PO-S${String(i).padStart(4, "0")}`;
        s.sps.mailbox.putOutbound(fileNameOf({ po }), bytesOf(make850({ po })));
      }
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      const summary = await s.connector.runOnce("orders-in");
      global.gc?.();
      const after = process.memoryUsage().heapUsed;

      expect(summary.outcomes).toEqual({ created: 1000 });
      expect(s.x3.data.list("SORDER")).toHaveLength(1000);
      expect(s.sps.mailbox.paths("out")).toEqual([]);
      // Pages of 100: the mailbox is streamed, never listed whole into memory.
      expect(s.sps.counters.get("transactions.list")).toBeGreaterThanOrEqual(10);
      expect(s.sps.counters.get("token")).toBe(1);
      // The audit trail keeps every payload (about 1.2 KB each) in memory stores; the engine itself must not grow.
      const growthMb = (after - before) / 1024 / 1024;
      console.log(
        `1,000 POs: ${summary.durationMs} ms, heap ${Math.round(before / 1048576)} → ${Math.round(after / 1048576)} MB`,
      );
      expect(growthMb).toBeLessThan(64);
    } finally {
      await s.close();
    }
  }, 180_000);
});
