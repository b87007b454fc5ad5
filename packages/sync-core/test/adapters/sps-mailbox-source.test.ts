import { buildOrderAck, type Order, serializeRsx } from "@ml-connector/rsx";
import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { createSpsMailboxSource } from "../../src/index.js";
import { startSystems } from "../support/systems.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** What lands in out/ besides 850s: an 855 sent to us by mistake, an 860 of an unknown PO, a report, a file with no extension. */
function strays(): {
  name: string;
  bytes: Uint8Array;
  status: "parked" | "rejected" | "received";
  code: string;
  says: RegExp;
  type: string;
}[] {
  const order = make850({ po: "STRAY-1" }) as unknown as Order;
  const ack = buildOrderAck(order, [], { acknowledgementDate: "2026-11-28", acknowledgementNumber: "SO1" });
  const change = make850({ po: "STRAY-2" }) as { Header: { OrderHeader: Record<string, unknown> } };
  change.Header.OrderHeader.ChangeOrderSeqNumber = "1";
  return [
    {
      name: "PRSO1-1-v7.7-BulkImport.json",
      bytes: utf8(serializeRsx(ack, { type: "OrderAck", format: "json" })),
      status: "parked",
      code: "not_an_order",
      says: /OrderAck \(855\)/,
      type: "855",
    },
    {
      name: "PCSTRAY-2-v7.7-BulkImport.json",
      bytes: bytesOf(change),
      // An 860 for a PO this connector never created: it waits in the mailbox for its 850.
      status: "received",
      code: "waiting_for_order",
      says: /has not created in X3 yet/,
      type: "860",
    },
    {
      name: "report.txt",
      bytes: utf8("Daily report: 12 orders\n"),
      status: "parked",
      code: "unknown_document",
      says: /neither JSON nor XML/,
      type: "850",
    },
    { name: "README", bytes: utf8(""), status: "rejected", code: "empty", says: /empty/, type: "850" },
  ];
}

describe("createSpsMailboxSource: every file in out/ is seen", () => {
  it("lists every file, not only PO*: a file that is not an 850 is recorded with its bytes and parked in place; an empty one rejected and removed", async () => {
    const s = await startSystems();
    try {
      const po = fileNameOf({ po: "PO-S1" });
      s.sps.mailbox.putOutbound(po, bytesOf(make850({ po: "PO-S1" })));
      const others = strays();
      for (const file of others) s.sps.mailbox.putOutbound(file.name, file.bytes);

      const summary = await s.connector.runOnce("orders-in");
      const parked = others.filter((file) => file.status === "parked");
      const waiting = others.filter((file) => file.status === "received");
      expect(summary.outcomes).toEqual({
        created: 1,
        parked: parked.length,
        waiting: waiting.length,
        rejected: others.length - parked.length - waiting.length,
      });
      expect(s.sps.mailbox.paths("out")).toEqual([...parked, ...waiting].map((file) => `out/${file.name}`).sort());
      expect(s.x3.data.list("SORDER").map((o) => o.CUSORDREF)).toEqual(["PO-S1"]);
      for (const file of others) {
        const { items } = await s.stores.audit.findDocuments({ fileName: file.name });
        expect(items, file.name).toHaveLength(1);
        const document = items[0];
        expect(document?.status, file.name).toBe(file.status);
        // Recorded as what it is (an unreadable file counts as a bad 850), never under an 850's natural key.
        expect(document?.type, file.name).toBe(file.type);
        if (file.type !== "850" && file.type !== "860") {
          expect(document?.naturalKey, file.name).toBe(`file:${file.name}`);
        }
        const reason = document?.reasons.find((r) => r.code === file.code);
        expect(reason?.message, `${file.name}: ${JSON.stringify(document?.reasons)}`).toMatch(file.says);
        expect(await s.stores.audit.getPayload(document?.id ?? ""), file.name).toEqual(file.bytes);
      }
    } finally {
      await s.close();
    }
  });

  it("with prefix: 'PO', lists only 850 files (for a mailbox shared with another reader)", async () => {
    const s = await startSystems();
    try {
      s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-S2" }), bytesOf(make850({ po: "PO-S2" })));
      s.sps.mailbox.putOutbound("report.txt", utf8("not ours"));
      const source = createSpsMailboxSource(s.spsClient, { prefix: "PO" });
      const names: string[] = [];
      for await (const page of source.pages(new AbortController().signal)) names.push(...page.map((f) => f.name));
      expect(names).toEqual([fileNameOf({ po: "PO-S2" })]);
      const all: string[] = [];
      const every = createSpsMailboxSource(s.spsClient, { pageSize: 1 });
      for await (const page of every.pages(new AbortController().signal)) all.push(...page.map((f) => f.path));
      expect(all.sort()).toEqual([`out/${fileNameOf({ po: "PO-S2" })}`, "out/report.txt"]);
    } finally {
      await s.close();
    }
  });
});
