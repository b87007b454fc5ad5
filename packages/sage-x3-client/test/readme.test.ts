import { startSageX3Sandbox } from "@ml-connector/sandbox";
import { MemoryTokenStore } from "@ml-connector/transport";
import { expect, it } from "vitest";
import { createSageX3Client, createSageX3Pairing, where } from "../src/index.js";

it("the README example works", async () => {
  const x3 = await startSageX3Sandbox({ maxCount: 50 });
  try {
    const tokenStore = new MemoryTokenStore();
    const pairing = createSageX3Pairing({ ...x3.credentials.oauth, tokenStore });
    const approval = await fetch(pairing.authorizeUrl("state-1"), { redirect: "manual" });
    const { code } = pairing.parseCallback(approval.headers.get("location") ?? "", "state-1");
    await pairing.exchangeCode(code);

    const client = createSageX3Client({
      serverUrl: x3.baseUrl,
      endpoint: x3.endpoint,
      auth: { mode: "authorization-code", ...x3.credentials.oauth },
      tokenStore,
    });
    const { key } = await client.create("SORDER", {
      BPCORD: "C0001",
      SALFCY: "US01",
      CUSORDREF: "PO-4711",
      SOHSOP: [{ ITMREF: "WID-001", QTY: 24 }],
    });
    const order = await client.findByNaturalKey("SORDER", { BPCORD: "C0001", CUSORDREF: "PO-4711" });
    expect([key, order?.SOHNUM]).toEqual(["SO0000001", "SO0000001"]);
    const customers: string[] = [];
    for await (const customer of client.query("BPCUSTOMER", { where: where.in("BPCNUM", ["C0001", "C0002"]) })) {
      customers.push(customer.BPCNUM);
    }
    expect(customers).toEqual(["C0001", "C0002"]);
    const changed: string[] = [];
    for await (const record of client.changedSince("SORDER", new Date(Date.now() - 3_600_000))) {
      changed.push(record.SOHNUM);
    }
    expect(changed).toEqual([key]);
  } finally {
    await x3.close();
  }
});
