import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import {
  type ConnectorEvent,
  createConnector,
  createSageX3OrderGateway,
  type OrdersInSettings,
} from "../../src/index.js";
import { findUnsafeDeletions } from "../../src/testing/index.js";
import { type Systems, sandboxMappings, useSystems } from "../support/systems.js";

// What orders-in will not read (odd names, too big) or cannot process yet (not an 850) is parked: recorded once with
// the reason, left in SPS untouched, never a failure; picked up when it can be.

const start = useSystems();

/** A connector on the systems' stores and sandboxes, built from the SPS client with the given orders-in settings. */
function connectorWith(s: Systems, ordersIn: OrdersInSettings) {
  return createConnector({
    stores: s.stores,
    sps: s.spsClient,
    orderGateway: createSageX3OrderGateway(s.x3Client),
    mappings: sandboxMappings,
    flows: { "orders-in": ordersIn },
  });
}

const manyLines = Array.from({ length: 40 }, (_, index) => ({
  vendorPart: "WID-001",
  buyerPart: `B-${1000 + index}`,
  qty: 1,
  price: 4.5,
}));

describe("orders-in: parked files, over real HTTP", () => {
  it("names it will not download and files over maxBytes: parked once, left in out/, never a failure", async () => {
    const s = await start();
    const good = fileNameOf({ po: "PO-OK" });
    s.sps.mailbox.putOutbound(good, bytesOf(make850({ po: "PO-OK" })));
    const oddNames = [
      "PO#1-v7.7-BulkImport.json",
      "PO%41-v7.7-BulkImport.json",
      "PO?1.json",
      "PO1.json ",
      `PO${"9".repeat(1030)}.json`,
    ];
    for (const name of oddNames) s.sps.mailbox.putOutbound(name, bytesOf(make850({ po: "PO-ODD" })));
    const big = fileNameOf({ po: "PO-BIG" });
    const bigBytes = bytesOf(make850({ po: "PO-BIG", lines: manyLines }));
    s.sps.mailbox.putOutbound(big, bigBytes);
    const maxBytes = 8_000;
    expect(bigBytes.byteLength).toBeGreaterThan(maxBytes);
    expect(s.sps.mailbox.read(`out/${good}`)?.byteLength).toBeLessThan(maxBytes);

    const connector = connectorWith(s, { maxBytes });
    const events: ConnectorEvent[] = [];
    connector.on((event) => events.push(event));
    const first = await connector.runOnce("orders-in");
    expect(first.outcomes).toEqual({ created: 1, parked: 6 });
    expect(s.sps.mailbox.paths("out").sort()).toEqual([...oddNames, big].map((name) => `out/${name}`).sort());
    // Odd names were never asked for (the big file was, and refused on its announced length).
    const downloaded = s.sps.mailbox
      .history()
      .filter((entry) => entry.status_log.some((item) => item.status === "downloaded"))
      .map((entry) => entry.path);
    expect(downloaded.sort()).toEqual([`/out/${good}`, `/out/${big}`].sort());

    const parked = (await s.stores.audit.findDocuments({ status: "parked" })).items;
    expect(parked.map((document) => [document.fileName, document.reasons[0]?.code]).sort()).toEqual(
      [...oddNames.map((name) => [name, "unreadable_name"]), [big, "too_large"]].sort(),
    );
    expect(parked.every((document) => document.payloadSha256 === undefined)).toBe(true);
    expect(parked.find((document) => document.fileName === big)?.reasons[0]?.message).toMatch(/8000-byte limit/);
    expect(events.filter((event) => event.type === "document.parked")).toHaveLength(6);

    // Reported once: the next runs record nothing new, count nothing, emit nothing.
    events.length = 0;
    const second = await connector.runOnce("orders-in");
    expect(second.outcomes).toEqual({});
    expect(events.filter((event) => event.type.startsWith("document."))).toEqual([]);
    expect((await s.stores.audit.findDocuments({ status: "parked" })).items).toHaveLength(6);

    // The limit raised: the big file is read, processed and removed; its parked record is closed.
    const raised = await connectorWith(s, { maxBytes: 100_000 }).runOnce("orders-in");
    expect(raised.outcomes).toEqual({ created: 1 });
    expect(s.sps.mailbox.has(`out/${big}`)).toBe(false);
    const stillParked = (await s.stores.audit.findDocuments({ status: "parked" })).items;
    expect(stillParked.map((document) => document.fileName).sort()).toEqual([...oddNames].sort());
    const closed = (await s.stores.audit.findDocuments({ fileName: big, status: "ignored" })).items;
    expect(closed.map((document) => document.reasons[0]?.code)).toEqual(["read_later"]);
    expect(await findUnsafeDeletions(s.stores.audit, s.sps.mailbox.deletions())).toEqual([]);
  });

  it("what is not an 850 is parked with its bytes, not rejected and deleted; parked once", async () => {
    const s = await start();
    const ack = make850({ po: "PO-ACK" }) as { Header: { OrderHeader: Record<string, unknown> } };
    ack.Header.OrderHeader.AcknowledgementType = "AD";
    ack.Header.OrderHeader.AcknowledgementDate = "2026-11-28";
    const files: Record<string, string | Uint8Array> = {
      "PR-ACK-v7.7-BulkImport.json": bytesOf(ack),
      "FA0001.edi":
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261128*1200*U*00401*000000001*0*P*>~ST*997*0001~AK1*PO*1~AK9*A*1*1*1~SE*4*0001~",
      "status.xml":
        '<?xml version="1.0"?><FunctionalAcknowledgment><Status>Accepted</Status></FunctionalAcknowledgment>',
      "notice.json": JSON.stringify({ Notice: { Text: "Mailbox maintenance on Sunday" } }),
    };
    for (const [name, content] of Object.entries(files)) s.sps.mailbox.putOutbound(name, content);
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-BAD" }), "{ not json");

    const first = await s.connector.runOnce("orders-in");
    expect(first.outcomes).toEqual({ parked: 4, rejected: 1 });
    // A broken 850 is still rejected (kept, replayable) and removed; the others stay.
    expect(s.sps.mailbox.paths("out").sort()).toEqual(
      Object.keys(files)
        .map((name) => `out/${name}`)
        .sort(),
    );
    const parked = (await s.stores.audit.findDocuments({ status: "parked" })).items;
    const byName = Object.fromEntries(parked.map((document) => [document.fileName, document]));
    expect(Object.keys(byName).sort()).toEqual(Object.keys(files).sort());
    expect(byName["PR-ACK-v7.7-BulkImport.json"]).toMatchObject({ type: "855", reasons: [{ code: "not_an_order" }] });
    for (const name of ["FA0001.edi", "status.xml", "notice.json"]) {
      expect(byName[name]?.reasons[0]?.code).toBe("unknown_document");
    }
    for (const [name, content] of Object.entries(files)) {
      expect(await s.stores.audit.getPayload(byName[name]?.id ?? "")).toEqual(
        typeof content === "string" ? new TextEncoder().encode(content) : content,
      );
    }

    const second = await s.restart().runOnce("orders-in");
    expect(second.outcomes).toEqual({});
    expect((await s.stores.audit.findDocuments({ status: "parked" })).items).toHaveLength(4);
    expect(await findUnsafeDeletions(s.stores.audit, s.sps.mailbox.deletions())).toEqual([]);
  });

  it("a parked document that the flow can process now: picked up by the next run, or by replay", async () => {
    const s = await start();
    // Parked by an earlier version that could not process them (as 860s are today).
    const park = async (po: string) => {
      const name = fileNameOf({ po });
      const bytes = bytesOf(make850({ po }));
      s.sps.mailbox.putOutbound(name, bytes);
      return s.stores.audit.recordDocument({
        direction: "in",
        type: "850",
        flow: "orders-in",
        partnerId: "ACME",
        naturalKey: `file:${name}`,
        status: "parked",
        reasons: [{ path: "", code: "not_an_order", message: "not processed by that version" }],
        fileName: name,
        payload: bytes,
      });
    };
    const byRun = await park("PO-LATER-1");
    const byReplay = await park("PO-LATER-2");

    const replayed = await s.connector.replay(byReplay.id);
    expect(replayed).toMatchObject({ outcome: "created", document: { id: byReplay.id, status: "created" } });

    const run = await s.connector.runOnce("orders-in");
    // One processed from the mailbox, the replayed one's file removed without a second order.
    expect(run.outcomes).toEqual({ created: 1, already_handled: 1 });
    expect(await s.stores.audit.getDocument(byRun.id)).toMatchObject({ status: "created" });
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    expect(s.x3.data.list("SORDER")).toHaveLength(2);
    expect(await findUnsafeDeletions(s.stores.audit, s.sps.mailbox.deletions())).toEqual([]);
  });

  it("replay of a file parked unread says why there is nothing to replay", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound("PO#9.json", "{}");
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ parked: 1 });
    const [parked] = (await s.stores.audit.findDocuments({ status: "parked" })).items;
    await expect(s.connector.replay(parked?.id ?? "")).rejects.toMatchObject({
      kind: "conflict",
      message: expect.stringContaining("parked unread (unreadable_name)"),
    });
  });
});
