import { describe, expect, it } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { printable } from "../../src/output/printable.js";
import { useSystems } from "../support/run.js";

const start = useSystems();

interface ListedDocument {
  id: string;
  status: string;
  poNumber?: string;
  reasons: { path: string; code: string; message: string }[];
}

const ESC = "\u001b";

describe("audit output of hostile documents", () => {
  it("PO numbers with terminal escape sequences and control characters are printed escaped", async () => {
    const s = await start();
    const [order] = demoOrders(1);
    const po = `45${ESC}[2J${ESC}]0;pwned\u0007\t\u202eX`;
    const document = JSON.parse(order!.content) as { Header: { OrderHeader: Record<string, unknown> } };
    document.Header.OrderHeader.PurchaseOrderNumber = po;
    s.sps.mailbox.putOutbound("PO45-escape-v7.7-BulkImport.json", JSON.stringify(document));
    await s.cli("sync", "--once", "--flow", "orders-in");
    const [listed] = JSON.parse((await s.cli("audit", "list", "--json")).stdout) as ListedDocument[];
    expect(listed?.poNumber).toContain("pwned");

    const table = await s.cli("audit", "list");
    const shown = await s.cli("audit", "show", listed?.id ?? "");
    for (const output of [table.stdout, shown.stdout]) {
      expect(output).toContain("pwned");
      expect(output).not.toContain(ESC);
      expect(output).not.toContain("\u0007");
      expect(output).not.toContain("\u202e");
      expect(output).not.toMatch(/pwned[^\n]*\t/);
    }
  });

  it("printable: control characters, DEL/C1, separators and bidi overrides escaped; plain text unchanged", () => {
    expect(printable(`45${ESC}[2J\u0007\t\r\n\u007f\u009b\u2028\u202eX`)).toBe(
      "45\\x1b[2J\\x07\\t\\r\\n\\x7f\\x9b\\u2028\\u202eX",
    );
    expect(printable("C:\\orders\\PO 1.json é中")).toBe("C:\\orders\\PO 1.json é中");
    expect(printable(`a\\b${ESC}`)).toBe("a\\\\b\\x1b");
  });

  it("a 9.9 MB 850 with 450,000 bad lines: bounded log lines, 101 stored reasons, a bounded audit show", async () => {
    const s = await start();
    const [order] = demoOrders(1);
    const document = JSON.parse(order!.content) as Record<string, unknown>;
    document.LineItem = Array.from({ length: 450_000 }, () => ({ Bad: "xxxxxxxxxxx" }));
    const content = JSON.stringify(document);
    expect(content.length).toBeGreaterThan(9.9e6);
    expect(content.length).toBeLessThan(10 * 1024 * 1024);
    s.sps.mailbox.putOutbound(order!.fileName, content);

    const sync = await s.cli("sync", "--once", "--flow", "orders-in");
    expect(sync.code).toBe(1);
    const lines = `${sync.stdout}${sync.stderr}`.split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(40_000);
    const rejected = lines.find((line) => line.includes('"document.rejected"'));
    expect(rejected).toMatch(/more items cut/);

    const [listed] = JSON.parse((await s.cli("audit", "list", "--json")).stdout) as ListedDocument[];
    expect(listed?.status).toBe("rejected");
    expect(listed?.reasons).toHaveLength(101);
    // Validation stopped just past the 100th issue: one more found, the 449,899 lines after it counted, not checked.
    expect(listed?.reasons.at(-1)?.message).toMatch(
      /^1 more issue.* The 449,899 line\(s\) after LineItem\[100\] were not checked/,
    );
    expect(JSON.stringify(listed?.reasons).length).toBeLessThan(50_000);

    const shown = await s.cli("audit", "show", listed?.id ?? "");
    expect(shown.code).toBe(0);
    expect(shown.stdout.length).toBeLessThan(50_000);
    expect(shown.stdout).toContain("The 449,899 line(s) after LineItem[100] were not checked");
  });
});
