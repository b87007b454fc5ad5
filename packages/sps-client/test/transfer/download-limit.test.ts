import { describe, expect, it } from "vitest";
import { clientFor, startSandbox } from "../support/sandbox.js";

describe("download size limit", () => {
  it("refuses a file larger than maxBytes", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("big.xml", new Uint8Array(200_000).fill(65));
    const client = clientFor(sandbox);
    const error = await client.download("out/big.xml", { maxBytes: 100_000 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "security", retryable: false });
    expect((error as Error).message).toMatch(/100000-byte limit/);
  });

  it("counts streamed bytes when the size is not announced", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("big.xml", "x");
    // A server that streams without Content-Length and never stops on its own.
    let sent = 0;
    const endless: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.includes("/transactions/v5/data/out/big.xml")) return fetch(request);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 16_384;
          controller.enqueue(new Uint8Array(16_384));
        },
      });
      return new Response(stream, { status: 200, headers: { "content-type": "application/octet-stream" } });
    };
    const client = clientFor(sandbox, { fetch: endless, maxDownloadBytes: 50_000 });
    const error = await client.download("out/big.xml").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "security" });
    expect(sent).toBeLessThan(200_000);
  });

  it("accepts a file exactly at the limit, and an empty file", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("exact.xml", new Uint8Array(1_000).fill(1));
    sandbox.mailbox.putOutbound("empty.xml", "");
    const client = clientFor(sandbox);
    expect((await client.download("out/exact.xml", { maxBytes: 1_000 })).byteLength).toBe(1_000);
    expect((await client.download("out/empty.xml")).byteLength).toBe(0);
  });
});

describe("download body interrupted", () => {
  it("reports a body that stalls past the per-attempt timeout as a timeout", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("slow.xml", "x");
    // Headers come at once, then the body stalls until the request's signal fires (as undici does). The fake listens
    // on the signal it is given: a `new Request(input, init)` here would follow it only through a weak reference,
    // which a garbage collection can drop, leaving the body stalled for ever.
    const stalling: typeof fetch = async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (!url.includes("/out/slow.xml")) return fetch(input, init);
      const signal = init?.signal ?? undefined;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(10));
          if (!signal) return;
          // On a loaded machine the 100 ms may already be over by now: an aborted signal never fires again.
          if (signal.aborted) controller.error(signal.reason);
          else signal.addEventListener("abort", () => controller.error(signal.reason), { once: true });
        },
      });
      return new Response(stream, { status: 200 });
    };
    const client = clientFor(sandbox, { fetch: stalling, timeoutMs: 100 });
    const error = await client.download("out/slow.xml").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "timeout" });
  });
});
