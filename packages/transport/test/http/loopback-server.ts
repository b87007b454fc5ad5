import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A real HTTP server on 127.0.0.1 that answers with the handler's choice and records every request. */
export async function startLoopbackServer(
  handler: (request: RecordedRequest, res: ServerResponse, index: number) => void | Promise<void>,
): Promise<{ url: string; requests: RecordedRequest[]; close: () => Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    await handler(recorded, res, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Loopback servers for the tests of one file, each closed after the test that started it: call at the top level of
 * the file, then `await server(handler)` in a test.
 */
export function useLoopbackServers() {
  let closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.map((close) => close()));
    closers = [];
  });
  return async function server(handler: Parameters<typeof startLoopbackServer>[0]) {
    const started = await startLoopbackServer(handler);
    closers.push(started.close);
    return started;
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Never answers: holds the request until the client gives up (abort, timeout) or the server closes. */
export function neverAnswer(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.on("close", () => resolve()));
}

/** A logger that keeps the transport's "retrying request" warnings: why it retried and how long it waited. */
export function retryRecorder() {
  const retries: Array<Record<string, unknown>> = [];
  const ignore = () => undefined;
  return {
    retries,
    logger: {
      debug: ignore,
      info: ignore,
      error: ignore,
      warn: (fields: Record<string, unknown>, message?: string) => {
        if (message === "retrying request") retries.push(fields);
      },
    },
  };
}
