import pRetry from "p-retry";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectorError, createTransportFetch, TransportRequest, withRetry } from "../../src/index.js";
import { json, retryRecorder, startLoopbackServer } from "../http/loopback-server.js";

// p-retry as it is, watched: the transport must call it only after a failed first attempt.
vi.mock("p-retry", async (importOriginal) => {
  const actual = await importOriginal<typeof import("p-retry")>();
  return { ...actual, default: vi.fn(actual.default) };
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.mocked(pRetry).mockClear();
  await close?.();
  close = undefined;
});

describe("the first attempt (called directly, p-retry for the retries)", () => {
  it("does not enter p-retry when the first attempt succeeds", async () => {
    expect(await withRetry(async (attempt) => `ok ${attempt}`, { idempotent: true })).toBe("ok 1");
    expect(pRetry).not.toHaveBeenCalled();
  });

  it("numbers the attempts and backs off from the first retry on, as one sequence", async () => {
    const seen: number[] = [];
    const waits: Array<{ attempt: number; delayMs: number }> = [];
    const result = await withRetry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 4) throw new ConnectorError("busy", { kind: "server", status: 503 });
        return "done";
      },
      {
        idempotent: true,
        // random 1: each backoff is its ceiling, base * 2^retry.
        retry: { baseDelayMs: 1, maxDelayMs: 100, random: () => 1 },
        onRetry: ({ attempt, delayMs }) => waits.push({ attempt, delayMs }),
      },
    );
    expect(result).toBe("done");
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(waits).toEqual([
      { attempt: 1, delayMs: 1 },
      { attempt: 2, delayMs: 2 },
      { attempt: 3, delayMs: 4 },
    ]);
    expect(pRetry).toHaveBeenCalledTimes(1);
  });

  it("stops after `retries` retries in all, the first one included", async () => {
    let attempts = 0;
    const error = await withRetry(
      async () => {
        attempts += 1;
        throw new ConnectorError("busy", { kind: "server", status: 503 });
      },
      { idempotent: true, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } },
    ).catch((caught: unknown) => caught);
    expect(attempts).toBe(3);
    expect(error).toMatchObject({ kind: "server", status: 503 });
  });

  it("throws a first failure that is not retryable as it is, without p-retry", async () => {
    const refused = new ConnectorError("no", { kind: "validation", status: 400 });
    await expect(
      withRetry(
        async () => {
          throw refused;
        },
        { idempotent: true },
      ),
    ).rejects.toBe(refused);
    const bug = new RangeError("a bug");
    await expect(
      withRetry(
        async () => {
          throw bug;
        },
        { idempotent: true },
      ),
    ).rejects.toBe(bug);
    expect(pRetry).not.toHaveBeenCalled();
  });

  it("does not start when the caller's signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    let attempts = 0;
    await expect(
      withRetry(
        async () => {
          attempts += 1;
        },
        { idempotent: true, signal: controller.signal },
      ),
    ).rejects.toThrow("stop");
    expect(attempts).toBe(0);
  });

  it("honours Retry-After over HTTP after the first failure and after a later one", async () => {
    const started = await startLoopbackServer((_req, res, index) => {
      if (index === 0) return json(res, 503, {}, { "retry-after": "0.02" });
      if (index === 1) return json(res, 429, {}, { "retry-after": "0.03" });
      json(res, 200, { attempt: index });
    });
    close = started.close;
    const { logger, retries } = retryRecorder();
    // random 0: a backoff would be 0 ms, so the waits seen are the server's.
    const fetch = createTransportFetch({ baseUrl: started.url, retry: { random: () => 0 }, logger });
    const response = await fetch(new TransportRequest(`${started.url}/x`));
    expect(await response.json()).toEqual({ attempt: 2 });
    expect(retries).toEqual([
      expect.objectContaining({ attempt: 1, kind: "server", status: 503, delayMs: 20 }),
      expect.objectContaining({ attempt: 2, kind: "rate-limit", status: 429, delayMs: 30 }),
    ]);
    expect(started.requests).toHaveLength(3);
  });
});

describe("finalError (the caller's wrapping of the error that ends a call)", () => {
  const wrap = (error: unknown) => new ConnectorError("wrapped", { kind: "cancelled", cause: error });

  it("wraps the last failure after the retries, once, and never a success", async () => {
    const busy = new ConnectorError("busy", { kind: "server", status: 503 });
    let wrapped = 0;
    const finalError = (error: unknown) => {
      wrapped += 1;
      return wrap(error);
    };
    const error = await withRetry(
      async () => {
        throw busy;
      },
      { idempotent: true, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 }, finalError },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: "wrapped", cause: busy });
    expect(wrapped).toBe(1);
    expect(await withRetry(async () => "ok", { idempotent: true, finalError })).toBe("ok");
    expect(wrapped).toBe(1);
  });

  it("wraps the reason of a signal aborted before the first attempt, or during it", async () => {
    const before = new AbortController();
    before.abort(new Error("stop"));
    await expect(
      withRetry(async () => "never", { idempotent: true, signal: before.signal, finalError: wrap }),
    ).rejects.toMatchObject({ message: "wrapped", cause: before.signal.reason });
    const during = new AbortController();
    await expect(
      withRetry(
        async () => {
          during.abort(new Error("late"));
          return "answered after the abort";
        },
        { idempotent: true, signal: during.signal, finalError: wrap },
      ),
    ).rejects.toMatchObject({ message: "wrapped", cause: during.signal.reason });
  });

  it("hands a result that came after the abort to `discard`, on the first attempt and on a retry", async () => {
    const discarded: unknown[] = [];
    const discard = (result: unknown) => discarded.push(result);
    const first = new AbortController();
    await expect(
      withRetry(
        async () => {
          first.abort(new Error("late"));
          return "first answer";
        },
        { idempotent: true, signal: first.signal, discard },
      ),
    ).rejects.toBe(first.signal.reason);
    const retried = new AbortController();
    await expect(
      withRetry(
        async (attempt) => {
          if (attempt === 1) throw new ConnectorError("busy", { kind: "server", status: 503, retryable: true });
          retried.abort(new Error("late again"));
          return "second answer";
        },
        { idempotent: true, signal: retried.signal, discard, retry: { baseDelayMs: 0, maxDelayMs: 0 } },
      ),
    ).rejects.toThrow("late again");
    expect(discarded).toEqual(["first answer", "second answer"]);
  });
});
