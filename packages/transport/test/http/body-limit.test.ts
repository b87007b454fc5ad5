import { describe, expect, it } from "vitest";
import { bodyLimitExceeded, createTransportFetch, MAX_BODY_BYTES_HEADER, TransportRequest } from "../../src/index.js";
import { useLoopbackServers } from "./loopback-server.js";

const server = useLoopbackServers();

const capped = (url: string, maxBytes: number) =>
  new TransportRequest(url, { headers: { [MAX_BODY_BYTES_HEADER]: String(maxBytes) } });

describe("a cap on the body read whole (MAX_BODY_BYTES_HEADER), over node:http", () => {
  it("refuses an announced length past the cap before reading, and never sends the header", async () => {
    const srv = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": "5000" });
      res.end(Buffer.alloc(5000, 65));
    });
    const fetch = createTransportFetch({ baseUrl: srv.url });
    const response = await fetch(capped(`${srv.url}/big`, 1000));
    const error = await response.arrayBuffer().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "ConnectorError", kind: "security", retryable: false });
    expect(bodyLimitExceeded(error)).toEqual({ maxBodyBytes: 1000, declaredBytes: 5000 });
    expect(srv.requests[0]?.headers[MAX_BODY_BYTES_HEADER]).toBeUndefined();
  });

  it("stops reading a body without a length as soon as it passes the cap", async () => {
    let sent = 0;
    const srv = await server(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      // Chunked and endless: only the cap ends the reading (the socket closes under the writes).
      while (!res.destroyed && sent < 50_000_000) {
        sent += 16_384;
        if (!res.write(Buffer.alloc(16_384, 66))) await new Promise((resolve) => res.once("drain", resolve));
        if (res.destroyed || res.writableEnded) break;
      }
      res.end();
    });
    const fetch = createTransportFetch({ baseUrl: srv.url });
    const response = await fetch(capped(`${srv.url}/endless`, 100_000));
    const error = await response.text().catch((caught: unknown) => caught);
    expect(bodyLimitExceeded(error)).toEqual({ maxBodyBytes: 100_000, declaredBytes: undefined });
    expect(sent).toBeLessThan(50_000_000);
  });

  it("reads a body at the cap or under it, and an empty one", async () => {
    const srv = await server((req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(req.path === "/empty" ? "" : Buffer.alloc(1000, 67));
    });
    const fetch = createTransportFetch({ baseUrl: srv.url });
    expect((await (await fetch(capped(`${srv.url}/exact`, 1000))).arrayBuffer()).byteLength).toBe(1000);
    expect(await (await fetch(capped(`${srv.url}/empty`, 1000))).text()).toBe("");
  });

  it("refuses a cap that is not a whole number of bytes", async () => {
    const srv = await server((_req, res) => {
      res.end("x");
    });
    const fetch = createTransportFetch({ baseUrl: srv.url });
    await expect(
      fetch(new TransportRequest(`${srv.url}/x`, { headers: { [MAX_BODY_BYTES_HEADER]: "12kB" } })),
    ).rejects.toMatchObject({ kind: "configuration" });
    expect(srv.requests).toHaveLength(0);
  });
});

describe("a cap on the body read whole, with an injected fetch", () => {
  it("refuses an announced length past the cap and counts a streamed body", async () => {
    let pulled = 0;
    const injected: typeof fetch = async (input) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith("/announced")) {
        return new Response(new Uint8Array(5000), { status: 200, headers: { "content-length": "5000" } });
      }
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 16_384;
          controller.enqueue(new Uint8Array(16_384));
        },
      });
      return new Response(stream, { status: 200 });
    };
    const transport = createTransportFetch({ baseUrl: "http://127.0.0.1:9", fetch: injected });
    const announced = await (await transport(capped("http://127.0.0.1:9/announced", 1000)))
      .arrayBuffer()
      .catch((e) => e);
    expect(bodyLimitExceeded(announced)).toEqual({ maxBodyBytes: 1000, declaredBytes: 5000 });
    const streamed = await (await transport(capped("http://127.0.0.1:9/streamed", 50_000))).json().catch((e) => e);
    expect(bodyLimitExceeded(streamed)).toEqual({ maxBodyBytes: 50_000, declaredBytes: undefined });
    expect(pulled).toBeLessThan(200_000);
    const small = injectedText("héllo");
    const within = createTransportFetch({ baseUrl: "http://127.0.0.1:9", fetch: small });
    expect(await (await within(capped("http://127.0.0.1:9/small", 6))).text()).toBe("héllo");
  });
});

function injectedText(text: string): typeof fetch {
  return async () => new Response(text, { status: 200 });
}
