import { describe, expect, it } from "vitest";
import { runQuickstart } from "../src/quickstart.js";

describe("examples/quickstart", () => {
  it("takes PO 1001 from the 850 to the 810 and rejects the unmappable PO 1003", async () => {
    const lines: string[] = [];
    const result = await runQuickstart((line) => lines.push(line));

    expect(result.summaries.map((s) => [s.flow, s.outcomes, s.error])).toEqual([
      ["orders-in", { created: 2, rejected: 1 }, undefined],
      ["acks-out", { posted: 1 }, undefined],
      ["asns-out", { posted: 1 }, undefined],
      ["invoices-out", { posted: 1 }, undefined],
    ]);
    expect(result.chain.documents.map((d) => `${d.type}:${d.status}`)).toEqual([
      "850:created",
      "855:posted",
      "856:posted",
      "810:posted",
    ]);
    expect(result.chain.records.map((r) => r.entity)).toEqual(["SORDER", "SDELIVERY", "SINVOICE"]);
    expect(result.uploaded).toHaveLength(3);
    expect(result.uploaded.every((file) => file.endsWith("(accepted)"))).toBe(true);

    const output = lines.join("\n");
    expect(output).toContain("rejected PO1003-1-v7.7-BulkImport.json: LineItem[0].OrderLine.VendorPartNumber");
    expect(output).toMatch(/-> 810 posted\s+IN\S+-1-v7\.7-BulkImport\.json/);
  });
});
