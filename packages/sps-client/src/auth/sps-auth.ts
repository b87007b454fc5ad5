import { type Clock, TokenCache, type TokenSet, type TokenStore } from "@ml-connector/transport";
import { SpsError } from "../errors/sps-error.js";
import type { TokenEndpoint } from "./token-endpoint.js";

/** The audience SPS tokens are issued for (the legacy `api://api.spscommerce.com/` is retired). */
export const SPS_AUDIENCE = "https://spscommerce.com";

/** An SPS application's credentials. `refreshToken` comes from pairing (authorization-code flow). */
export interface SpsCredentials {
  clientId: string;
  clientSecret: string;
  /** A refresh token obtained by pairing. A newer one found in the TokenStore takes precedence. */
  refreshToken?: string | undefined;
}

/**
 * How the client gets access tokens: `client_credentials` (machine-to-machine apps), or `authorization_code`
 * (web service apps, SPS's advice for partners): tokens come from the refresh token obtained once by pairing.
 */
export type SpsAuthFlow = "client_credentials" | "authorization_code";

/** The TokenStore key of an SPS application's tokens. */
export function spsTokenKey(clientId: string): string {
  return `sps:${clientId}`;
}

export interface SpsTokenCacheOptions {
  credentials: SpsCredentials;
  flow: SpsAuthFlow;
  audience: string;
  endpoint: TokenEndpoint;
  store?: TokenStore | undefined;
  clock?: Clock | undefined;
  refreshBeforeMs?: number | undefined;
  onTokens?: ((tokens: TokenSet) => void) | undefined;
}

/** A TokenCache (memory + TokenStore, single flight) that obtains SPS tokens with the configured flow. */
export function createSpsTokenCache(options: SpsTokenCacheOptions): TokenCache {
  const { credentials, endpoint } = options;
  return new TokenCache({
    key: spsTokenKey(credentials.clientId),
    store: options.store,
    clock: options.clock,
    refreshBeforeMs: options.refreshBeforeMs,
    onTokens: options.onTokens,
    obtain: async (current) => {
      if (options.flow === "client_credentials") {
        return endpoint.request({
          grant_type: "client_credentials",
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          audience: options.audience,
        });
      }
      const refreshToken = current?.refreshToken ?? credentials.refreshToken;
      if (!refreshToken) {
        throw new SpsError(
          "No SPS refresh token is available: pair the application first (authorization-code flow with offline_access).",
          { kind: "auth", retryable: false },
        );
      }
      const next = await endpoint.request({
        grant_type: "refresh_token",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        refresh_token: refreshToken,
      });
      // SPS refresh tokens do not rotate: keep the one we have when no new one comes back.
      return { ...next, refreshToken: next.refreshToken ?? refreshToken };
    },
  });
}
