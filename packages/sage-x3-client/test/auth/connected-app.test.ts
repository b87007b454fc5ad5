import { describe, expect, it } from "vitest";
import { mintConnectedAppToken } from "../../src/index.js";
import { client, collect, recordingFetch, sandbox } from "../helpers.js";

function claims(header: string | null): Record<string, unknown> {
  const payload = (header ?? "").replace(/^Bearer /, "").split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("connected application (self-signed HS256 JWT)", () => {
  it("signs iss/sub/aud/iat/exp and reuses the token until shortly before exp", async () => {
    const x3 = await sandbox();
    const app = x3.credentials.connectedApp;
    const wire = recordingFetch();
    const x3Client = client(x3, {
      auth: { mode: "connected-app", clientId: app.clientId, secret: app.secret, user: app.user, lifetimeSeconds: 120 },
      fetch: wire.fetch,
    });
    await collect(x3Client.query("ITMMASTER"));
    await x3Client.read("ITMMASTER", "WID-001");
    x3.clock.advance(60_000);
    await x3Client.read("ITMMASTER", "WID-002");
    const tokens = new Set(wire.calls.map((call) => call.authorization));
    expect(tokens.size).toBe(1);
    const first = claims(wire.calls[0]?.authorization ?? null);
    expect(first).toMatchObject({ iss: app.clientId, sub: app.user, aud: x3.baseUrl });
    expect(Number(first.exp) - Number(first.iat)).toBe(120);

    x3.clock.advance(40_000); // 20 s before exp: re-minted
    await x3Client.read("ITMMASTER", "WID-001");
    expect(new Set(wire.calls.map((call) => call.authorization)).size).toBe(2);
    expect(wire.calls.every((call) => call.status === 200)).toBe(true);
  });

  it("a wrong secret is an auth error after one retry with a fresh token", async () => {
    const x3 = await sandbox();
    const app = x3.credentials.connectedApp;
    const wire = recordingFetch();
    const x3Client = client(x3, {
      auth: { mode: "connected-app", clientId: app.clientId, secret: "wrong", user: app.user },
      fetch: wire.fetch,
    });
    await expect(x3Client.read("ITMMASTER", "WID-001")).rejects.toMatchObject({ kind: "auth", status: 401 });
    expect(wire.calls).toHaveLength(2);
  });

  it("the sandbox refuses a token living longer than the app allows, or for another user", async () => {
    const x3 = await sandbox({ auth: { connectedAppTokenValiditySeconds: 300 } });
    const app = x3.credentials.connectedApp;
    const iat = Math.floor(x3.clock.now() / 1000);
    const call = (token: string) =>
      fetch(`${x3.baseUrl}/api1/x3/erp/SEED/ITMMASTER?representation=ITMMASTER.$query`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const base = { iss: app.clientId, sub: app.user, aud: app.url, iat };
    expect((await call(mintConnectedAppToken({ ...base, exp: iat + 60 }, app.secret))).status).toBe(200);
    expect((await call(mintConnectedAppToken({ ...base, exp: iat + 3600 }, app.secret))).status).toBe(401);
    expect((await call(mintConnectedAppToken({ ...base, sub: "OTHER", exp: iat + 60 }, app.secret))).status).toBe(401);
    expect((await call(mintConnectedAppToken({ ...base, aud: "http://x", exp: iat + 60 }, app.secret))).status).toBe(
      401,
    );
    expect((await call(mintConnectedAppToken({ ...base, iat: iat - 120, exp: iat - 60 }, app.secret))).status).toBe(
      401,
    );
  });
});
