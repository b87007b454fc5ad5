import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { type ConnectorEvent, createSageX3OrderGateway } from "../../src/index.js";
import { createOrderEffect } from "../../src/ledger/effects.js";
import { type Systems, useSystems } from "../support/systems.js";

// What a crash or a lost answer leaves is settled at once here; the in-doubt window before it: ledger/in-doubt-window.test.ts.
const start = useSystems({ connector: { inDoubtWindowMs: 0 } });

/** Two X3 sales orders of the sandbox customer with this PO number, as a user keying it in twice would leave. */
function twoOrdersInX3(s: Systems, po: string): void {
  const [template] = s.x3.data.list("SORDER");
  if (!template) throw new Error("needs one order to copy");
  for (const suffix of ["A", "B"])
    s.x3.data.put("SORDER", { ...template, SOHNUM: `HAND${po}${suffix}`, CUSORDREF: po });
}

describe("orders-in: no document stops the others (over real HTTP)", () => {
  it("invalid identifiers are rejected with a reason before any ledger entry; the good POs go through", async () => {
    const s = await start();
    const hostile = ["PO\t1001", "PO\u00001", "\ud800", "", "X".repeat(1000), " PO-SP "];
    hostile.forEach((po, i) => {
      s.sps.mailbox.putOutbound(`BAD${i}-v7.7-BulkImport.json`, bytesOf(make850({ po })));
    });
    for (const po of ["PO-G1", "PO-G2"]) s.sps.mailbox.putOutbound(fileNameOf({ po }), bytesOf(make850({ po })));

    const first = await s.connector.runOnce("orders-in");
    expect(first.error).toBeUndefined();
    expect(first.outcomes).toEqual({ rejected: hostile.length, created: 2 });
    expect(s.x3.data.list("SORDER")).toHaveLength(2);
    expect(await s.stores.audit.listInProgress()).toEqual([]);
    const rejected = (await s.stores.audit.findDocuments({ status: "rejected" })).items;
    expect(rejected).toHaveLength(hostile.length);
    for (const document of rejected) {
      expect(document.reasons.map((reason) => reason.code)).toEqual(["invalid_identifier"]);
      expect(document.naturalKey).toBe(`file:${document.fileName}`);
      // What is stored and shown is escaped: no control character reaches the audit trail.
      expect([...(document.poNumber ?? "")].every((char) => char >= " ")).toBe(true);
    }
    for (const po of hostile) {
      expect(await s.stores.audit.getEffect(createOrderEffect.key({ partnerId: "ACME", po }))).toBeUndefined();
    }

    const second = await s.restart().runOnce("orders-in");
    expect(second).toMatchObject({ outcomes: {}, documents: 0 });
    expect(second.error).toBeUndefined();
    expect(s.sps.mailbox.paths("out")).toEqual([]);
  });

  it("X3 holding two orders for one customer + PO: that 850 is rejected with the reason, the run goes on", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-T1" }), bytesOf(make850({ po: "PO-T1" })));
    await s.connector.runOnce("orders-in");
    twoOrdersInX3(s, "PO-DUP");

    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-DUP" }), bytesOf(make850({ po: "PO-DUP" })));
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-OK" }), bytesOf(make850({ po: "PO-OK" })));
    const run = await s.connector.runOnce("orders-in");
    expect(run.error).toBeUndefined();
    expect(run.outcomes).toEqual({ rejected: 1, created: 1 });
    const [dup] = (await s.stores.audit.findDocuments({ poNumber: "PO-DUP" })).items;
    expect(dup?.status).toBe("rejected");
    expect(dup?.reasons[0]?.message).toContain("More than one SORDER");
    expect(await s.stores.audit.listInProgress()).toEqual([]);
    expect((await s.restart().runOnce("orders-in")).error).toBeUndefined();
  });

  it("an unfinished create that cannot be reconciled is marked and reported; the run goes on", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-T2" }), bytesOf(make850({ po: "PO-T2" })));
    await s.connector.runOnce("orders-in");
    twoOrdersInX3(s, "PO-CRASH");
    // A crash left this create in progress (its 850 was recorded and its file is still in the mailbox).
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-CRASH" }), bytesOf(make850({ po: "PO-CRASH" })));
    const crashed = await s.stores.audit.recordDocument({
      direction: "in",
      type: "850",
      partnerId: "ACME",
      naturalKey: "850:ACME:PO-CRASH",
      poNumber: "PO-CRASH",
      status: "received",
    });
    const key = createOrderEffect.key({ partnerId: "ACME", po: "PO-CRASH" });
    await s.stores.audit.beginEffect(key, {
      operation: createOrderEffect.operation,
      documentId: crashed.id,
      naturalKey: crashed.naturalKey,
      data: { kind: "sales", partyCode: "C0001", reference: "PO-CRASH" },
    });
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-OK2" }), bytesOf(make850({ po: "PO-OK2" })));

    const events: ConnectorEvent[] = [];
    const connector = s.restart();
    connector.on((event) => events.push(event));
    const run = await connector.runOnce("orders-in");
    expect(run.error).toBeUndefined();
    expect(run.problems).toEqual([expect.objectContaining({ code: "unreconciled", effectKey: key })]);
    expect(events.filter((event) => event.type === "effect.unreconciled")).toHaveLength(1);
    expect(run.outcomes).toMatchObject({ created: 1, rejected: 1 });
    expect(await s.stores.audit.getEffect(key)).toMatchObject({ state: "failed" });
    expect(await s.stores.audit.getDocument(crashed.id)).toMatchObject({
      status: "failed",
      reasons: [expect.objectContaining({ code: "unreconciled" })],
    });
    const next = await s.restart().runOnce("orders-in");
    expect(next.error).toBeUndefined();
    expect(next.problems).toBeUndefined();
  });

  it("an empty PO number never matches a hand-keyed X3 order without a customer order reference", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-T3" }), bytesOf(make850({ po: "PO-T3" })));
    await s.connector.runOnce("orders-in");
    const [template] = s.x3.data.list("SORDER");
    s.x3.data.put("SORDER", { ...template, SOHNUM: "HANDKEYED", CUSORDREF: "" });
    expect(s.x3.data.list("SORDER").filter((order) => order.CUSORDREF === "")).toHaveLength(1);
    expect(await createSageX3OrderGateway(s.x3Client).find("sales", "C0001", "")).toBeUndefined();
  });
});
