import { ConnectorError } from "../errors/connector-error.js";

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Parses a configured URL and requires https, except plain http on loopback (the sandboxes, local tests). */
export function parseSecureUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConnectorError(`${label} is not a valid URL: "${value}".`, { kind: "configuration" });
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return url;
  throw new ConnectorError(
    `${label} must use https (plain http is only allowed on loopback): "${url.origin}". Credentials are never sent in clear text.`,
    { kind: "security" },
  );
}

/**
 * Resolves a link the server gave us (a paging `next`, an X3 `$next`) against `base` and refuses it when it points
 * to another origin: the bearer token is only ever sent to the configured server.
 */
export function resolveSameOrigin(link: string, base: URL | string, label = "link"): URL {
  const baseUrl = typeof base === "string" ? new URL(base) : base;
  let url: URL;
  try {
    url = new URL(link, baseUrl);
  } catch {
    throw new ConnectorError(`The server sent an invalid ${label}: "${link}".`, { kind: "security" });
  }
  if (url.origin !== baseUrl.origin) {
    throw new ConnectorError(
      `Refused to follow a ${label} to ${url.origin}: only ${baseUrl.origin} receives our credentials.`,
      { kind: "security", details: { origin: url.origin, expected: baseUrl.origin } },
    );
  }
  return url;
}
