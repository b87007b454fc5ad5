import { manualClock } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import type { ConnectorEvent } from "../../src/index.js";
import { useOutboundSystems } from "./support/over-http.js";

const start = useOutboundSystems();

/** The SPS sandbox's clock, moved by the test. */
const spsClock = () => manualClock(Date.parse("2026-11-30T09:00:00Z"));

const VERDICT_DELAY_MS = 120_000;

describe("SPS's verdict after the upload (transaction history)", () => {
  it("posted → accepted_by_sps once SPS has checked it → rejected_by_sps when SPS rejects it later → replay uploads a new revision", async () => {
    const clock = spsClock();
    const s = await start({ verdicts: true, sps: { clock, verdictDelayMs: VERDICT_DELAY_MS } });
    const events: ConnectorEvent[] = [];
    s.connector.on((event) => {
      if (event.type.includes("_by_sps")) events.push(event);
    });
    const [order] = await s.receive({ po: "V-1" });
    s.x3.data.allocate(order ?? "");
    s.tick();

    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const first = `PR${order}-1-v7.7-BulkImport.json`;
    const [ack] = (await s.stores.audit.findDocuments({ fileName: first })).items;
    expect(ack?.status).toBe("posted"); // SPS has not checked it yet

    clock.advance(VERDICT_DELAY_MS);
    const accepted = await s.connector.runOnce("acks-out");
    expect(accepted.outcomes).toEqual({ accepted_by_sps: 1 });
    expect((await s.stores.audit.getDocument(ack?.id ?? ""))?.status).toBe("accepted_by_sps");
    const cursor = await s.stores.cursors.get({ flow: "acks-out", source: "sps:history" });
    expect(cursor?.value).toEqual({ after: new Date(clock.now()).toISOString() });

    // The retailer's system refuses it later; SPS records the rejection with its reasons.
    clock.advance(60_000);
    const path = s.sps.mailbox.inbound().find((file) => file.name === first)?.path ?? "";
    s.sps.mailbox.rejectLater(path, [
      { path: "Header.OrderHeader.Vendor", code: "partner_rule", message: "Vendor VEND1 is unknown to the retailer" },
    ]);
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ rejected_by_sps: 1 });
    const rejected = await s.stores.audit.getDocument(ack?.id ?? "");
    expect(rejected).toMatchObject({
      status: "rejected_by_sps",
      reasons: [
        {
          path: "Header.OrderHeader.Vendor",
          code: "sps:partner_rule",
          message: "Vendor VEND1 is unknown to the retailer",
        },
      ],
    });
    expect(events.map((event) => event.type)).toEqual(["document.accepted_by_sps", "document.rejected_by_sps"]);
    // Read again (the lookback covers it): nothing changes twice.
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({});

    const replayed = await s.connector.replay(ack?.id ?? "");
    expect(replayed.outcome).toBe("posted");
    expect(replayed.document.id).not.toBe(ack?.id);
    expect(replayed.document).toMatchObject({ revision: 2, fileName: `PR${order}-2-v7.7-BulkImport.json` });
    const names = s.sps.mailbox.inbound().map((file) => file.name);
    expect(names).toEqual([first, `PR${order}-2-v7.7-BulkImport.json`]);
    expect((await s.stores.audit.getDocument(ack?.id ?? ""))?.status).toBe("rejected_by_sps");
  });

  it("a partner rule rejects an upload after a delay: rejected_by_sps straight from posted, with SPS's reasons", async () => {
    const clock = spsClock();
    const s = await start({
      verdicts: true,
      sps: {
        clock,
        verdictDelayMs: VERDICT_DELAY_MS,
        rejectUploads: (file) =>
          file.name.startsWith("PR") ? [{ path: "", code: "not_expected", message: "No 855 expected" }] : undefined,
      },
    });
    const [order] = await s.receive({ po: "V-2" });
    s.x3.data.allocate(order ?? "");
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    clock.advance(VERDICT_DELAY_MS - 1_000);
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({});
    clock.advance(1_000);
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ rejected_by_sps: 1 });
    const { items } = await s.stores.audit.findDocuments({ status: "rejected_by_sps" });
    expect(items.map((document) => [document.type, document.reasons.map((reason) => reason.message)])).toEqual([
      ["855", ["No 855 expected"]],
    ]);
  });
});
