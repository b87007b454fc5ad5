import { describe, expect, it } from "vitest";
import { createSpsPairing } from "../../src/index.js";
import { clientFor, collect, startSandbox } from "../support/sandbox.js";

describe("secrets stay out of errors and logs", () => {
  it("never logs or throws the client secret, the access token or the refresh token", async () => {
    const sandbox = await startSandbox({ redirectUris: ["http://127.0.0.1:9/cb"] });
    const lines: string[] = [];
    const record = (fields: Record<string, unknown>, message?: string) => {
      lines.push(JSON.stringify(fields), message ?? "");
    };
    const logger = { debug: record, info: record, warn: record, error: record };
    const { MemoryTokenStore } = await import("@ml-connector/transport");
    const store = new MemoryTokenStore();
    const pairing = createSpsPairing({
      ...sandbox.credentials,
      authUrl: sandbox.authUrl,
      redirectUri: "http://127.0.0.1:9/cb",
      tokenStore: store,
    });
    const { url, state } = pairing.authorizeUrl();
    const location = new URL((await fetch(url, { redirect: "manual" })).headers.get("location") ?? "");
    const paired = await pairing.exchangeCode({
      code: location.searchParams.get("code") ?? "",
      state,
      expectedState: state,
    });

    const client = clientFor(sandbox, { logger, flow: "authorization_code", tokenStore: store });
    sandbox.mailbox.putOutbound("a.json", "{}");
    // Errors whose bodies echo the secrets back, retries (logged), 401s.
    const echo = {
      title: "Bad Request",
      status: 400,
      detail: `bad secret ${sandbox.credentials.clientSecret} refresh ${paired.refreshToken}`,
    };
    sandbox.faults.add({ route: "transactions.list", status: 503, times: 2 });
    await collect(client.list("out"));
    sandbox.faults.add({ route: "transactions.download", status: 400, body: echo, times: 1 });
    const errors: unknown[] = [];
    errors.push(await client.download("out/a.json").catch((caught: unknown) => caught));
    sandbox.revokeAccessTokens();
    const accessToken = client.tokens.peek()?.accessToken ?? "";
    sandbox.faults.add({
      route: "transactions.download",
      status: 401,
      body: { title: `token ${accessToken}`, status: 401 },
    });
    errors.push(await client.download("out/a.json").catch((caught: unknown) => caught));

    expect(lines.some((line) => line.includes("retrying request"))).toBe(true);
    expect(errors.every((error) => error instanceof Error)).toBe(true);
    const everything = [
      ...lines,
      ...errors.map((error) => `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ""}`),
    ].join("\n");
    for (const secret of [sandbox.credentials.clientSecret, paired.refreshToken ?? "", accessToken]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain("[redacted]");
  });
});
