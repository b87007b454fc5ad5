import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { useSystems } from "../support/systems.js";

// What a crash or a lost answer leaves is settled at once here; the in-doubt window before it: ledger/in-doubt-window.test.ts.
const start = useSystems({ connector: { inDoubtWindowMs: 0 } });

describe("orders-in: crashes and restarts over real HTTP", () => {
  it("X3 created the order but the answer was lost (crash before the ledger write): the restart finds it, one order", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-C1" }), bytesOf(make850({ po: "PO-C1" })));
    s.x3.faults.add({ route: s.x3.routes.create, resetAfterHandler: true, times: 1 });

    const first = await s.connector.runOnce("orders-in");
    expect(first.outcomes).toEqual({ failed: 1 });
    expect(s.x3.data.list("SORDER")).toHaveLength(1); // the effect happened
    expect(s.sps.mailbox.paths("out")).toHaveLength(1); // the file did not leave out/
    // Closed as possibly done (not left in progress): the next attempt looks in X3 before any create.
    expect(await s.stores.audit.listInProgress()).toHaveLength(0);

    const second = await s.restart().runOnce("orders-in");
    expect(second.outcomes).toEqual({ created: 1 });
    expect(s.x3.data.list("SORDER")).toHaveLength(1);
    expect(s.x3.counters.get(s.x3.routes.create)).toBe(1);
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    const [doc] = (await s.stores.audit.findDocuments({ poNumber: "PO-C1" })).items;
    expect(doc).toMatchObject({ status: "created", x3Key: s.x3.data.list("SORDER")[0]?.SOHNUM });
  });

  it("the delete failed after the create (crash before the delete): the restart deletes the file, no second order", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-C2" }), bytesOf(make850({ po: "PO-C2" })));
    const removeFault = s.sps.faults.add({ route: "transactions.delete", status: 503, times: 20 });

    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(s.sps.mailbox.paths("out")).toHaveLength(1);
    removeFault();

    expect((await s.restart().runOnce("orders-in")).outcomes).toEqual({ already_handled: 1 });
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    expect(s.x3.data.list("SORDER")).toHaveLength(1);
    const [doc] = (await s.stores.audit.findDocuments({ poNumber: "PO-C2" })).items;
    const attempts = await s.stores.audit.listAttempts(doc?.id ?? "");
    expect(attempts.map((a) => `${a.operation}:${a.outcome}`)).toEqual([
      "x3.create:success",
      "sps.delete:failure",
      "sps.delete:success",
    ]);
  });

  it("X3 down for a run: the document fails, stays in out/, and goes through on the next run", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-C3" }), bytesOf(make850({ po: "PO-C3" })));
    const outage = s.x3.faults.add({ route: s.x3.routes.query, status: 503 });
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ failed: 1 });
    expect(s.sps.mailbox.paths("out")).toHaveLength(1);
    outage();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(s.x3.data.list("SORDER")).toHaveLength(1);
  });

  it("an SPS token revoked in the middle of a run: one refresh, every document goes through", async () => {
    const s = await start();
    for (let i = 0; i < 6; i += 1) {
      s.sps.mailbox.putOutbound(fileNameOf({ po: `PO-T${i}` }), bytesOf(make850({ po: `PO-T${i}` })));
    }
    let revoked = false;
    s.connector.on((event) => {
      if (event.type === "document.created" && !revoked) {
        revoked = true;
        s.sps.revokeAccessTokens();
      }
    });
    const summary = await s.connector.runOnce("orders-in");
    expect(summary.outcomes).toEqual({ created: 6 });
    expect(s.sps.counters.get("token")).toBe(2);
    expect(s.sps.mailbox.paths("out")).toEqual([]);
  });
});
