import {
  createTransportFetch,
  IDEMPOTENT_HEADER,
  jwtExpiresAt,
  type TokenSet,
  transportRequestClass,
} from "@ml-connector/transport";
import createClient from "openapi-fetch";
import { z } from "zod";
import type { SpsHttpSettings } from "../client/settings.js";
import { createSpsErrorFactory, SpsError, toSpsError } from "../errors/sps-error.js";
import type { components, paths } from "../generated/sps.js";

export type SpsTokenRequest = components["schemas"]["TokenRequest"];

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().nonnegative().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

/** Used when the token is not a JWT and the server did not say how long it lives. */
const FALLBACK_LIFETIME_MS = 5 * 60_000;

/** Calls the SPS token endpoint (`POST {authUrl}/oauth/token`) through the shared transport. */
export interface TokenEndpoint {
  request(body: SpsTokenRequest): Promise<TokenSet>;
}

export function createTokenEndpoint(settings: SpsHttpSettings, secrets: () => readonly string[]): TokenEndpoint {
  const transportFetch = createTransportFetch({
    baseUrl: settings.authUrl,
    fetch: settings.fetch,
    proxy: settings.proxy,
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    maxConcurrency: settings.maxConcurrency,
    toError: createSpsErrorFactory(secrets),
    logger: settings.logger,
    userAgent: settings.userAgent,
  });
  const client = createClient<paths>({
    baseUrl: settings.authUrl,
    fetch: transportFetch,
    Request: transportRequestClass,
  });

  return {
    async request(body) {
      // An authorization code works once; client_credentials and refresh_token grants are safe to repeat.
      const repeatable = body.grant_type !== "authorization_code";
      try {
        const { data } = await client.POST("/oauth/token", {
          body,
          headers: repeatable ? { [IDEMPOTENT_HEADER]: "true" } : {},
        });
        const parsed = tokenResponseSchema.safeParse(data);
        if (!parsed.success) {
          throw new SpsError("The SPS token endpoint answered without a usable access token.", {
            kind: "auth",
            retryable: false,
          });
        }
        const now = settings.clock.now();
        const token = parsed.data;
        const expiresAt =
          jwtExpiresAt(token.access_token) ??
          (token.expires_in !== undefined ? now + token.expires_in * 1000 : now + FALLBACK_LIFETIME_MS);
        return {
          accessToken: token.access_token,
          expiresAt,
          refreshToken: token.refresh_token,
          tokenType: token.token_type,
          scope: token.scope,
        };
      } catch (error) {
        throw toSpsError(error, secrets());
      }
    },
  };
}
