import { describe, expect, it } from "vitest";
import { clientFor, collect, startSandbox } from "../support/sandbox.js";

describe("timeouts", () => {
  it("times out a slow attempt and retries it", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox, { timeoutMs: 150 });
    await client.authCheck();
    sandbox.faults.add({ route: "transactions.list", latencyMs: 600, times: 1 });
    const started = Date.now();
    await collect(client.list("out"));
    expect(Date.now() - started).toBeLessThan(600);
    expect(sandbox.counters.get("transactions.list")).toBe(2);
  });

  it("fails with a timeout error when every attempt is too slow", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox, { timeoutMs: 100, retry: { retries: 2, baseDelayMs: 1 } });
    await client.authCheck();
    sandbox.faults.add({ route: "transactions.download", latencyMs: 400 });
    const error = await client.download("out/a.json").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "timeout", retryable: true });
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(sandbox.counters.get("transactions.download")).toBe(3);
  });

  it("times out a slow token endpoint too", async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ route: "token", latencyMs: 400, times: 1 });
    const client = clientFor(sandbox, { timeoutMs: 100 });
    expect(await client.authCheck()).toBe(true);
    expect(sandbox.counters.get("token")).toBe(2);
  });

  it("stops when the caller aborts", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.authCheck();
    sandbox.faults.add({ route: "transactions.download", latencyMs: 1_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await client.download("out/a.json", { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "cancelled" });
  });
});
