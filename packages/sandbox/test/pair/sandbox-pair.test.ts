import { describe, expect, it } from "vitest";
import { startSandboxPair } from "../../src/index.js";

describe("startSandboxPair", () => {
  it("starts both sandboxes and says how clients reach them, as plain data", async () => {
    const pair = await startSandboxPair({ x3: { endpoint: "PILOT" } });
    try {
      expect(pair.clients).toEqual({
        sps: { baseUrl: pair.sps.baseUrl, authUrl: pair.sps.authUrl, credentials: pair.sps.credentials },
        x3: {
          serverUrl: pair.x3.baseUrl,
          endpoint: "PILOT",
          auth: { mode: "connected-app", ...pair.x3.credentials.connectedApp },
        },
      });
      // Plain data: it survives the trip to a child process.
      expect(JSON.parse(JSON.stringify(pair.clients))).toEqual(pair.clients);
      // The SPS token rate limit (20 a minute by default) is off unless asked for: a test may ask for many tokens.
      const token = () =>
        fetch(`${pair.sps.authUrl}/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            grant_type: "client_credentials",
            client_id: pair.sps.credentials.clientId,
            client_secret: pair.sps.credentials.clientSecret,
            audience: "https://spscommerce.com",
          }),
        });
      pair.resetCounters();
      const statuses = await Promise.all(Array.from({ length: 25 }, async () => (await token()).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(pair.requests().total).toBe(25);
    } finally {
      await pair.close();
    }
  });
});
