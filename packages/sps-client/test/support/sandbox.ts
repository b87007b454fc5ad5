import { type SpsSandbox, type SpsSandboxOptions, startSpsSandbox } from "@ml-connector/sandbox";
import { afterEach } from "vitest";
import { createSpsClient, type SpsClient, type SpsClientOptions } from "../../src/index.js";

const running: SpsSandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

/** Starts an SPS sandbox that is closed after the test. */
export async function startSandbox(options: SpsSandboxOptions = {}): Promise<SpsSandbox> {
  const sandbox = await startSpsSandbox(options);
  running.push(sandbox);
  return sandbox;
}

/** A client wired to the sandbox, with tiny retry delays so the suite stays fast. */
export function clientFor(sandbox: SpsSandbox, overrides: Partial<SpsClientOptions> = {}): SpsClient {
  return createSpsClient({
    baseUrl: sandbox.baseUrl,
    authUrl: sandbox.authUrl,
    credentials: sandbox.credentials,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

/** A logger that keeps the client's "retrying request" warnings: what went wrong and how long the client waited. */
export function retryRecorder(): {
  logger: SpsClientOptions["logger"];
  retries: Array<{ kind?: unknown; status?: unknown; delayMs?: unknown; path?: unknown }>;
} {
  const retries: Array<Record<string, unknown>> = [];
  const ignore = () => undefined;
  return {
    retries,
    logger: {
      debug: ignore,
      info: ignore,
      error: ignore,
      warn: (fields, message) => {
        if (message === "retrying request") retries.push(fields);
      },
    },
  };
}

export { manualClock } from "@ml-connector/transport";

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** A minimal valid 855 (OrderAck) in RSX 7.7 JSON. */
export function orderAckJson(poNumber = "PO584615-1"): string {
  return JSON.stringify({
    Header: {
      OrderHeader: {
        TradingPartnerId: "SPSALLTESTID",
        PurchaseOrderNumber: poNumber,
        TsetPurposeCode: "00",
        AcknowledgementType: "AD",
        AcknowledgementDate: "2026-11-28",
      },
    },
    LineItem: [],
    Summary: {},
  });
}
