import { serializeRsx } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { useSystems } from "../support/run.js";

const start = useSystems();

describe("audit show of an 850 read with warnings", () => {
  it("prints the RSX version, each warning (unknown code, kept 7.6 field) and the kept 7.6 values", async () => {
    const s = await start();
    const [order] = demoOrders(1);
    const document = JSON.parse(order!.content) as { Header: { OrderHeader: Record<string, unknown> } };
    document.Header.OrderHeader.ShipCompleteCode = "Z";
    // The demo 850 written in the 7.6 layout, with one 7.6 header field that 7.7 has no place for.
    const xml = serializeRsx(document as never, { type: "Order", format: "xml", version: "7.6" }).replace(
      "</OrderHeader>",
      "<PromotionDealNumber>SPRING-26</PromotionDealNumber></OrderHeader>",
    );
    s.sps.mailbox.putOutbound("PO45-promo-1-v7.6-BulkImport.xml", xml);
    await s.cli("sync", "--once", "--flow", "orders-in");
    const [listed] = JSON.parse((await s.cli("audit", "list", "--json")).stdout) as { id: string; status: string }[];
    expect(listed?.status).toBe("created");

    const shown = (await s.cli("audit", "show", listed?.id ?? "")).stdout;
    expect(shown).toMatch(/^ {2}RSX {10}7\.6$/m);
    expect(shown).toContain("Warnings:");
    expect(shown).toMatch(/Header\.OrderHeader\.ShipCompleteCode: unknown_code: .*Z/);
    expect(shown).toMatch(/Header\.OrderHeader\.PromotionDealNumber: legacy_field: /);
    expect(shown).toContain("    Header.OrderHeader.PromotionDealNumber = SPRING-26");

    const json = JSON.parse((await s.cli("audit", "show", listed?.id ?? "", "--json")).stdout) as {
      document: { metadata?: { rsxVersion?: string; warnings?: { code: string }[] } };
    };
    expect(json.document.metadata?.rsxVersion).toBe("7.6");
    expect(json.document.metadata?.warnings?.map((warning) => warning.code).sort()).toEqual([
      "legacy_field",
      "unknown_code",
    ]);
  });
});
