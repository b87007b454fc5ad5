import { describe, expect, it } from "vitest";
import { type AuthStrategy, ConnectorError, createTransportFetch, IDEMPOTENT_HEADER } from "../../src/index.js";
import { useLoopbackServers } from "./loopback-server.js";

// A 3xx is never followed and never a success: a redirect answered to a download used to come back as a response
// with no body (read as an empty file), and one answered to an upload or a delete as "done".

const fast = { baseDelayMs: 1, maxDelayMs: 5, retries: 3 };
const server = useLoopbackServers();

const auth: AuthStrategy = {
  authorize: async () => "Bearer secret-token-1",
  invalidate: async () => false,
  secrets: () => ["secret-token-1"],
};

describe("3xx answers", () => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const method of ["GET", "POST", "DELETE"]) {
      it(`${method} answered with ${status} is an error, not followed and not retried`, async () => {
        const target = await server((_req, res) => {
          res.writeHead(200, { "content-type": "application/octet-stream" });
          res.end("the bytes somewhere else");
        });
        const srv = await server((_req, res) => {
          res.writeHead(status, { location: `${target.url}/elsewhere/file.json?signature=abc` });
          res.end();
        });
        const fetch = createTransportFetch({ baseUrl: srv.url, auth, retry: fast });
        const headers = method === "POST" ? { [IDEMPOTENT_HEADER]: "true" } : undefined;
        const error = await fetch(
          new Request(`${srv.url}/transactions/v5/data/out/PO1.json`, {
            method,
            ...(method === "POST" ? { body: "bytes" } : {}),
            headers,
          }),
        ).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error).toMatchObject({ kind: "server", status, retryable: false });
        const message = (error as ConnectorError).message;
        expect(message).toContain(`HTTP ${status}`);
        expect(message).toContain("redirects are never followed");
        expect(message).toContain(`${target.url}/elsewhere/file.json`);
        expect(message).not.toContain("signature");
        // Asked once (a POST marked idempotent included), and the redirect's target never reached.
        expect(srv.requests).toHaveLength(1);
        expect(target.requests).toHaveLength(0);
      });
    }
  }

  it("a same-origin redirect without a Location is an error too, naming no target", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(302);
      res.end();
    });
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: fast });
    await expect(fetch(new Request(`${srv.url}/x`, { method: "DELETE" }))).rejects.toMatchObject({
      kind: "server",
      status: 302,
      message: expect.stringMatching(/^DELETE \/x was answered with HTTP 302, a redirect: /),
    });
    expect(srv.requests).toHaveLength(1);
  });
});
