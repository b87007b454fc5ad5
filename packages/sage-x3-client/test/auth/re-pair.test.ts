import { describe, expect, it } from "vitest";
import { client, collect, DAY, MINUTE, pair, sandbox } from "../helpers.js";

describe("refresh token expired or revoked: re-pair", () => {
  it("past 30 days, says to re-pair without calling the gateway", async () => {
    const x3 = await sandbox();
    const store = await pair(x3);
    const x3Client = client(x3, { tokenStore: store });
    await collect(x3Client.query("CACCE"));
    x3.clock.advance(31 * DAY);
    const error = await collect(x3Client.query("CACCE")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "auth", retryable: false });
    expect(String((error as Error).message)).toContain("ml-connector auth sage-x3");
    expect(String((error as Error).message)).toMatch(/expired/);
    expect(x3.counters.get(x3.routes.token)).toBe(1);
  });

  it("when the server says the refresh token expired (our record of it was lost), same error", async () => {
    const x3 = await sandbox();
    const store = await pair(x3);
    const key = (await import("../../src/index.js")).sageX3TokenKey(
      x3.credentials.oauth.clientId,
      x3.credentials.oauth.tokenUrl,
    );
    const saved = await store.get(key);
    if (!saved) throw new Error("not paired");
    await store.set(key, { ...saved, refreshTokenExpiresAt: undefined });
    x3.clock.advance(31 * DAY);
    await expect(collect(client(x3, { tokenStore: store }).query("CACCE"))).rejects.toMatchObject({
      kind: "auth",
      status: 401,
      message: expect.stringContaining("ml-connector auth sage-x3"),
    });
  });

  it("when the customer revoked the pairing", async () => {
    const x3 = await sandbox();
    const store = await pair(x3);
    const x3Client = client(x3, { tokenStore: store });
    await collect(x3Client.query("CACCE"));
    x3.auth.revokeAll();
    x3.clock.advance(1000);
    await expect(collect(x3Client.query("CACCE"))).rejects.toMatchObject({
      kind: "auth",
      message: expect.stringContaining("ml-connector auth sage-x3"),
    });
  });

  it("warns when fewer than 5 days are left", async () => {
    const x3 = await sandbox({ auth: { refreshTokenLifetimeMs: 4 * DAY } });
    const store = await pair(x3);
    const warnings: string[] = [];
    const x3Client = client(x3, {
      tokenStore: store,
      logger: { warn: (_fields, message) => warnings.push(message ?? "") },
    });
    await collect(x3Client.query("CACCE"));
    x3.clock.advance(6 * MINUTE);
    await collect(x3Client.query("CACCE"));
    expect(warnings.length).toBe(1); // at most once a day
    expect(warnings[0]).toContain("ml-connector auth sage-x3");
  });

  it("does not warn with a fresh 30-day refresh token", async () => {
    const x3 = await sandbox();
    const store = await pair(x3);
    const warnings: string[] = [];
    await collect(
      client(x3, { tokenStore: store, logger: { warn: (_f, message) => warnings.push(message ?? "") } }).query("CACCE"),
    );
    expect(warnings).toEqual([]);
  });
});
