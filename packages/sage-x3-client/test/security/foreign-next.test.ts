import type { SageX3Sandbox } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { basicAuth, client, collect, recordingFetch, sandbox } from "../helpers.js";

/** The next query answers one page of `resources` whose `$links.$next` is `url`. */
function answerWithNext(x3: SageX3Sandbox, resources: Record<string, unknown>[], url: string): void {
  x3.faults.add({
    route: x3.routes.query,
    status: 200,
    times: 1,
    body: { $resources: resources, $links: { $next: { $url: url } } },
  });
}

describe("$links.$next on another host", () => {
  it("X3 behind a reverse proxy: links on Syracuse's own host are followed on the configured origin", async () => {
    const x3 = await sandbox({ linkOrigin: "http://x3-internal:8124", maxCount: 2 });
    const wire = recordingFetch();
    const found = await collect(
      client(x3, { auth: basicAuth(x3), fetch: wire.fetch, pageSize: 2 }).query("BPCUSTOMER"),
    );
    expect(found.map((record) => record.BPCNUM)).toEqual(x3.data.list("BPCUSTOMER").map((record) => record.BPCNUM));
    expect(found.length).toBeGreaterThan(2);
    // Every page went to the configured server, none to the host named in the links.
    expect(new Set(wire.calls.map((call) => new URL(call.url).origin))).toEqual(new Set([x3.baseUrl]));
    expect(wire.calls.length).toBe(Math.ceil(found.length / 2));
  });

  it("the credentials never leave the configured origin, whatever host the link names", async () => {
    const x3 = await sandbox();
    answerWithNext(
      x3,
      [{ BPCNUM: "C0001", BPCNAM: "Acme" }],
      "http://attacker.example.com/api1/x3/erp/SEED/BPCUSTOMER?representation=BPCUSTOMER.$query&key=gt.C0001",
    );
    const wire = recordingFetch();
    const found = await collect(client(x3, { auth: basicAuth(x3), fetch: wire.fetch }).query("BPCUSTOMER"));
    expect(found.map((record) => record.BPCNUM)).toEqual(["C0001", "C0002", "C0003"]);
    expect(wire.calls.map((call) => new URL(call.url).origin)).toEqual([x3.baseUrl, x3.baseUrl]);
  });

  it("a link to another resource than the query is refused, not followed", async () => {
    const x3 = await sandbox();
    answerWithNext(x3, [], "http://x3-internal:8124/api1/syracuse/collaboration/syracuse/users");
    const wire = recordingFetch();
    const error = await collect(client(x3, { auth: basicAuth(x3), fetch: wire.fetch }).query("BPCUSTOMER")).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: "security" });
    expect(wire.calls).toHaveLength(1);
  });

  it("a relative $next is followed", async () => {
    const x3 = await sandbox();
    answerWithNext(x3, [], "/api1/x3/erp/SEED/BPCUSTOMER?representation=BPCUSTOMER.$query&key=gt.C0001");
    const found = await collect(client(x3, { auth: basicAuth(x3) }).query("BPCUSTOMER"));
    expect(found.map((record) => record.BPCNUM)).toEqual(["C0002", "C0003"]);
  });
});
