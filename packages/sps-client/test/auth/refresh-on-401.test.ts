import { describe, expect, it } from "vitest";
import { clientFor, collect, manualClock, startSandbox } from "../support/sandbox.js";

describe("refresh on 401", () => {
  it("refreshes once and retries when the token was revoked", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", "{}");
    const client = clientFor(sandbox);
    await client.download("out/PO1-v7.7-BulkImport.json");
    const before = client.tokens.peek()?.accessToken;

    sandbox.revokeAccessTokens();
    const bytes = await client.download("out/PO1-v7.7-BulkImport.json");
    expect(new TextDecoder().decode(bytes)).toBe("{}");
    expect(sandbox.counters.get("token")).toBe(2);
    expect(sandbox.counters.get("transactions.download")).toBe(3); // ok, 401, ok
    expect(client.tokens.peek()?.accessToken).not.toBe(before);
  });

  it("gives up after one refresh when the new token is refused too", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.authCheck();
    sandbox.faults.add({ route: "transactions.download", status: 401, body: { title: "Unauthorized", status: 401 } });
    const error = await client.download("out/x.json").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "auth", status: 401 });
    expect(sandbox.counters.get("transactions.download")).toBe(2);
    expect(sandbox.counters.get("token")).toBe(2);
  });

  it("survives a token that expires in the middle of a listing", async () => {
    const clock = manualClock();
    const sandbox = await startSandbox({ clock, tokenLifetimeSeconds: 120, pageSize: 10 });
    for (let i = 0; i < 55; i += 1) sandbox.mailbox.putOutbound(`PO${String(i).padStart(3, "0")}.json`, "{}");
    // The client does not share the sandbox's clock: it only learns of the expiry from the 401.
    const client = clientFor(sandbox, { refreshBeforeMs: 0 });
    const names: string[] = [];
    for await (const entry of client.list("out/")) {
      names.push(entry.name);
      if (names.length === 25) clock.advance(121_000);
    }
    expect(names).toHaveLength(55);
    expect(new Set(names).size).toBe(55);
    expect(sandbox.counters.get("token")).toBe(2);
  });

  it("refreshes proactively when client and server agree on the time", async () => {
    const clock = manualClock();
    const sandbox = await startSandbox({ clock, tokenLifetimeSeconds: 120, pageSize: 10 });
    for (let i = 0; i < 30; i += 1) sandbox.mailbox.putOutbound(`PO${String(i).padStart(3, "0")}.json`, "{}");
    const client = clientFor(sandbox, { clock, refreshBeforeMs: 30_000 });
    let count = 0;
    for await (const _entry of client.list("out")) {
      count += 1;
      if (count === 10) clock.advance(100_000);
    }
    expect(count).toBe(30);
    expect(sandbox.counters.get("token")).toBe(2);
    // No request was refused: the new token was fetched before the old one expired.
    expect(sandbox.counters.get("transactions.list")).toBe(3);
  });

  it("asks to pair again when the refresh token is revoked", async () => {
    const sandbox = await startSandbox({ redirectUris: ["http://127.0.0.1:9/callback"] });
    const { createSpsPairing } = await import("../../src/index.js");
    const { MemoryTokenStore } = await import("@ml-connector/transport");
    const store = new MemoryTokenStore();
    const pairing = createSpsPairing({
      ...sandbox.credentials,
      authUrl: sandbox.authUrl,
      redirectUri: "http://127.0.0.1:9/callback",
      tokenStore: store,
    });
    const { url, state } = pairing.authorizeUrl();
    const redirect = await fetch(url, { redirect: "manual" });
    const location = new URL(redirect.headers.get("location") ?? "");
    await pairing.exchangeCode({ code: location.searchParams.get("code") ?? "", state, expectedState: state });

    const client = clientFor(sandbox, { flow: "authorization_code", tokenStore: store });
    expect(await client.authCheck()).toBe(true);
    sandbox.revokeAccessTokens();
    sandbox.revokeRefreshTokens();
    const error = await collect(client.list("out")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "auth", oauthError: "invalid_grant" });
    expect((error as Error).message).toMatch(/pair the application again/);
  });
});
