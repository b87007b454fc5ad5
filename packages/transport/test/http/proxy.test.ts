import https from "node:https";
import type { AddressInfo } from "node:net";
import { type RunningProxySandbox, startProxySandbox } from "@ml-connector/sandbox";
import { generate } from "selfsigned";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createNodeFetch,
  createTransportFetch,
  describeProxy,
  isConnectorError,
  noProxyMatch,
  parseProxyUrl,
  proxyFor,
  TransportRequest,
} from "../../src/index.js";
import { json, startLoopbackServer } from "./loopback-server.js";

describe("which proxy a request uses (as curl reads the environment)", () => {
  const https443 = new URL("https://api.example.com/x");
  const plain = new URL("http://x3.corp.local:8124/api1");

  it("takes HTTPS_PROXY for https and HTTP_PROXY for http, the lower-case form first, ALL_PROXY as a fallback", () => {
    expect(proxyFor(https443, {}, { HTTPS_PROXY: "http://upper:3128" })?.url.host).toBe("upper:3128");
    expect(proxyFor(https443, {}, { HTTPS_PROXY: "http://upper:3128", https_proxy: "http://lower:3128" })?.source).toBe(
      "https_proxy",
    );
    expect(proxyFor(https443, {}, { HTTP_PROXY: "http://plain:3128" })).toBeUndefined();
    expect(proxyFor(plain, {}, { HTTP_PROXY: "http://plain:3128" })?.url.host).toBe("plain:3128");
    expect(proxyFor(plain, {}, { http_proxy: "http://lower:1" })?.source).toBe("http_proxy");
    expect(proxyFor(https443, {}, { ALL_PROXY: "http://all:8080" })?.source).toBe("ALL_PROXY");
    expect(proxyFor(https443, {}, { HTTPS_PROXY: " " })).toBeUndefined();
    expect(proxyFor(https443, {}, {})).toBeUndefined();
  });

  it("lets the explicit option override the environment, and false turn it off", () => {
    const env = { HTTPS_PROXY: "http://env:3128", NO_PROXY: "example.com" };
    expect(proxyFor(https443, { proxy: "http://config:8080" }, { HTTPS_PROXY: "http://env:3128" })?.url.host).toBe(
      "config:8080",
    );
    // The environment's NO_PROXY still applies to a configured proxy, unless noProxy is given.
    expect(proxyFor(https443, { proxy: "http://config:8080" }, env)).toBeUndefined();
    expect(proxyFor(https443, { proxy: "http://config:8080", noProxy: "" }, env)?.source).toBe("config");
    expect(proxyFor(https443, { proxy: false }, env)).toBeUndefined();
    expect(proxyFor(https443, { noProxy: "" }, env)?.source).toBe("HTTPS_PROXY");
  });

  it("matches NO_PROXY entries: *, hosts, domains with or without a dot, ports, IP addresses and networks", () => {
    const at = (url: string, list: string) => noProxyMatch(new URL(url), list);
    expect(at("https://api.example.com", "*")).toBe("*");
    expect(at("https://api.example.com", "other.org, example.com")).toBe("example.com");
    expect(at("https://api.example.com", ".example.com")).toBe(".example.com");
    expect(at("https://example.com", ".example.com")).toBe(".example.com");
    expect(at("https://api.example.com", "*.example.com")).toBe("*.example.com");
    expect(at("https://notexample.com", "example.com")).toBeUndefined();
    expect(at("https://example.com.org", "example.com")).toBeUndefined();
    expect(at("https://API.Example.com", "api.example.COM")).toBe("api.example.com");
    expect(at("http://x3.corp.local:8124", "x3.corp.local:8124")).toBe("x3.corp.local:8124");
    expect(at("http://x3.corp.local:8125", "x3.corp.local:8124")).toBeUndefined();
    expect(at("https://x3.corp.local", "x3.corp.local:443")).toBe("x3.corp.local:443");
    expect(at("http://10.1.2.3:8124", "10.0.0.0/8")).toBe("10.0.0.0/8");
    expect(at("http://11.1.2.3:8124", "10.0.0.0/8")).toBeUndefined();
    expect(at("http://192.168.1.5", "192.168.1.5")).toBe("192.168.1.5");
    expect(at("http://[::1]:8124", "::1")).toBe("::1");
    expect(at("http://[fd00::5]:8124", "fd00::/8")).toBe("fd00::/8");
    expect(at("http://[fd00::5]:8124", "[fd00::5]:8124")).toBe("[fd00::5]:8124");
    expect(at("http://1.2.3.4", "2.3.4")).toBeUndefined();
    expect(at("https://api.example.com", "")).toBeUndefined();
  });

  it("reads a proxy URL as curl does, keeps its credentials out of what it prints, and refuses other schemes", () => {
    const proxy = parseProxyUrl("http://user%40corp:p%3Ass@proxy.corp:3128");
    expect(proxy.display).toBe("http://user%40corp:***@proxy.corp:3128");
    expect(proxy.authorization).toBe(`Basic ${Buffer.from("user@corp:p:ss").toString("base64")}`);
    expect(parseProxyUrl("proxy.corp").url.href).toBe("http://proxy.corp:1080/");
    expect(parseProxyUrl("https://proxy.corp").url.port).toBe("");
    expect(() => parseProxyUrl("socks5://proxy.corp:1080")).toThrow(/only http:\/\/ and https:\/\//);
    let error: unknown;
    try {
      parseProxyUrl("http://user:secret@[bad");
    } catch (caught) {
      error = caught;
    }
    expect(isConnectorError(error) && error.kind).toBe("configuration");
    expect(String((error as Error).message)).not.toContain("secret");
    expect(
      describeProxy(https443, {}, { HTTPS_PROXY: "http://u:secret@proxy.corp:3128", NO_PROXY: "corp.local" }),
    ).toBe("proxy http://u:***@proxy.corp:3128 (from HTTPS_PROXY)");
    expect(describeProxy(plain, {}, { HTTP_PROXY: "http://proxy:1", NO_PROXY: ".corp.local" })).toBe(
      "no proxy (NO_PROXY matches .corp.local)",
    );
    expect(describeProxy(plain, {}, {})).toBe("no proxy");
  });
});

describe("requests through a proxy (a local CONNECT proxy, loopback servers)", () => {
  let proxy: RunningProxySandbox | undefined;
  const closers: (() => Promise<void>)[] = [];
  let tlsCert: { cert: string; key: string };

  beforeAll(async () => {
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keySize: 2048,
      algorithm: "sha256",
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    tlsCert = { cert: pems.cert, key: pems.private };
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await proxy?.close();
    proxy = undefined;
  });

  async function tlsServer(): Promise<{ url: string; paths: string[] }> {
    const paths: string[] = [];
    const server = https.createServer(tlsCert, (request, response) => {
      paths.push(request.url ?? "");
      const body = JSON.stringify({ path: request.url, host: request.headers.host });
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
  }

  it("tunnels https through CONNECT with the proxy's credentials, one kept-alive tunnel for requests in a row", async () => {
    proxy = await startProxySandbox({ credentials: "scott:ti ger" });
    const origin = await tlsServer();
    const fetch = createNodeFetch({
      proxy: { proxy: `http://scott:ti%20ger@127.0.0.1:${proxy.port}` },
      env: {},
      ca: tlsCert.cert,
    });
    for (const n of [1, 2, 3]) {
      const response = await fetch(`${origin.url}/item/${n}`, { redirect: "manual" });
      expect(await response.json()).toEqual({ path: `/item/${n}`, host: origin.url.slice(8) });
    }
    expect(proxy.tunnels).toEqual([origin.url.slice(8)]);
    expect(proxy.forwarded).toEqual([]);
    expect(origin.paths).toEqual(["/item/1", "/item/2", "/item/3"]);
  });

  it("sends plain http to the proxy as absolute-form requests, from HTTP_PROXY", async () => {
    proxy = await startProxySandbox();
    const origin = await startLoopbackServer((req, res) => json(res, 200, { path: req.path, host: req.headers.host }));
    closers.push(origin.close);
    const fetch = createNodeFetch({ env: { HTTP_PROXY: proxy.url } });
    const response = await fetch(`${origin.url}/orders?x=1`, { redirect: "manual" });
    expect(await response.json()).toEqual({ path: "/orders?x=1", host: origin.url.slice(7) });
    expect(proxy.forwarded).toEqual([`${origin.url}/orders?x=1`]);
    expect(proxy.tunnels).toEqual([]);
  });

  it("goes direct to a host NO_PROXY lists", async () => {
    proxy = await startProxySandbox();
    const origin = await startLoopbackServer((_req, res) => json(res, 200, {}));
    closers.push(origin.close);
    const fetch = createNodeFetch({ env: { HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" } });
    expect((await fetch(`${origin.url}/x`, { redirect: "manual" })).status).toBe(200);
    expect(origin.requests).toHaveLength(1);
    expect(proxy.forwarded).toEqual([]);
  });

  it("names the proxy, without its password, when it refuses the tunnel or cannot be reached", async () => {
    proxy = await startProxySandbox({ credentials: "scott:tiger" });
    const origin = await tlsServer();
    const refusedBy = createTransportFetch({
      baseUrl: origin.url,
      proxy: { proxy: `http://scott:wrong-secret@127.0.0.1:${proxy.port}` },
      retry: { retries: 0 },
    });
    const refused = await refusedBy(new TransportRequest(`${origin.url}/x`)).catch((error: unknown) => error);
    expect(isConnectorError(refused) && refused.kind).toBe("connection");
    expect((refused as Error).message).toContain(
      `the proxy http://scott:***@127.0.0.1:${proxy.port} refused the tunnel to ${origin.url.slice(8)} with HTTP 407`,
    );
    expect((refused as Error).message).not.toContain("wrong-secret");
    expect(proxy.refused).toBe(1);

    const port = proxy.port;
    await proxy.close();
    proxy = undefined;
    const unreachable = createTransportFetch({
      baseUrl: "http://127.0.0.1:9",
      proxy: { proxy: `http://scott:wrong-secret@127.0.0.1:${port}` },
      retry: { retries: 0 },
    });
    const failed = await unreachable(new TransportRequest("http://127.0.0.1:9/x")).catch((error: unknown) => error);
    expect(isConnectorError(failed) && failed.kind).toBe("connection");
    expect((failed as Error).message).toContain(`through the proxy http://scott:***@127.0.0.1:${port}`);
    expect((failed as Error).message).not.toContain("wrong-secret");
  });
});
