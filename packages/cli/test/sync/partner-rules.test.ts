import { describe, expect, it } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { useSystems } from "../support/run.js";

const start = useSystems();

describe("partnerRules in the config", () => {
  it("a retailer's rule set rejects its 850s with the rule's path (exit 1)", async () => {
    const s = await start({
      edit: (config) => {
        config.partnerRules = {
          ACME: {
            name: "acme-guide",
            documents: { Order: { allowed: { "LineItem[*].OrderLine.OrderQtyUOM": ["CA"] } } },
          },
        };
      },
    });
    for (const order of demoOrders(2)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    const result = await s.cli("sync", "--once", "--flow", "orders-in");
    expect(result.code).toBe(1);
    const rejected = JSON.parse((await s.cli("audit", "list", "--status", "rejected", "--json")).stdout) as {
      reasons: { path: string; message: string }[];
    }[];
    expect(rejected).toHaveLength(2);
    expect(rejected[0]?.reasons.map((r) => r.path)).toContain("LineItem[0].OrderLine.OrderQtyUOM");
    expect(s.x3.data.list("SORDER")).toHaveLength(0);
  });

  it("a bad selector or regular expression is a configuration error naming the partner (exit 2)", async () => {
    const s = await start({
      edit: (config) => {
        config.partnerRules = { ACME: { pattern: { "Header.OrderHeader.Vendor": "([" } } };
      },
    });
    const doctor = await s.cli("doctor");
    expect(doctor.code).toBe(2);
    expect(doctor.stdout).toContain(
      'partnerRules.ACME.pattern["Header.OrderHeader.Vendor"] is not a valid regular expression',
    );
    const sync = await s.cli("sync", "--once");
    expect(sync.code).toBe(2);
  });
});
