import {
  type AuthStrategy,
  type Clock,
  ConnectorError,
  createBearerAuth,
  isConnectorError,
  type Logger,
  MemoryTokenStore,
  parseSecureUrl,
  type RetryOptions,
  systemClock,
  TokenCache,
  type TokenSet,
  type TokenStore,
} from "@ml-connector/transport";
import { SageX3Error } from "../errors/sage-x3-error.js";
import { createTokenEndpoint, REPAIR_HINT } from "./token-endpoint.js";

/** Settings of the cloud gateway's authorization-code flow (mode a). */
export interface AuthorizationCodeSettings {
  mode: "authorization-code";
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The gateway's token endpoint, e.g. `https://api.eu-sagex3.com/v1/token`. */
  tokenUrl: string;
  /** The gateway's pairing page, e.g. `https://api.eu-sagex3.com/v1/token/authorise`. Needed only to pair. */
  authorizeUrl?: string | undefined;
  /** Default "api.dataDelivery api.dataIngestion". */
  scope?: string | undefined;
  /** Names the token set in the TokenStore. Default `sageX3TokenKey(clientId, tokenUrl)`. */
  tokenKey?: string | undefined;
  /** Warn when the refresh token has less than this left. Default 5 days. */
  refreshWarningMs?: number | undefined;
}

export interface AuthContext {
  tokenStore?: TokenStore | undefined;
  clock?: Clock | undefined;
  logger: Logger;
  fetch?: typeof fetch | undefined;
  proxy?: string | false | undefined;
  noProxy?: string | undefined;
  retry?: RetryOptions | undefined;
  timeoutMs?: number | undefined;
}

const DAY = 24 * 3_600_000;

/** The TokenStore key the client and the pairing helper share. */
export function sageX3TokenKey(clientId: string, tokenUrl: string): string {
  return `sage-x3:${clientId}@${new URL(tokenUrl).origin}`;
}

/** Mode (a): rotating refresh tokens, persisted before use, refreshed 30 s before expiry, one refresh at a time. */
export function createAuthorizationCodeAuth(
  settings: AuthorizationCodeSettings,
  context: AuthContext,
): { strategy: AuthStrategy; tokens: TokenCache } {
  parseSecureUrl(settings.tokenUrl, "The Sage X3 token URL");
  const clock = context.clock ?? systemClock;
  const warnBelow = settings.refreshWarningMs ?? 5 * DAY;
  const requestToken = createTokenEndpoint({
    ...settings,
    fetch: context.fetch,
    proxy: context.proxy,
    noProxy: context.noProxy,
    retry: context.retry,
    timeoutMs: context.timeoutMs,
    clock,
  });
  let lastWarning = Number.NEGATIVE_INFINITY;

  const warnIfClose = (tokens: TokenSet | undefined) => {
    const expiresAt = tokens?.refreshTokenExpiresAt;
    if (expiresAt === undefined) return;
    const left = expiresAt - clock.now();
    if (left >= warnBelow || clock.now() - lastWarning < DAY) return;
    lastWarning = clock.now();
    context.logger.warn(
      { refreshTokenExpiresAt: new Date(expiresAt).toISOString(), daysLeft: Math.max(0, Math.floor(left / DAY)) },
      `The Sage X3 pairing expires in less than ${Math.round(warnBelow / DAY)} days. ${REPAIR_HINT}`,
    );
  };

  const tokens = new TokenCache({
    key: settings.tokenKey ?? sageX3TokenKey(settings.clientId, settings.tokenUrl),
    store: context.tokenStore ?? new MemoryTokenStore(),
    clock,
    refreshBeforeMs: 30_000,
    onTokens: warnIfClose,
    obtain: async (current) => {
      if (!current?.refreshToken) {
        throw new SageX3Error(`ml-connector is not paired with Sage X3 (no refresh token stored). ${REPAIR_HINT}`, {
          kind: "auth",
          retryable: false,
        });
      }
      if (current.refreshTokenExpiresAt !== undefined && current.refreshTokenExpiresAt <= clock.now()) {
        throw new SageX3Error(
          `The Sage X3 refresh token expired on ${new Date(current.refreshTokenExpiresAt).toISOString()}. ${REPAIR_HINT}`,
          { kind: "auth", retryable: false, details: { refreshTokenExpiresAt: current.refreshTokenExpiresAt } },
        );
      }
      try {
        const next = await requestToken({ grant_type: "refresh_token", refresh_token: current.refreshToken });
        // Gateways that do not rotate send no refresh token: keep the one we have.
        return next.refreshToken
          ? next
          : { ...next, refreshToken: current.refreshToken, refreshTokenExpiresAt: current.refreshTokenExpiresAt };
      } catch (error) {
        if (isConnectorError(error) && error.kind === "auth") {
          context.logger.error({ kind: error.kind, status: error.status }, "Sage X3 refresh token refused");
        }
        throw error;
      }
    },
  });
  const bearer = createBearerAuth(tokens, [settings.clientSecret]);
  const strategy: AuthStrategy = {
    authorize: async () => {
      const header = await bearer.authorize();
      warnIfClose(tokens.peek());
      return header;
    },
    invalidate: (header) => bearer.invalidate(header),
    secrets: () => bearer.secrets(),
  };
  return { strategy, tokens };
}

export interface PairingOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  authorizeUrl: string;
  tokenUrl: string;
  scope?: string | undefined;
  /** The customer's X3 URL, passed to the gateway as `customer`. */
  customer?: string | undefined;
  tokenStore: TokenStore;
  tokenKey?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** The proxy, as the client's `proxy` option. */
  proxy?: string | false | undefined;
  noProxy?: string | undefined;
  clock?: Clock | undefined;
}

export interface PairingCallback {
  code: string;
  /** Another regional API the gateway asks us to use from now on, when it says so. */
  endpoint?: string | undefined;
}

export interface SageX3Pairing {
  /** The page the X3 administrator opens to approve the pairing. */
  authorizeUrl(state: string): string;
  /** Reads `authorizationCode` (and `endpoint`) from the callback URL, checking `state`. */
  parseCallback(callbackUrl: string | URL, expectedState: string): PairingCallback;
  /** Exchanges the code for the first token set and saves it in the TokenStore. */
  exchangeCode(code: string): Promise<TokenSet>;
}

/** The pairing helper behind `ml-connector auth sage-x3`: authorize URL, callback, code exchange. */
export function createSageX3Pairing(options: PairingOptions): SageX3Pairing {
  const authorize = parseSecureUrl(options.authorizeUrl, "The Sage X3 authorize URL");
  parseSecureUrl(options.tokenUrl, "The Sage X3 token URL");
  const clock = options.clock ?? systemClock;
  const requestToken = createTokenEndpoint({ ...options, clock });
  const key = options.tokenKey ?? sageX3TokenKey(options.clientId, options.tokenUrl);
  return {
    authorizeUrl(state) {
      const url = new URL(authorize);
      url.searchParams.set("client_id", options.clientId);
      url.searchParams.set("scope", options.scope ?? "api.dataDelivery api.dataIngestion");
      url.searchParams.set("redirect_uri", options.redirectUri);
      url.searchParams.set("state", state);
      if (options.customer) url.searchParams.set("customer", options.customer);
      return url.toString();
    },
    parseCallback(callbackUrl, expectedState) {
      const url = new URL(callbackUrl);
      const error = url.searchParams.get("error");
      if (error) throw new SageX3Error(`Sage X3 pairing was refused: ${error}.`, { kind: "auth" });
      if (url.searchParams.get("state") !== expectedState) {
        throw new ConnectorError("The pairing callback's state does not match: refusing it.", { kind: "security" });
      }
      const code = url.searchParams.get("authorizationCode") ?? url.searchParams.get("code");
      if (!code) throw new SageX3Error("The pairing callback carries no authorization code.", { kind: "auth" });
      const endpoint = url.searchParams.get("endpoint") ?? undefined;
      return { code, endpoint };
    },
    async exchangeCode(code) {
      const tokens = await requestToken({ grant_type: "authorization_code", code, redirect_uri: options.redirectUri });
      await options.tokenStore.set(key, tokens);
      return tokens;
    },
  };
}
