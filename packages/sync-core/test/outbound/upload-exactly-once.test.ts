import { describe, expect, it } from "vitest";
import { type OutboundSystems, useOutboundSystems } from "./support/over-http.js";

// SPS is not trusted to overwrite a file of the same name: an upload whose answer was lost is looked for (the folder
// listing, then the history) before it is sent again, in the same run and in the next one.

const start = useOutboundSystems();

async function acknowledgedOrder(): Promise<{ s: OutboundSystems; fileName: string }> {
  const s = await start();
  const [order] = await s.receive({ po: "4001" });
  if (!order) throw new Error("order missing");
  s.x3.data.allocate(order, { 1000: 10 });
  s.tick();
  return { s, fileName: `PR${order}-1-v7.7-BulkImport.json` };
}

describe("uploads exactly once, without trusting SPS to overwrite (both sandboxes over HTTP)", () => {
  it("an answer lost after SPS stored the file: found in the listing, posted, uploaded once", async () => {
    const { s, fileName } = await acknowledgedOrder();
    s.sps.faults.add({ route: s.sps.routes.upload, method: "POST", resetAfterHandler: true, times: 1 });

    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(s.sps.counters.get(s.sps.routes.upload)).toBe(1);
    expect(s.inbound().map((file) => file.name)).toEqual([fileName]);
  });

  it("an answer lost and the file not looked up in that run: the next run finds it in the history, no second upload", async () => {
    const { s, fileName } = await acknowledgedOrder();
    s.sps.faults.add({ route: s.sps.routes.upload, method: "POST", resetAfterHandler: true, times: 1 });
    const listingDown = s.sps.faults.add({ route: s.sps.routes.list, status: 503 });

    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1 });
    listingDown();
    expect(s.sps.counters.get(s.sps.routes.upload)).toBe(1);
    const [failed] = (await s.stores.audit.findDocuments({ type: "855" })).items;
    expect(failed?.status).toBe("failed");
    // SPS has processed the file since and taken it out of in/: only the history shows the upload.
    expect(s.sps.mailbox.remove(`in/${fileName}`)).toBe(true);

    s.tick();
    expect((await s.restart().runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(s.sps.counters.get(s.sps.routes.upload)).toBe(1);
    const [posted] = (await s.stores.audit.findDocuments({ type: "855" })).items;
    expect(posted).toMatchObject({ id: failed?.id, status: "posted" });
  });

  it("an upload SPS never received (a reset before it) is sent again by the next run, once the lookup has not found it", async () => {
    const { s, fileName } = await acknowledgedOrder();
    s.sps.faults.add({ route: s.sps.routes.upload, method: "POST", reset: true, times: 1 });

    // Not sent again in the same call: a request SPS is slow to act on may still be on its way in.
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1 });
    expect(s.sps.counters.get(s.sps.routes.upload)).toBe(1);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(s.sps.counters.get(s.sps.routes.upload)).toBe(2);
    expect(s.inbound().map((file) => file.name)).toEqual([fileName]);
  });

  it("an answer lost, then the order changes before the retry: the landed revision is posted, the change goes as the next one", async () => {
    const { s, fileName } = await acknowledgedOrder();
    s.sps.faults.add({ route: s.sps.routes.upload, method: "POST", resetAfterHandler: true, times: 1 });
    const listingDown = s.sps.faults.add({ route: s.sps.routes.list, status: 503 });
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1 });
    listingDown();

    // The order changes (an 860, a user) before the next run: what SPS holds is out of date, but it is there.
    const order = fileName.slice(2, fileName.indexOf("-"));
    s.x3.data.allocate(order);
    s.tick();
    expect((await s.restart().runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const uploads = s.sps.mailbox
      .history()
      .filter((entry) => entry.direction === "in")
      .map((entry) => [entry.path, entry.status_log.filter((log) => log.status === "uploaded").length]);
    expect(uploads).toEqual([
      [`/in/${fileName}`, 1],
      [`/in/PR${order}-2-v7.7-BulkImport.json`, 1],
    ]);
    const acks = (await s.stores.audit.findDocuments({ type: "855", order: "asc" })).items;
    expect(acks.map((d) => [d.revision, d.status])).toEqual([
      [1, "posted"],
      [2, "posted"],
    ]);
  });
});
