import { controlNumberFor, functionalAckFileName, serializeFunctionalAck } from "@ml-connector/rsx";
import { manualClock } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import type { ConnectorEvent } from "../../src/index.js";
import { type OutboundSystems, useOutboundSystems } from "../outbound/support/over-http.js";

const start = useOutboundSystems();

/** The SPS sandbox's clock, moved by the test. */
const spsClock = () => manualClock(Date.parse("2026-11-30T09:00:00Z"));

const HISTORY_DELAY_MS = 10 * 60_000;

/** The partner accepts the 855 for PO FA-1 and rejects the one for FA-2 (a bad code in its BAK segment). */
const partner997 = {
  functionalAcks: (file: { text: string }) =>
    file.text.includes('"FA-2"')
      ? {
          code: "R" as const,
          syntaxErrors: ["5"],
          notes: [
            {
              SegmentIdCode: "BAK",
              SegmentPosition: 2,
              SegmentSyntaxErrorCode: "8",
              DataElementNote: [{ ElementPosition: 2, DataElementSyntaxErrorCode: "7", BadDataElementCopy: "AD" }],
            },
          ],
        }
      : { code: "A" as const },
};

async function postTwoAcks(s: OutboundSystems): Promise<string[]> {
  const orders = await s.receive({ po: "FA-1" }, { po: "FA-2" });
  for (const order of orders) s.x3.data.allocate(order);
  s.tick();
  expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 2 });
  return orders;
}

describe("997 functional acknowledgments from the mailbox (over HTTP)", () => {
  it("are stored with their bytes, linked to the 855s they acknowledge, set SPS's verdict, and leave the mailbox", async () => {
    const clock = spsClock();
    const s = await start({
      verdicts: true,
      sps: { clock, verdictDelayMs: HISTORY_DELAY_MS, ...partner997 },
    });
    const events: ConnectorEvent[] = [];
    s.connector.on((event) => {
      if (event.type.includes("_by_sps")) events.push(event);
    });
    const orders = await postTwoAcks(s);

    // Our uploads carry the control numbers the 997s name: derived from the file name, kept in the audit.
    const names = orders.map((order) => `PR${order}-1-v7.7-BulkImport.json`);
    for (const name of names) {
      const uploaded = JSON.parse(s.inbound().find((file) => file.name === name)?.text ?? "{}");
      expect(uploaded.Meta).toMatchObject({
        GroupControlNumber: controlNumberFor(name),
        DocumentControlNumber: controlNumberFor(name),
      });
      const [recorded] = (await s.stores.audit.findDocuments({ fileName: name })).items;
      expect(recorded?.metadata?.controlNumber).toBe(controlNumberFor(name));
    }
    const ackFiles = s.sps.mailbox.paths("out");
    expect(ackFiles).toEqual(["out/FA000000001.json", "out/FA000000002.json"]);
    const bytes = ackFiles.map((path) => s.sps.mailbox.read(path));

    const run = await s.connector.runOnce("orders-in");
    expect(run.outcomes).toEqual({ applied: 2, accepted_by_sps: 1, rejected_by_sps: 1 });
    expect(s.sps.mailbox.paths("out")).toEqual([]);

    const [accepted, rejected] = await Promise.all(
      names.map(async (name) => (await s.stores.audit.findDocuments({ fileName: name })).items[0]),
    );
    expect(accepted?.status).toBe("accepted_by_sps");
    expect(rejected).toMatchObject({ status: "rejected_by_sps" });
    expect(rejected?.reasons.map((reason) => [reason.code, reason.path])).toEqual([
      ["997:AK502:5", "997:TransactionSetResponse[0].TransactionSetSyntaxErrorCodes[0]"],
      ["997:AK304:8", "997:TransactionSetResponse[0].DataSegmentNote[0]"],
      ["997:AK403:7", "997:TransactionSetResponse[0].DataSegmentNote[0].DataElementNote[0]"],
    ]);
    expect(rejected?.reasons[2]?.message).toContain(
      'Invalid code value (segment BAK at position 2, element 2, value "AD")',
    );

    // Each 997 is in the audit trail with its bytes (the very bytes deleted from SPS), linked to what it acknowledges.
    const acks = (await s.stores.audit.findDocuments({ type: "997", order: "asc" })).items;
    expect(acks.map((ack) => [ack.fileName, ack.status, ack.direction, ack.partnerId])).toEqual([
      ["FA000000001.json", "applied", "in", "ACME"],
      ["FA000000002.json", "applied", "in", "ACME"],
    ]);
    const deletions = s.sps.mailbox.deletions().filter((deletion) => deletion.name.startsWith("FA"));
    expect(deletions.map((deletion) => deletion.sha256)).toEqual(acks.map((ack) => ack.payloadSha256));
    for (const [index, ack] of acks.entries()) {
      expect(await s.stores.audit.getPayload(ack.id)).toEqual(bytes[index]);
      const links = await s.stores.audit.linksOf({ kind: "document", id: ack.id });
      expect(links.map((link) => [link.relation, link.to])).toEqual([
        ["acknowledges", { kind: "document", id: [accepted, rejected][index]?.id }],
      ]);
    }
    const chain = await s.stores.audit.chain({ documentId: acks[1]?.id ?? "" });
    expect(chain.documents.map((document) => document.type)).toEqual(expect.arrayContaining(["850", "855", "997"]));

    // The history gives SPS's own verdict later (accepted, both): the 997's accepted one is confirmed, not applied
    // twice; the partner's rejection stands.
    clock.advance(HISTORY_DELAY_MS);
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({});
    expect(events.map((event) => [event.type, "fileName" in event ? event.fileName : undefined])).toEqual([
      ["document.accepted_by_sps", names[0]],
      ["document.rejected_by_sps", names[1]],
    ]);

    // The rejected 855 is replayed as a new revision, as after a rejection in the history.
    const replayed = await s.connector.replay(rejected?.id ?? "");
    expect(replayed.document).toMatchObject({ revision: 2, status: "posted" });
  });

  it("reads them from out/FA/ on an account set up by document type", async () => {
    const s = await start({
      folders: ["out/*/"],
      sps: { layout: "by-type", ...partner997 },
    });
    await postTwoAcks(s);
    expect(s.sps.mailbox.paths("out")).toEqual(["out/FA/FA000000001.json", "out/FA/FA000000002.json"]);
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({
      applied: 2,
      accepted_by_sps: 1,
      rejected_by_sps: 1,
    });
    expect(s.sps.mailbox.paths("out")).toEqual([]);
  });

  it("a 997 that acknowledges nothing we uploaded is kept in the mailbox, recorded once and listed as parked", async () => {
    const s = await start({});
    const stranger = serializeFunctionalAck(
      {
        Header: {
          FunctionalAckHeader: {
            TradingPartnerId: "ACME",
            FunctionalIdentifierCode: "IN",
            GroupControlNumber: "777000111",
            GroupAcknowledgmentCode: "A",
          },
        },
        TransactionSetResponse: [
          {
            TransactionSetIdentifierCode: "810",
            TransactionSetControlNumber: "777000111",
            TransactionSetAcknowledgmentCode: "A",
          },
        ],
      },
      { format: "xml" },
    );
    const path = s.sps.mailbox.putOutbound(functionalAckFileName({ id: "55", format: "xml" }), stranger);
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ parked: 1 });
    expect(s.sps.mailbox.has(path)).toBe(true);
    const parked = (await s.stores.audit.findDocuments({ status: "parked" })).items;
    expect(parked.map((document) => [document.type, document.fileName, document.reasons[0]?.code])).toEqual([
      ["997", "FA55.xml", "unknown_acknowledgment"],
    ]);
    expect(parked[0]?.reasons[0]?.message).toContain("810 777000111");
    expect(await s.stores.audit.getPayload(parked[0]?.id ?? "")).toEqual(new TextEncoder().encode(stranger));
    // Said once: the next run leaves it be.
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({});
    expect(s.sps.mailbox.has(path)).toBe(true);
    expect((await s.stores.audit.findDocuments({ type: "997" })).items).toHaveLength(1);
  });

  it("the file leaves SPS only once the 997 is durably applied: a crash in between leaves it for the next run", async () => {
    const s = await start({ sps: partner997 });
    await postTwoAcks(s);
    let crashes = 0;
    s.connector.on((event) => {
      if (event.type === "document.rejected_by_sps" && crashes++ === 0) s.crash.crash();
    });
    const crashed = await s.connector.runOnce("orders-in");
    expect(crashed.outcomes.failed).toBeGreaterThanOrEqual(1);
    expect(s.sps.mailbox.paths("out")).toContain("out/FA000000002.json");
    expect(s.sps.mailbox.deletions().map((deletion) => deletion.name)).not.toContain("FA000000002.json");

    s.crash.restart();
    const again = await s.restart().runOnce("orders-in");
    expect(again.outcomes.applied).toBeGreaterThanOrEqual(1);
    expect(again.outcomes.rejected_by_sps).toBeUndefined(); // applied before the crash: not a second transition
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    const rejected = (await s.stores.audit.findDocuments({ status: "rejected_by_sps" })).items;
    expect(rejected).toHaveLength(1);
    const acks = (await s.stores.audit.findDocuments({ type: "997" })).items;
    expect(acks.map((ack) => ack.status)).toEqual(["applied", "applied"]);
  });
});
