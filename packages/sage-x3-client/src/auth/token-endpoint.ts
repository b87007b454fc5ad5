import {
  type Clock,
  ConnectorError,
  createTransportFetch,
  type FailedResponse,
  jwtExpiresAt,
  type RetryOptions,
  type TokenSet,
  TransportRequest,
} from "@ml-connector/transport";
import { z } from "zod";
import { SageX3Error } from "../errors/sage-x3-error.js";

/** What tells the user to pair again: the same words everywhere. */
export const REPAIR_HINT = "Pair ml-connector with Sage X3 again: run `ml-connector auth sage-x3`.";

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  refresh_token_expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
});

export interface TokenEndpointOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch | undefined;
  proxy?: string | false | undefined;
  noProxy?: string | undefined;
  retry?: RetryOptions | undefined;
  timeoutMs?: number | undefined;
  clock: Clock;
}

function tokenError(failed: FailedResponse): ConnectorError {
  const message =
    typeof failed.body === "object" && failed.body !== null && "message" in failed.body
      ? String((failed.body as { message: unknown }).message)
      : "";
  if (failed.status >= 400 && failed.status < 500 && failed.status !== 408 && failed.status !== 429) {
    return new SageX3Error(
      `The Sage X3 gateway refused the token request (HTTP ${failed.status}${message ? `: ${message}` : ""}). ${REPAIR_HINT}`,
      {
        kind: "auth",
        status: failed.status,
        requestId: failed.requestId,
        retryable: false,
        details: { reason: message },
      },
    );
  }
  return new ConnectorError(`The Sage X3 token endpoint failed with HTTP ${failed.status}.`, {
    kind: failed.status === 429 ? "rate-limit" : failed.status === 408 ? "timeout" : "server",
    status: failed.status,
    requestId: failed.requestId,
    retryAfterMs: failed.retryAfterMs,
  });
}

/** Calls the gateway's `POST /token` (JSON body) and returns the token set with absolute expiry times. */
export function createTokenEndpoint(options: TokenEndpointOptions) {
  const url = new URL(options.tokenUrl);
  const transport = createTransportFetch({
    baseUrl: url.origin,
    fetch: options.fetch,
    proxy: { proxy: options.proxy, noProxy: options.noProxy },
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    toError: tokenError,
    maxConcurrency: 1,
  });
  return async (grant: Record<string, string>): Promise<TokenSet> => {
    const response = await transport(
      new TransportRequest(url.href, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ ...grant, client_id: options.clientId, client_secret: options.clientSecret }),
      }),
    );
    const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new SageX3Error("The Sage X3 gateway answered the token request without an access token.", {
        kind: "auth",
        retryable: false,
      });
    }
    const now = options.clock.now();
    const body = parsed.data;
    const refreshTokenExpiresAt =
      body.refresh_token === undefined
        ? undefined
        : body.refresh_token_expires_in !== undefined
          ? now + body.refresh_token_expires_in * 1000
          : jwtExpiresAt(body.refresh_token);
    return {
      accessToken: body.access_token,
      // Relative lifetimes first: they do not depend on the two clocks agreeing.
      expiresAt:
        body.expires_in !== undefined
          ? now + body.expires_in * 1000
          : (jwtExpiresAt(body.access_token) ?? now + 300_000),
      refreshToken: body.refresh_token,
      refreshTokenExpiresAt,
      tokenType: body.token_type,
      scope: body.scope,
    };
  };
}
