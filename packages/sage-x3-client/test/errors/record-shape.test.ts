import { describe, expect, it } from "vitest";
import { basicAuth, client, collect, sandbox } from "../helpers.js";

describe("records checked at the boundary", () => {
  const order = {
    SOHNUM: "SO-SHAPE",
    BPCORD: "C0001",
    CUSORDREF: "PO-1",
    ZZCUSTOM: { nested: [1, { deep: "yes" }] },
    SOHSOP: [{ SOPLIN: 1000, ITMREF: "WID-001", QTY: 2, ZZLINE: "kept" }],
  };

  it("a record of the expected shape is handed over with every field X3 sent, read alone or in a query", async () => {
    const x3 = await sandbox();
    x3.data.put("SORDER", structuredClone(order));
    const x3Client = client(x3, { auth: basicAuth(x3) });
    for (let round = 0; round < 2; round++) {
      expect(await x3Client.read("SORDER", "SO-SHAPE")).toMatchObject(order);
    }
    const listed = (await collect(x3Client.query("SORDER"))).find((record) => record.SOHNUM === "SO-SHAPE");
    expect(listed).toMatchObject({ SOHNUM: "SO-SHAPE", BPCORD: "C0001", ZZCUSTOM: order.ZZCUSTOM });
  });

  it("a record without a required field, or with a line of the wrong type, is refused with where it is wrong", async () => {
    const x3 = await sandbox();
    const { BPCORD: _, ...withoutCustomer } = order;
    x3.data.put("SORDER", { ...structuredClone(withoutCustomer), SOHNUM: "SO-NOCUST" });
    x3.data.put("SORDER", {
      ...structuredClone(order),
      SOHNUM: "SO-BADLINE",
      SOHSOP: [{ ITMREF: "WID-001", QTY: "2" }],
    });
    const x3Client = client(x3, { auth: basicAuth(x3) });
    await expect(x3Client.read("SORDER", "SO-NOCUST")).rejects.toMatchObject({
      kind: "validation",
      message: expect.stringContaining("BPCORD"),
    });
    await expect(x3Client.read("SORDER", "SO-BADLINE")).rejects.toMatchObject({
      kind: "validation",
      message: expect.stringContaining("SOHSOP.0.QTY"),
    });
  });
});
