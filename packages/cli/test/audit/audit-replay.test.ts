import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoBadOrder, demoOrders } from "../../src/demo/seed.js";
import { type Systems, useSystems } from "../support/run.js";

const start = useSystems();

interface ListedDocument {
  id: string;
  type: string;
  status: string;
  poNumber?: string;
  reasons: { path: string; message: string }[];
}

/** Three good POs and the bad one through `sync --once --flow orders-in`. */
async function withOrders(): Promise<Systems> {
  const s = await start();
  for (const order of [...demoOrders(3), demoBadOrder()]) s.sps.mailbox.putOutbound(order.fileName, order.content);
  const sync = await s.cli("sync", "--once", "--flow", "orders-in");
  expect(sync.code).toBe(1); // a document was rejected
  return s;
}

describe("audit list / show", () => {
  it("lists documents as a table or JSON, filtered by status, partner, PO and since", async () => {
    const s = await withOrders();
    const table = await s.cli("audit", "list");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^id\s+at \(UTC\)\s+doc\s+dir\s+status\s+partner\s+PO\s+X3/);
    expect(table.stdout).toMatch(
      /850\s+in\s+rejected\s+ACME\s+4500099999\s+LineItem\[1\]\.OrderLine\.VendorPartNumber/,
    );
    expect(table.stdout).toMatch(/850\s+in\s+created\s+ACME\s+4500010001\s+SO\d+/);
    expect(table.stdout).toContain("4 documents.");

    const rejected = JSON.parse(
      (await s.cli("audit", "list", "--status", "rejected", "--json")).stdout,
    ) as ListedDocument[];
    expect(rejected.map((d) => d.poNumber)).toEqual(["4500099999"]);
    expect(rejected[0]?.reasons[0]?.path).toBe("LineItem[1].OrderLine.VendorPartNumber");

    const byPo = JSON.parse((await s.cli("audit", "list", "--po", "4500010002", "--json")).stdout) as ListedDocument[];
    expect(byPo.map((d) => `${d.type}:${d.status}`)).toEqual(["850:created"]);
    const created = JSON.parse(
      (await s.cli("audit", "list", "--status", "created,updated", "--partner", "ACME", "--json")).stdout,
    ) as ListedDocument[];
    expect(created).toHaveLength(3);
    expect(JSON.parse((await s.cli("audit", "list", "--partner", "OTHER", "--json")).stdout)).toEqual([]);
    expect(JSON.parse((await s.cli("audit", "list", "--since", "1h", "--json")).stdout)).toHaveLength(4);
    expect(JSON.parse((await s.cli("audit", "list", "--since", "2099-01-01", "--json")).stdout)).toEqual([]);

    const bad = await s.cli("audit", "list", "--status", "lost");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown status "lost"');
    expect((await s.cli("audit", "list", "--since", "yesterday")).code).toBe(2);
  });

  it("shows a document with its reasons, attempts and chain; --json has the same", async () => {
    const s = await withOrders();
    const [doc] = JSON.parse(
      (await s.cli("audit", "list", "--status", "rejected", "--json")).stdout,
    ) as ListedDocument[];
    const shown = await s.cli("audit", "show", doc?.id ?? "");
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("850 from ACME: rejected");
    expect(shown.stdout).toContain("LineItem[1].OrderLine.VendorPartNumber: No X3 item for line 2");
    expect(shown.stdout).toContain("Chain of PO 4500099999:");
    expect(shown.stdout).toContain(`ml-connector replay ${doc?.id}`);
    const json = JSON.parse((await s.cli("audit", "show", doc?.id ?? "", "--json")).stdout) as {
      document: ListedDocument;
      attempts: { operation: string }[];
      chain: { documents: ListedDocument[] };
    };
    expect(json.document.id).toBe(doc?.id);
    expect(json.chain.documents.map((d) => d.id)).toContain(doc?.id);
    const missing = await s.cli("audit", "show", "no-such-id");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No document no-such-id");
  });
});

describe("mappings import + replay", () => {
  it("a bad CSV writes nothing (exit 2, row and column); the fixed mapping imported → replay creates the order", async () => {
    const s = await withOrders();
    const [doc] = JSON.parse(
      (await s.cli("audit", "list", "--status", "rejected", "--json")).stdout,
    ) as ListedDocument[];
    const id = doc?.id ?? "";

    // Replay before the fix: rejected again (exit 1).
    const early = await s.cli("replay", id);
    expect(early.code).toBe(1);
    expect(early.stdout).toContain("rejected");

    const broken = join(s.dir, "broken.csv");
    await writeFile(broken, "itemRef,vendorPartNumber\nWID-001,MYSTERY-9\n,NOTHING\n");
    const refused = await s.cli("mappings", "import", broken, "--kind", "items");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/row 3, column itemRef/);
    expect((await s.cli("mappings", "import", broken, "--kind", "things")).code).toBe(2);

    const items = join(s.dir, "items.csv");
    await writeFile(items, "partnerId,itemRef,vendorPartNumber\nACME,WID-001,MYSTERY-9\n");
    const imported = await s.cli("mappings", "import", "items.csv", "--kind", "items");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("Imported 1 items record from items.csv");

    const replayed = await s.cli("replay", id);
    expect(replayed.stdout).toMatch(/Replayed .*: created \(850 PO4500099999-v7\.7-BulkImport\.json → X3 SO\d+\)/);
    expect(replayed.code).toBe(0);
    const order = s.x3.data.list("SORDER").find((o) => o.CUSORDREF === "4500099999");
    expect(((order?.SOHSOP ?? []) as { ITMREF: string }[]).map((l) => l.ITMREF)).toEqual(["WID-001", "WID-001"]);

    // Replaying a document that went through is refused.
    const again = await s.cli("replay", id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("only rejected, failed, rejected_by_sps or parked documents are replayed");
  });
});
