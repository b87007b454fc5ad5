import { describe, expect, it, vi } from "vitest";
import { clientFor, collect, retryRecorder, startSandbox } from "../support/sandbox.js";

describe("timeouts", () => {
  it("times out a slow attempt and retries it", async () => {
    const sandbox = await startSandbox();
    const { logger, retries } = retryRecorder();
    // A timeout the second attempt meets even on a loaded machine.
    const client = clientFor(sandbox, { timeoutMs: 1_000, logger });
    await client.authCheck();
    // Far longer than the timeout: the first attempt can only end by being timed out.
    sandbox.faults.add({ route: "transactions.list", latencyMs: 20_000, times: 1 });
    await collect(client.list("out"));
    expect(retries).toEqual([expect.objectContaining({ kind: "timeout" })]);
    expect(sandbox.counters.get("transactions.list")).toBe(2);
  });

  it("fails with a timeout error when every attempt is too slow", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox, { timeoutMs: 100, retry: { retries: 2, baseDelayMs: 1 } });
    await client.authCheck();
    sandbox.faults.add({ route: "transactions.download", latencyMs: 20_000 });
    const error = await client.download("out/a.json").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "timeout", retryable: true });
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
    expect(sandbox.counters.get("transactions.download")).toBe(3);
  });

  it("times out a slow token endpoint too", async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ route: "token", latencyMs: 20_000, times: 1 });
    const client = clientFor(sandbox, { timeoutMs: 1_000 });
    expect(await client.authCheck()).toBe(true);
    expect(sandbox.counters.get("token")).toBe(2);
  });

  it("stops when the caller aborts", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.authCheck();
    sandbox.faults.add({ route: "transactions.download", latencyMs: 20_000 });
    const controller = new AbortController();
    const pending = client.download("out/a.json", { signal: controller.signal }).catch((caught: unknown) => caught);
    // Aborts once the request is at the server (waiting out its latency), not after a guessed delay.
    await vi.waitFor(() => expect(sandbox.counters.get("transactions.download")).toBe(1), { timeout: 10_000 });
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ name: "SpsError", kind: "cancelled" });
  });
});
