import { describe, expect, it } from "vitest";
import { clientFor, startSandbox } from "../support/sandbox.js";

describe("single flight", () => {
  it("shares one token request between 50 concurrent calls", async () => {
    const sandbox = await startSandbox();
    // A slow token endpoint makes the overlap certain.
    sandbox.faults.add({ route: "token", latencyMs: 100 });
    for (let i = 0; i < 50; i += 1) sandbox.mailbox.putOutbound(`PO${i}.json`, `{"n":${i}}`);
    const client = clientFor(sandbox, { maxConcurrency: 50 });
    const bodies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.download(`out/PO${i}.json`).then((b) => new TextDecoder().decode(b))),
    );
    expect(bodies).toEqual(Array.from({ length: 50 }, (_, i) => `{"n":${i}}`));
    expect(sandbox.counters.get("token")).toBe(1);
  });

  it("shares one refresh when 50 concurrent calls all get 401", async () => {
    const sandbox = await startSandbox();
    for (let i = 0; i < 50; i += 1) sandbox.mailbox.putOutbound(`PO${i}.json`, "{}");
    const client = clientFor(sandbox, { maxConcurrency: 50 });
    await client.authCheck();
    sandbox.revokeAccessTokens();
    sandbox.faults.add({ route: "token", latencyMs: 50 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.download(`out/PO${i}.json`)));
    expect(sandbox.counters.get("token")).toBe(2);
    expect(sandbox.counters.get("transactions.download")).toBe(100);
  });
});
