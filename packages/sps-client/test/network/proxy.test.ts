import { type RunningProxySandbox, startProxySandbox } from "@ml-connector/sandbox";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientFor, collect, startSandbox } from "../support/sandbox.js";

// Corporate networks reach SPS through a proxy: every request (tokens included) goes through it, as the config or
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY say. The sandbox is plain http on loopback, so the proxy sees absolute-form
// requests (the CONNECT tunnel for https is proved in the transport's own tests).

let proxy: RunningProxySandbox | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await proxy?.close();
  proxy = undefined;
});

const withoutProxyEnv = () => {
  for (const name of ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]) {
    vi.stubEnv(name, "");
  }
  vi.stubEnv("no_proxy", "");
  vi.stubEnv("NO_PROXY", "");
};

describe("the SPS client behind a proxy", () => {
  it("sends the token request and the mailbox calls through the configured proxy, with its credentials", async () => {
    withoutProxyEnv();
    proxy = await startProxySandbox({ credentials: "corp:pa55" });
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", "{}");
    const client = clientFor(sandbox, { proxy: `http://corp:pa55@127.0.0.1:${proxy.port}` });
    const files = await collect(client.list("out/"));
    expect(files.map((file) => file.name)).toEqual(["PO1-v7.7-BulkImport.json"]);
    expect(proxy.forwarded.map((target) => new URL(target).pathname)).toEqual([
      "/oauth/token",
      expect.stringMatching(/^\/transactions\/v5\/data\/out\/?$/),
    ]);
    const origins = new Set([new URL(sandbox.baseUrl).origin, new URL(sandbox.authUrl).origin]);
    expect(proxy.forwarded.every((target) => origins.has(new URL(target).origin))).toBe(true);
    expect(proxy.refused).toBe(0);
  });

  it("takes HTTP_PROXY from the environment, and goes direct to the hosts NO_PROXY lists or with proxy: false", async () => {
    withoutProxyEnv();
    proxy = await startProxySandbox();
    const sandbox = await startSandbox();
    vi.stubEnv("HTTP_PROXY", proxy.url);
    expect(await clientFor(sandbox).authCheck()).toBe(true);
    expect(proxy.forwarded).toHaveLength(2);

    expect(await clientFor(sandbox, { proxy: false }).authCheck()).toBe(true);
    vi.stubEnv("NO_PROXY", "localhost,127.0.0.1");
    expect(await clientFor(sandbox).authCheck()).toBe(true);
    expect(proxy.forwarded).toHaveLength(2);
  });
});
