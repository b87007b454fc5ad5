import { parseRsx } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import { megamartRules } from "../src/megamart-rules.js";
import { runPartnerRules } from "../src/partner-rules.js";

const good = "PO7700001-1-v7.7-BulkImport.json";
const bad = "PO770000200000001-1-v7.7-BulkImport.json";

describe("examples/partner-rules", () => {
  it("passes one 850, names every broken rule of the other, and the connector rejects only that one", async () => {
    const lines: string[] = [];
    const result = await runPartnerRules((line) => lines.push(line));

    expect(result.checked[good]).toEqual([]);
    expect(result.checked[bad]?.map((issue) => `${issue.path} ${issue.code}`).sort()).toEqual(
      [
        "Header.Address[0].AddressLocationNumber megamart_gln",
        "Header.Address[0].LocationCodeQualifier rule_allowed",
        "Header.OrderHeader.Department rule_required",
        "Header.OrderHeader.PurchaseOrderNumber rule_max_length",
        "LineItem[1].OrderLine.BuyerPartNumber rule_required",
        "LineItem[1].OrderLine.OrderQtyUOM rule_allowed",
      ].sort(),
    );
    expect(result.checked[bad]?.every((issue) => issue.rule === "megamart")).toBe(true);

    expect(result.ordersIn.outcomes).toEqual({ created: 1, rejected: 1 });
    expect(result.documents.map((d) => [d.fileName, d.status])).toEqual([
      [good, "created"],
      [bad, "rejected"],
    ]);
    expect(result.documents[1]?.reasons).toHaveLength(6);
    expect(lines.join("\n")).toContain(`${good}: created as X3 order SO`);
  });

  it("checks the retailer's 856 rules too", () => {
    const shipment = {
      Header: { ShipmentHeader: { TradingPartnerId: "MEGAMART", ShipmentIdentification: "SDH1" } },
      OrderLevel: [],
      Summary: {},
    };
    const parsed = parseRsx(JSON.stringify(shipment), { type: "Shipment", rules: [megamartRules] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining(["Header.ShipmentHeader.BillOfLadingNumber"]),
      );
    }
  });
});
