import { ANSWER_ANOMALIES, bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { findUnsafeDeletions } from "../../src/testing/index.js";
import { useSystems } from "../support/systems.js";

// Nothing leaves SPS unless its bytes are stored and its outcome is final: for every way a download answer can fail
// to be the file, the run keeps the file, and the next run stores its real bytes before deleting it.

const start = useSystems();

describe("orders-in: download answers that are not the file, over real HTTP", () => {
  for (const anomaly of ANSWER_ANOMALIES) {
    it(`${anomaly}: the file stays in out/, then goes through with its real bytes`, async () => {
      const s = await start();
      const name = fileNameOf({ po: `PO-${anomaly}` });
      const bytes = bytesOf(make850({ po: `PO-${anomaly}` }));
      s.sps.mailbox.putOutbound(name, bytes);
      // Every attempt of the run meets it (retries included).
      const remove = s.sps.faults.add({ route: s.sps.routes.download, method: "GET", anomaly });

      const first = await s.connector.runOnce("orders-in");
      expect(first.outcomes).toEqual({ failed: 1 });
      expect(s.sps.mailbox.paths("out")).toEqual([`out/${name}`]);
      expect(s.sps.mailbox.deletions()).toEqual([]);
      expect((await s.stores.audit.findDocuments({ fileName: name })).items).toEqual([]);
      expect(s.x3.data.list("SORDER")).toHaveLength(0);

      remove();
      const second = await s.restart().runOnce("orders-in");
      expect(second.outcomes).toEqual({ created: 1 });
      expect(s.sps.mailbox.paths("out")).toEqual([]);
      expect(await findUnsafeDeletions(s.stores.audit, s.sps.mailbox.deletions())).toEqual([]);
      const [document] = (await s.stores.audit.findDocuments({ fileName: name })).items;
      expect(await s.stores.audit.getPayload(document?.id ?? "")).toEqual(new Uint8Array(bytes));
    });
  }

  it("a redirect answered to the delete: the order is created once, the file stays, the next run removes it", async () => {
    const s = await start();
    const name = fileNameOf({ po: "PO-DEL302" });
    s.sps.mailbox.putOutbound(name, bytesOf(make850({ po: "PO-DEL302" })));
    const remove = s.sps.faults.add({ route: s.sps.routes.delete, method: "DELETE", anomaly: "redirect" });

    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(s.sps.mailbox.paths("out")).toEqual([`out/${name}`]);
    const [document] = (await s.stores.audit.findDocuments({ fileName: name })).items;
    const attempts = await s.stores.audit.listAttempts(document?.id ?? "");
    expect(attempts.at(-1)).toMatchObject({ operation: "sps.delete", outcome: "failure", httpStatus: 302 });

    remove();
    expect((await s.restart().runOnce("orders-in")).outcomes).toEqual({ already_handled: 1 });
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    expect(s.x3.data.list("SORDER")).toHaveLength(1);
    expect(await findUnsafeDeletions(s.stores.audit, s.sps.mailbox.deletions())).toEqual([]);
  });
});

describe("findUnsafeDeletions", () => {
  it("reports a deletion without a stored copy, with other bytes, or with an outcome that is not final", async () => {
    const s = await start();
    const audit = s.stores.audit;
    const kept = await audit.recordDocument({
      direction: "in",
      type: "850",
      partnerId: "ACME",
      naturalKey: "850:ACME:PO-1",
      status: "failed",
      fileName: "PO-1.json",
      payload: new TextEncoder().encode("{}"),
    });
    const sha = kept.payloadSha256 ?? "";
    const problems = await findUnsafeDeletions(audit, [
      { path: "out/unknown.json", sha256: sha },
      { path: "out/PO-1.json", sha256: "0".repeat(64) },
      { path: "out/PO-1.json", sha256: sha },
    ] satisfies { path: string; sha256: string }[]);
    expect(problems.map((problem) => problem.problem)).toEqual([
      "deleted, but no audit document has this file name",
      "deleted, but none of the 1 audit document(s) of this file name stores these bytes",
      "deleted while its document is failed (not final)",
    ]);
    await audit.updateDocument(kept.id, { status: "rejected" });
    expect(await findUnsafeDeletions(audit, [{ path: "out/PO-1.json", sha256: sha }])).toEqual([]);
  });
});
