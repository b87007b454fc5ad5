import { describe, expect, it } from "vitest";
import { createSageX3Client } from "../../src/index.js";
import { basicAuth, client, collect, recordingFetch, sandbox } from "../helpers.js";

describe("Basic (on-premise fallback)", () => {
  it("works over http on loopback", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    expect((await collect(x3Client.query("BPCUSTOMER"))).map((c) => c.BPCNUM)).toEqual(["C0001", "C0002", "C0003"]);
  });

  it("is refused over plain http to another host, before any request", () => {
    const wire = recordingFetch();
    for (const serverUrl of ["http://x3.example.com:8124", "http://10.0.0.5:8124", "http://127.0.0.1.example.com"]) {
      expect(() =>
        createSageX3Client({
          serverUrl,
          endpoint: "SEED",
          auth: { mode: "basic", username: "admin", password: "secret" },
          fetch: wire.fetch,
        }),
      ).toThrow(expect.objectContaining({ kind: "security" }));
    }
    expect(wire.calls).toHaveLength(0);
  });

  it("is accepted over https (no request until used)", () => {
    const wire = recordingFetch();
    const x3Client = createSageX3Client({
      serverUrl: "https://x3.example.com:8124",
      endpoint: "SEED",
      auth: { mode: "basic", username: "admin", password: "secret" },
      fetch: wire.fetch,
    });
    expect(x3Client.serverUrl).toBe("https://x3.example.com:8124");
    expect(wire.calls).toHaveLength(0);
  });

  it("a wrong password fails once, without retry, and never shows the password", async () => {
    const x3 = await sandbox();
    const wire = recordingFetch();
    const x3Client = client(x3, {
      auth: { mode: "basic", username: "admin", password: "wrong-password" },
      fetch: wire.fetch,
    });
    const error = await x3Client.read("BPCUSTOMER", "C0001").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "auth", status: 401 });
    expect(JSON.stringify(error)).not.toContain("wrong-password");
    expect(wire.calls).toHaveLength(1);
  });
});
