import type { TokenCache } from "./token-cache.js";

/**
 * How a client authenticates a request (Octokit style: interchangeable objects behind one interface).
 * The transport calls `authorize` before each attempt and `invalidate` once when the server answers 401.
 */
export interface AuthStrategy {
  /** The Authorization header value for the next request. */
  authorize(): Promise<string>;
  /**
   * The Authorization header value when it is at hand without waiting (a cached token still fresh), else undefined
   * and the transport calls `authorize`. Optional: most requests then skip a promise.
   */
  current?(): string | undefined;
  /**
   * The server refused `headerValue` (401). Drop it. Returns whether new credentials can be tried once;
   * false makes the 401 final (e.g. static Basic credentials).
   */
  invalidate(headerValue: string): Promise<boolean>;
  /** Secret values this strategy holds, so loggers and errors can redact them. */
  secrets(): readonly string[];
}

/** Bearer tokens from a TokenCache: the SPS client, Sage X3 OAuth2 and connected-app modes use it. */
export function createBearerAuth(cache: TokenCache, staticSecrets: readonly string[] = []): AuthStrategy {
  // The header of the last token, kept: `Bearer ${token}` made per request is a new string that node:http flattens
  // (copies whole, a JWT's few hundred bytes) to check and write it.
  let lastToken: string | undefined;
  let lastHeader = "";
  const header = (accessToken: string): string => {
    if (accessToken !== lastToken) {
      lastToken = accessToken;
      lastHeader = `Bearer ${accessToken}`;
    }
    return lastHeader;
  };
  return {
    authorize: async () => header(await cache.getAccessToken()),
    current: () => {
      const accessToken = cache.freshAccessToken();
      return accessToken === undefined ? undefined : header(accessToken);
    },
    invalidate: async (headerValue) => {
      await cache.invalidate(headerValue.replace(/^Bearer\s+/i, ""));
      return true;
    },
    secrets: () => {
      const current = cache.peek();
      return [...staticSecrets, ...(current ? [current.accessToken, current.refreshToken ?? ""] : [])].filter(Boolean);
    },
  };
}
