import { describe, expect, it } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { jsonLines, useSystems } from "../support/run.js";

// Files orders-in will not read (odd names, over flows.orders-in.maxBytes) or cannot process (not an 850) used to
// make every `sync --once` exit 1 and stay unaudited: they are parked, reported once, and listed.

const start = useSystems();

describe("sync --once with files it parks", () => {
  it("exits 0, reports each parked file once, honours flows.orders-in.maxBytes, and audit list --status parked lists them", async () => {
    const s = await start({
      edit: (config) => {
        const flows = config.flows as Record<string, Record<string, unknown>>;
        flows["orders-in"] = { ...flows["orders-in"], maxBytes: 6_000 };
      },
    });
    const [order] = demoOrders(1);
    if (!order) throw new Error("no demo order");
    s.sps.mailbox.putOutbound(order.fileName, order.content);
    const odd = ["PO#7-v7.7-BulkImport.json", "PO 8.json "];
    for (const name of odd) s.sps.mailbox.putOutbound(name, order.content);
    // Over the configured 6,000 bytes, far under the 10 MB default.
    s.sps.mailbox.putOutbound("PO-BIG-v7.7-BulkImport.json", `{"Header":{},"pad":"${"x".repeat(20_000)}"}`);
    s.sps.mailbox.putOutbound("FA1.edi", "ISA*00*~ST*997*0001~AK9*A*1*1*1~SE*3*0001~");

    const first = await s.cli("sync", "--once", "--flow", "orders-in");
    expect(first.code).toBe(0);
    const lines = jsonLines(first.stdout);
    expect(lines.find((line) => line.msg === "summary")?.outcomes).toEqual({ created: 1, parked: 4 });
    expect(lines.filter((line) => line.event === "document.parked")).toHaveLength(4);

    const second = await s.cli("sync", "--once", "--flow", "orders-in");
    expect(second.code).toBe(0);
    const again = jsonLines(second.stdout);
    expect(again.find((line) => line.msg === "summary")?.outcomes).toEqual({});
    expect(again.filter((line) => line.event === "document.parked")).toEqual([]);

    const listed = JSON.parse((await s.cli("audit", "list", "--status", "parked", "--json")).stdout) as {
      fileName: string;
      status: string;
      reasons: { code: string; message: string }[];
    }[];
    expect(listed.map((document) => [document.fileName, document.reasons[0]?.code]).sort()).toEqual(
      [
        ["PO#7-v7.7-BulkImport.json", "unreadable_name"],
        ["PO 8.json ", "unreadable_name"],
        ["PO-BIG-v7.7-BulkImport.json", "too_large"],
        ["FA1.edi", "unknown_document"],
      ].sort(),
    );
    expect(listed.find((document) => document.reasons[0]?.code === "too_large")?.reasons[0]?.message).toMatch(
      /6000-byte limit/,
    );
    expect(s.sps.mailbox.paths("out")).toHaveLength(4);

    const table = await s.cli("audit", "list", "--status", "parked");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("parked");
  });
});
