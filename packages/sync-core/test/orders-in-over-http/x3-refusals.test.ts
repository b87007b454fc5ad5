import { acmeSandboxMappings, bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { useSystems } from "../support/systems.js";

// ACME mapped to a customer the Sage X3 sandbox does not have: X3 refuses the create with a diagnosis on BPCORD.
const mappings = {
  ...acmeSandboxMappings,
  partners: acmeSandboxMappings.partners.map((partner) => ({ ...partner, x3Customer: "C9999" })),
};
const start = useSystems({ connector: { mappings } });

describe("an 850 Sage X3 refuses (over HTTP)", () => {
  it("is rejected with X3's message and one reason per field X3 names, nothing created", async () => {
    const s = await start();
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-X1" }), bytesOf(make850({ po: "PO-X1" })));
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    expect(s.x3.data.list("SORDER")).toEqual([]);
    const [document] = (await s.connector.audit.findDocuments({ poNumber: "PO-X1" })).items;
    expect(document?.reasons.map((reason) => [reason.path, reason.code])).toEqual([
      ["", "x3_validation"],
      ["x3.BPCORD", "x3_field"],
    ]);
    expect(document?.reasons[1]?.message).toContain("C9999");
  });
});
