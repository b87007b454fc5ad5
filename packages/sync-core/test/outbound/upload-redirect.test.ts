import { describe, expect, it } from "vitest";
import { useOutboundSystems } from "./support/over-http.js";

// An upload answered with a redirect never reached in/: it is not `posted`, and the next run sends it.

const start = useOutboundSystems();

describe("an upload answered with a 3xx (SPS and Sage X3 sandboxes over HTTP)", () => {
  it("is a failure, not a posted document; the next run uploads it once", async () => {
    const s = await start();
    const [order] = await s.receive({ po: "3001" });
    if (!order) throw new Error("order missing");
    s.x3.data.allocate(order, { 1000: 10 });
    s.tick();
    const remove = s.sps.faults.add({ route: s.sps.routes.upload, method: "POST", anomaly: "redirect" });

    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1 });
    expect(s.inbound()).toEqual([]);
    const failed = (await s.stores.audit.findDocuments({ type: "855" })).items;
    expect(failed.map((document) => document.status)).toEqual(["failed"]);
    expect(failed[0]?.reasons[0]?.message).toMatch(/HTTP 302, a redirect .*never followed/);

    remove();
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(s.inbound().map((file) => file.name)).toEqual([`PR${order}-1-v7.7-BulkImport.json`]);
    expect(s.sps.counters.get(s.sps.routes.upload)).toBe(2);
  });
});
