import { describe, expect, it } from "vitest";
import { clientFor, collect, retryRecorder, startSandbox } from "../support/sandbox.js";

describe("Retry-After", () => {
  it("waits as long as the server asks before retrying", async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ route: "transactions.list", status: 429, retryAfter: 1, times: 1 });
    const { logger, retries } = retryRecorder();
    const client = clientFor(sandbox, { logger });
    await client.authCheck();
    await collect(client.list("out"));
    expect(retries).toEqual([expect.objectContaining({ kind: "rate-limit", status: 429, delayMs: 1_000 })]);
    expect(sandbox.counters.get("transactions.list")).toBe(2);
  });

  it("fails at once, saying when to come back, when the wait is beyond the cap", async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ route: "transactions.list", status: 429, retryAfter: 120 });
    const { logger, retries } = retryRecorder();
    const client = clientFor(sandbox, { logger, retry: { baseDelayMs: 1, maxRetryAfterMs: 60_000 } });
    const error = await collect(client.list("out")).catch((caught: unknown) => caught);
    expect(retries).toEqual([]); // no wait at all
    expect(error).toMatchObject({ name: "SpsError", kind: "rate-limit", status: 429, retryAfterMs: 120_000 });
    expect((error as Error).message).toMatch(/120 s, longer than the 60 s cap; try again after \d{4}-/);
    expect(sandbox.counters.get("transactions.list")).toBe(1);
  });

  it("uses the default 60 s cap, for a 503's Retry-After too", async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ route: "transactions.download", status: 503, retryAfter: 61 });
    const { logger, retries } = retryRecorder();
    const error = await clientFor(sandbox, { logger, retry: { baseDelayMs: 1 } })
      .download("out/a.json")
      .catch((caught: unknown) => caught);
    expect(retries).toEqual([]); // no wait at all
    expect(error).toMatchObject({ name: "SpsError", kind: "server", status: 503, retryAfterMs: 61_000 });
    expect((error as Error).message).toMatch(/61 s, longer than the 60 s cap/);
    expect(sandbox.counters.get("transactions.download")).toBe(1);
  });

  it("retries 5xx with backoff and then succeeds", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("a.json", "{}");
    sandbox.faults.add({ route: "transactions.download", status: 502, times: 2 });
    const bytes = await clientFor(sandbox).download("out/a.json");
    expect(bytes.byteLength).toBe(2);
    expect(sandbox.counters.get("transactions.download")).toBe(3);
  });

  it("does not retry other 4xx", async () => {
    const sandbox = await startSandbox();
    const error = await clientFor(sandbox)
      .download("out/missing.json")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "not-found", status: 404 });
    expect((error as { problem?: { title?: string } }).problem?.title).toBe("Not Found");
    expect(sandbox.counters.get("transactions.download")).toBe(1);
  });

  it("does not repeat an upload whose answer was lost (the file may be stored: the caller looks first)", async () => {
    const sandbox = await startSandbox({ validateUploads: false });
    sandbox.faults.add({ route: "transactions.upload", resetAfterHandler: true, times: 1 });
    const error = await clientFor(sandbox)
      .upload("in/PR1-v7.7-BulkImport.json", "{}")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "connection" });
    expect(sandbox.counters.get("transactions.upload")).toBe(1);
    expect(sandbox.mailbox.inbound()).toHaveLength(1);
  });

  it("retries a connection reset", async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ route: "transactions.list", reset: true, times: 2 });
    await collect(clientFor(sandbox).list("out"));
    expect(sandbox.counters.get("transactions.list")).toBe(3);
  });
});
