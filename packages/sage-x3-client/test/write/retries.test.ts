import { describe, expect, it } from "vitest";
import { basicAuth, client, sandbox } from "../helpers.js";

describe("what is retried", () => {
  it("a create (POST) is never repeated: X3 has no idempotency keys", async () => {
    const x3 = await sandbox();
    x3.faults.add({ route: x3.routes.create, status: 503, times: 1 });
    const x3Client = client(x3, { auth: basicAuth(x3) });
    await expect(
      x3Client.create("SORDER", { BPCORD: "C0001", SALFCY: "US01", SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }] }),
    ).rejects.toMatchObject({ kind: "server", status: 503 });
    expect(x3.counters.get(x3.routes.create)).toBe(1);
  });

  it("a read survives a dropped connection and a 503", async () => {
    const x3 = await sandbox();
    x3.faults.add({ route: x3.routes.details, reset: true, times: 1 });
    x3.faults.add({ route: x3.routes.details, status: 503, times: 1 });
    const x3Client = client(x3, { auth: basicAuth(x3) });
    expect((await x3Client.read("BPCUSTOMER", "C0002"))?.BPCNAM).toBe("Bigbox Outlet");
    expect(x3.counters.get(x3.routes.details)).toBe(3);
  });

  it("a partial update (PUT) is retried: sending the same changes twice is harmless", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    x3.faults.add({ route: x3.routes.update, status: 502, times: 2 });
    expect(await x3Client.update("BPCUSTOMER", "C0003", { BPCNAM: "Corner Shops Inc." })).toMatchObject({
      BPCNAM: "Corner Shops Inc.",
    });
    expect(x3.counters.get(x3.routes.update)).toBe(3);
  });
});
