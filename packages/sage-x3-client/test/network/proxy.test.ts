import { type RunningProxySandbox, startProxySandbox } from "@ml-connector/sandbox";
import { afterEach, describe, expect, it, vi } from "vitest";
import { basicAuth, client, collect, pair, sandbox } from "../helpers.js";

// Sage X3 on-premises is usually reached directly and the cloud gateway through the company's proxy: the client
// follows the config's proxy / noProxy, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY. The sandbox is plain http on
// loopback, so the proxy sees absolute-form requests (CONNECT for https is proved in the transport's tests).

let proxy: RunningProxySandbox | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await proxy?.close();
  proxy = undefined;
});

describe("the Sage X3 client behind a proxy", () => {
  it("sends the token refresh and the api1 calls through the configured proxy", async () => {
    proxy = await startProxySandbox({ credentials: "corp:pa55" });
    const x3 = await sandbox();
    const tokenStore = await pair(x3);
    const x3Client = client(x3, { tokenStore, proxy: `http://corp:pa55@127.0.0.1:${proxy.port}`, noProxy: "" });
    x3.clock.advance(24 * 3_600_000);
    const pages = await collect(x3Client.pages("BPCUSTOMER", { count: 1 }));
    expect(pages.length).toBeGreaterThan(0);
    const paths = proxy.forwarded.map((target) => new URL(target).pathname);
    expect(paths.some((path) => path.endsWith("/token"))).toBe(true);
    expect(paths.some((path) => path.includes("/api1/"))).toBe(true);
    expect(proxy.forwarded.every((target) => target.startsWith(x3.baseUrl))).toBe(true);
  });

  it("goes direct when NO_PROXY lists the server, even with HTTP_PROXY set", async () => {
    proxy = await startProxySandbox();
    const x3 = await sandbox();
    vi.stubEnv("HTTP_PROXY", proxy.url);
    vi.stubEnv("NO_PROXY", "127.0.0.1");
    vi.stubEnv("no_proxy", "");
    vi.stubEnv("http_proxy", "");
    await collect(client(x3, { auth: basicAuth(x3) }).pages("BPCUSTOMER", { count: 1 }));
    expect(proxy.forwarded).toEqual([]);
    vi.stubEnv("NO_PROXY", "");
    await collect(client(x3, { auth: basicAuth(x3) }).pages("BPCUSTOMER", { count: 1 }));
    expect(proxy.forwarded.length).toBeGreaterThan(0);
  });
});
