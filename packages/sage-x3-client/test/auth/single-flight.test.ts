import { describe, expect, it } from "vitest";
import { client, MINUTE, pair, sandbox } from "../helpers.js";

describe("single flight", () => {
  it("30 concurrent calls with an expired token make one refresh", async () => {
    const x3 = await sandbox();
    const store = await pair(x3);
    const x3Client = client(x3, { tokenStore: store, maxConcurrency: 8 });
    await x3Client.read("BPCUSTOMER", "C0001");
    x3.clock.advance(10 * MINUTE);
    const before = x3.counters.get(x3.routes.token);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => x3Client.read("BPCUSTOMER", ["C0001", "C0002", "C0003"][i % 3] ?? "")),
    );
    expect(results.every((record) => record?.BPCNUM)).toBe(true);
    expect(x3.counters.get(x3.routes.token) - before).toBe(1);
  });

  it("two clients sharing a store in one process: the second picks up the first one's refresh", async () => {
    const x3 = await sandbox();
    const store = await pair(x3);
    const a = client(x3, { tokenStore: store });
    const b = client(x3, { tokenStore: store });
    x3.clock.advance(10 * MINUTE);
    await a.read("BPCUSTOMER", "C0001");
    await b.read("BPCUSTOMER", "C0001");
    expect(x3.counters.get(x3.routes.token)).toBe(2);
  });
});
