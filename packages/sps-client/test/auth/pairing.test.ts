import { MemoryTokenStore } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import { createSpsPairing, SPS_AUDIENCE, spsTokenKey } from "../../src/index.js";
import { clientFor, collect, startSandbox } from "../support/sandbox.js";

const redirectUri = "http://127.0.0.1:9/callback";

describe("pairing (authorization-code flow)", () => {
  it("builds the authorize URL, exchanges the code, and the client runs on the refresh token", async () => {
    const sandbox = await startSandbox({ redirectUris: [redirectUri] });
    const store = new MemoryTokenStore();
    const pairing = createSpsPairing({
      ...sandbox.credentials,
      authUrl: sandbox.authUrl,
      redirectUri,
      tokenStore: store,
    });
    const { url, state } = pairing.authorizeUrl();
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe(`${sandbox.authUrl}/authorize`);
    expect(parsed.searchParams.get("scope")?.split(" ")).toContain("offline_access");
    expect(parsed.searchParams.get("audience")).toBe(SPS_AUDIENCE);
    expect(parsed.searchParams.get("redirect_uri")).toBe(redirectUri);
    expect(state.length).toBeGreaterThanOrEqual(32);

    const redirect = await fetch(url, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location") ?? "");
    expect(location.searchParams.get("state")).toBe(state);
    const tokens = await pairing.exchangeCode({
      code: location.searchParams.get("code") ?? "",
      state,
      expectedState: state,
    });
    expect(tokens.refreshToken).toBeTruthy();
    expect((await store.get(spsTokenKey(sandbox.credentials.clientId)))?.refreshToken).toBe(tokens.refreshToken);

    const client = clientFor(sandbox, { flow: "authorization_code", tokenStore: store });
    sandbox.mailbox.putOutbound("PO1.json", "{}");
    expect(await collect(client.list("out"))).toHaveLength(1);
    expect(sandbox.counters.get("token")).toBe(1); // the exchange; the client reused the stored access token
    sandbox.revokeAccessTokens();
    expect(await collect(client.list("out"))).toHaveLength(1);
    expect(sandbox.counters.get("token")).toBe(2); // a refresh_token grant
  });

  it("refuses a state that does not match", async () => {
    const sandbox = await startSandbox({ redirectUris: [redirectUri] });
    const pairing = createSpsPairing({ ...sandbox.credentials, authUrl: sandbox.authUrl, redirectUri });
    const { state } = pairing.authorizeUrl();
    await expect(pairing.exchangeCode({ code: "x", state: "forged", expectedState: state })).rejects.toMatchObject({
      kind: "security",
    });
    expect(sandbox.counters.get("token")).toBe(0);
  });

  it("refuses a code used twice, and a redirect URI that is not registered", async () => {
    const sandbox = await startSandbox({ redirectUris: [redirectUri] });
    const pairing = createSpsPairing({ ...sandbox.credentials, authUrl: sandbox.authUrl, redirectUri });
    const { url, state } = pairing.authorizeUrl();
    const location = new URL((await fetch(url, { redirect: "manual" })).headers.get("location") ?? "");
    const code = location.searchParams.get("code") ?? "";
    await pairing.exchangeCode({ code, state, expectedState: state });
    await expect(pairing.exchangeCode({ code, state, expectedState: state })).rejects.toMatchObject({
      kind: "auth",
      oauthError: "invalid_grant",
    });
    // One-time codes are never retried.
    expect(sandbox.counters.get("token")).toBe(2);

    const other = createSpsPairing({
      ...sandbox.credentials,
      authUrl: sandbox.authUrl,
      redirectUri: "http://127.0.0.1:9/elsewhere",
    });
    expect((await fetch(other.authorizeUrl().url, { redirect: "manual" })).status).toBe(403);
  });

  it("asks to pair first when the authorization_code flow has no refresh token", async () => {
    const sandbox = await startSandbox();
    const error = await clientFor(sandbox, { flow: "authorization_code" })
      .download("out/a.json")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "auth" });
    expect((error as Error).message).toMatch(/pair the application first/);
    expect(sandbox.counters.total()).toBe(0);
  });
});
