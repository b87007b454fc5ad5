import { describe, expect, it } from "vitest";
import { where } from "../../src/index.js";
import { client, collect, sandbox } from "../helpers.js";

describe("paging through $links.$next", () => {
  it("reads 1,003 customers with the server capping count at 7", async () => {
    const x3 = await sandbox({ maxCount: 7, seed: { extraCustomers: 1000 } });
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic }, pageSize: 100 });
    const sizes: number[] = [];
    const seen: string[] = [];
    for await (const page of x3Client.pages("BPCUSTOMER")) {
      sizes.push(page.records.length);
      seen.push(...page.records.map((record) => record.BPCNUM));
    }
    expect(seen).toHaveLength(1003);
    expect(new Set(seen).size).toBe(1003);
    expect([...seen].sort()).toEqual(seen); // key order
    expect(Math.max(...sizes)).toBe(7);
    expect(sizes).toHaveLength(Math.ceil(1003 / 7));
    expect(x3.counters.get(x3.routes.query)).toBe(Math.ceil(1003 / 7));
  });

  it("keeps a where clause and a descending orderBy across pages", async () => {
    const x3 = await sandbox({ maxCount: 7, seed: { extraCustomers: 100 } });
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    const names = (
      await collect(
        x3Client.query("BPCUSTOMER", {
          where: where.and(where.ge("BPCNUM", "C01000"), where.lt("BPCNUM", "C01050")),
          orderBy: [["BPCNAM", "desc"]],
        }),
      )
    ).map((record) => record.BPCNAM ?? "");
    expect(names).toHaveLength(50);
    expect([...names].sort().reverse()).toEqual(names);
  });

  it("an empty result is not an error", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    expect(await collect(x3Client.query("SORDER"))).toEqual([]);
  });

  it("a page the server fails is retried (GET is idempotent)", async () => {
    const x3 = await sandbox({ maxCount: 2 });
    x3.faults.add({ route: x3.routes.query, status: 503, times: 2 });
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    expect(await collect(x3Client.query("BPCUSTOMER"))).toHaveLength(3);
  });
});
