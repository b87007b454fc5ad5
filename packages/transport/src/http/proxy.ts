import { isIP } from "node:net";
import { ConnectorError } from "../errors/connector-error.js";
import { maskUrlPasswords } from "../logging/redact.js";

/**
 * Which proxy a client uses. Left out, the environment decides, as curl reads it: `https_proxy`/`HTTPS_PROXY` for
 * https URLs, `http_proxy`/`HTTP_PROXY` for http ones, `all_proxy`/`ALL_PROXY` for both when the former are unset
 * (the lower-case form wins when both are set), and `no_proxy`/`NO_PROXY` for the hosts that bypass it.
 */
export interface ProxyOptions {
  /** The proxy every request goes through (`http://user:password@proxy.example.com:3128`), or `false` for none. */
  proxy?: string | false | undefined;
  /** Hosts that bypass the proxy, in NO_PROXY's syntax. Replaces the environment's list when given ("" = none). */
  noProxy?: string | undefined;
}

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** A proxy to use for one origin. */
export interface ResolvedProxy {
  readonly url: URL;
  /** The proxy's URL without its credentials, for messages and logs. */
  readonly display: string;
  /** `Basic ...` from the URL's user and password, sent as Proxy-Authorization. */
  readonly authorization: string | undefined;
  /** Where the setting came from: "config" or the variable's name. */
  readonly source: string;
}

/** The proxy for requests to `target` (a URL), or undefined for a direct connection. */
export function proxyFor(
  target: URL,
  options: ProxyOptions = {},
  env: ProxyEnvironment = process.env,
): ResolvedProxy | undefined {
  return resolveRoute(target, options, env).proxy;
}

/**
 * One line for `doctor`: the proxy requests to `target` go through (credentials masked), or "no proxy" with the
 * reason.
 */
export function describeProxy(target: URL, options: ProxyOptions = {}, env: ProxyEnvironment = process.env): string {
  const route = resolveRoute(target, options, env);
  if (route.proxy) return `proxy ${route.proxy.display} (from ${route.proxy.source})`;
  return route.bypass ? `no proxy (${route.bypass})` : "no proxy";
}

function resolveRoute(
  target: URL,
  options: ProxyOptions,
  env: ProxyEnvironment,
): { proxy?: ResolvedProxy | undefined; bypass?: string | undefined } {
  let value: string | undefined;
  let source: string;
  if (options.proxy === false) return { bypass: "proxy: false in the config" };
  if (options.proxy !== undefined && options.proxy !== "") {
    value = options.proxy;
    source = "config";
  } else {
    const scheme = target.protocol === "https:" ? "https" : "http";
    const found = fromEnv(env, `${scheme}_proxy`) ?? fromEnv(env, "all_proxy");
    if (!found) return {};
    [source, value] = found;
  }
  const noProxy = options.noProxy ?? fromEnv(env, "no_proxy")?.[1] ?? "";
  const entry = noProxyMatch(target, noProxy);
  if (entry !== undefined) return { bypass: `NO_PROXY matches ${entry}` };
  return { proxy: parseProxyUrl(value, source) };
}

/** The lower-case variable first, then the upper-case one; an empty value counts as unset. */
function fromEnv(env: ProxyEnvironment, lower: string): [string, string] | undefined {
  for (const name of [lower, lower.toUpperCase()]) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return undefined;
}

/**
 * Parses a proxy URL as curl does: no scheme means http://, and the port defaults to 1080 (443 for an https proxy).
 * Only http and https proxies are supported (a tunnel for https is opened with CONNECT).
 */
export function parseProxyUrl(value: string, source = "config"): ResolvedProxy {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConnectorError(`The proxy (${source}) is not a valid URL: "${maskUrlPasswords(value)}".`, {
      kind: "configuration",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConnectorError(
      `The proxy (${source}) uses ${url.protocol.slice(0, -1)}: only http:// and https:// proxies are supported.`,
      { kind: "configuration" },
    );
  }
  if (!url.port && url.protocol === "http:") url.port = "1080";
  const authorization =
    url.username || url.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`
      : undefined;
  const display = `${url.protocol}//${url.username ? `${url.username}:***@` : ""}${url.host}`;
  return { url, display, authorization, source };
}

/**
 * The NO_PROXY entry that matches `target`, if any. Entries are separated by commas (spaces allowed): `*` matches every
 * host; a name matches itself and its subdomains (`example.com` and `.example.com` both match `www.example.com`); an IP
 * address matches itself, with a `/bits` suffix a whole network; `host:port` matches that port only.
 */
export function noProxyMatch(target: URL, list: string): string | undefined {
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  for (const raw of list.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return entry;
    let name = entry;
    let entryPort: string | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(name);
    if (bracketed) {
      name = bracketed[1] as string;
      entryPort = bracketed[2];
    } else if (/^[^:]+:\d+$/.test(name)) {
      [name, entryPort] = name.split(":") as [string, string];
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    if (name.includes("/")) {
      if (inNetwork(host, name)) return entry;
      continue;
    }
    name = name.replace(/^\*?\./, "");
    if (host === name || (isIP(host) === 0 && host.endsWith(`.${name}`))) return entry;
  }
  return undefined;
}

function inNetwork(host: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split("/") as [string, string];
  const family = isIP(network);
  if (family === 0 || isIP(host) !== family) return false;
  const bits = Number(bitsText);
  const a = ipBits(host, family);
  const b = ipBits(network, family);
  if (!Number.isInteger(bits) || bits < 0 || bits > a.length) return false;
  return a.slice(0, bits) === b.slice(0, bits);
}

/** An address as a string of 32 or 128 bits. */
function ipBits(address: string, family: number): string {
  if (family === 4)
    return address
      .split(".")
      .map((part) => Number(part).toString(2).padStart(8, "0"))
      .join("");
  let groups = address.split("::");
  const head = groups[0] ? groups[0].split(":") : [];
  const tail = groups.length > 1 && groups[1] ? groups[1].split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const expand = (parts: string[]) =>
    parts.flatMap((part) => {
      if (!part.includes(".")) return [part];
      const bytes = part.split(".").map(Number);
      return [
        (((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)).toString(16),
        (((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)).toString(16),
      ];
    });
  const h = expand(head);
  const t = expand(tail);
  groups = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
  return groups.map((group) => Number.parseInt(group, 16).toString(2).padStart(16, "0")).join("");
}
