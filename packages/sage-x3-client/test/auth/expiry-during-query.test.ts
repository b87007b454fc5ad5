import { systemClock } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import { client, MINUTE, pair, recordingFetch, sandbox } from "../helpers.js";

describe("a 5-minute access token expiring in the middle of a long query", () => {
  it("refreshes ahead of expiry (shared clock) and finishes the query with every record once", async () => {
    const x3 = await sandbox({ seed: { extraCustomers: 60 } });
    const store = await pair(x3);
    const wire = recordingFetch();
    const x3Client = client(x3, { tokenStore: store, fetch: wire.fetch, pageSize: 5 });
    const seen: string[] = [];
    for await (const page of x3Client.pages("BPCUSTOMER")) {
      seen.push(...page.records.map((record) => record.BPCNUM));
      x3.clock.advance(2 * MINUTE); // 13 pages: about 26 minutes of "work"
    }
    expect(seen).toHaveLength(63);
    expect(new Set(seen).size).toBe(63);
    expect(x3.counters.get(x3.routes.token)).toBeGreaterThanOrEqual(5);
    // Proactive: no request was ever sent with an expired token.
    expect(wire.calls.filter((call) => call.status === 401)).toHaveLength(0);
  });

  it("recovers from a 401 with one refresh when the server's clock runs ahead of ours", async () => {
    const x3 = await sandbox({ seed: { extraCustomers: 20 } });
    const store = await pair(x3);
    const wire = recordingFetch();
    // The client keeps real time, the server jumps: the client believes its token is still fresh.
    const x3Client = client(x3, { tokenStore: store, fetch: wire.fetch, pageSize: 5, clock: systemClock });
    const seen: string[] = [];
    let pages = 0;
    for await (const record of x3Client.query("BPCUSTOMER")) {
      seen.push(record.BPCNUM);
      if (seen.length % 5 === 0 && pages++ === 1) x3.clock.advance(6 * MINUTE);
    }
    expect(new Set(seen).size).toBe(23);
    const unauthorized = wire.calls.filter((call) => call.status === 401);
    expect(unauthorized).toHaveLength(1);
    expect(x3.counters.get(x3.routes.token)).toBe(2);
  });
});
