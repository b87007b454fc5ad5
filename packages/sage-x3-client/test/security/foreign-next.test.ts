import { describe, expect, it } from "vitest";
import { basicAuth, client, collect, recordingFetch, sandbox } from "../helpers.js";

describe("$links.$next to another origin", () => {
  it("is refused and never receives the credentials", async () => {
    const x3 = await sandbox();
    x3.faults.add({
      route: x3.routes.query,
      status: 200,
      times: 1,
      body: {
        $resources: [{ BPCNUM: "C0001", BPCNAM: "Acme" }],
        $links: { $next: { $url: "http://attacker.example.com/api1/x3/erp/SEED/BPCUSTOMER?key=gt.C0001" } },
      },
    });
    const wire = recordingFetch();
    const x3Client = client(x3, { auth: basicAuth(x3), fetch: wire.fetch });
    const error = await collect(x3Client.query("BPCUSTOMER")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "security" });
    expect(String((error as Error).message)).toContain("attacker.example.com");
    expect(wire.calls.map((call) => new URL(call.url).origin)).toEqual([x3.baseUrl]);
  });

  it("another port on the same host is another origin too", async () => {
    const x3 = await sandbox();
    const other = new URL(x3.baseUrl);
    other.port = String(Number(other.port) + 1);
    x3.faults.add({
      route: x3.routes.query,
      status: 200,
      times: 1,
      body: { $resources: [], $links: { $next: { $url: `${other.origin}/api1/x3/erp/SEED/BPCUSTOMER` } } },
    });
    const wire = recordingFetch();
    await expect(
      collect(client(x3, { auth: basicAuth(x3), fetch: wire.fetch }).query("BPCUSTOMER")),
    ).rejects.toMatchObject({ kind: "security" });
    expect(wire.calls).toHaveLength(1);
  });

  it("a relative $next on the same origin is followed", async () => {
    const x3 = await sandbox();
    x3.faults.add({
      route: x3.routes.query,
      status: 200,
      times: 1,
      body: {
        $resources: [],
        $links: { $next: { $url: "/api1/x3/erp/SEED/BPCUSTOMER?representation=BPCUSTOMER.$query&key=gt.C0001" } },
      },
    });
    const found = await collect(client(x3, { auth: basicAuth(x3) }).query("BPCUSTOMER"));
    expect(found.map((record) => record.BPCNUM)).toEqual(["C0002", "C0003"]);
  });
});
