import { afterEach, describe, expect, it, vi } from "vitest";
import { createTransportFetch, TransportRequest } from "../../src/index.js";
import { json, useLoopbackServers } from "./loopback-server.js";

// Every ConnectorError the transport builds, counted: its class is bound when the modules load, so replacing the
// global `Error` (below) does not see it.
const connectorErrors = vi.hoisted(() => ({ made: 0 }));
vi.mock("../../src/errors/connector-error.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/errors/connector-error.js")>();
  class CountedConnectorError extends actual.ConnectorError {
    constructor(...args: ConstructorParameters<typeof actual.ConnectorError>) {
      super(...args);
      connectorErrors.made += 1;
    }
  }
  return { ...actual, ConnectorError: CountedConnectorError };
});

const server = useLoopbackServers();
afterEach(() => {
  connectorErrors.made = 0;
});

describe("the success path of a request", () => {
  it("allocates no Response, Headers, ReadableStream, AbortController or error for a request and its JSON reply", async () => {
    const srv = await server((req, res) => json(res, 200, { echo: req.body }));
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: { retries: 2 } });
    const counts = countConstructions([
      "Response",
      "Headers",
      "ReadableStream",
      "AbortController",
      "Error",
      "TypeError",
      "DOMException",
    ]);
    try {
      const response = await fetch(
        new TransportRequest(`${srv.url}/things?q='a b'`.replace(" ", "%20"), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"a":1}',
        }),
      );
      expect(await response.json()).toEqual({ echo: '{"a":1}' });
    } finally {
      counts.restore();
    }
    expect(counts.made).toEqual({
      Response: 0,
      Headers: 0,
      ReadableStream: 0,
      AbortController: 0,
      Error: 0,
      TypeError: 0,
      DOMException: 0,
    });
    expect(connectorErrors.made).toBe(0);
    // The quote in the query goes percent-encoded, as `new URL` writes it.
    expect(srv.requests[0]?.path).toBe("/things?q=%27a%20b%27");
  });

  it("counts the errors it is meant to catch (a failed request builds its ConnectorError)", async () => {
    const srv = await server((_req, res) => json(res, 404, { title: "missing" }));
    const fetch = createTransportFetch({ baseUrl: srv.url, retry: { retries: 0 } });
    await expect(fetch(new TransportRequest(`${srv.url}/x`))).rejects.toMatchObject({ kind: "not-found" });
    expect(connectorErrors.made).toBe(1);
  });
});

/** Counts `new X()` of the named globals until `restore()`. */
function countConstructions<const N extends string>(names: readonly N[]) {
  const made = Object.fromEntries(names.map((name) => [name, 0])) as Record<N, number>;
  const globals = globalThis as unknown as Record<string, new (...args: unknown[]) => object>;
  const originals = names.map((name) => [name, globals[name]] as const);
  for (const [name, Original] of originals) {
    globals[name] = class extends (Original as new (...args: unknown[]) => object) {
      constructor(...args: unknown[]) {
        super(...args);
        made[name] += 1;
      }
    } as new (
      ...args: unknown[]
    ) => object;
  }
  return {
    made,
    restore: () => {
      for (const [name, Original] of originals) globals[name] = Original as new (...args: unknown[]) => object;
    },
  };
}
