import {
  type Clock,
  createBearerAuth,
  createSafeLogger,
  createTransportFetch,
  type Logger,
  parseSecureUrl,
  type RetryOptions,
  systemClock,
  type TokenCache,
  type TokenSet,
  type TokenStore,
  transportRequestClass,
} from "@ml-connector/transport";
import createClient, { createQuerySerializer } from "openapi-fetch";
import { createPairing, type SpsPairing, type SpsPairingOptions } from "../auth/pairing.js";
import { createSpsTokenCache, SPS_AUDIENCE, type SpsAuthFlow, type SpsCredentials } from "../auth/sps-auth.js";
import { createTokenEndpoint } from "../auth/token-endpoint.js";
import { createSpsErrorFactory, SpsError, toSpsError } from "../errors/sps-error.js";
import type { paths } from "../generated/sps.js";
import {
  createTransactionApi,
  type SpsTransactionApi,
  serializeMailboxPathParams,
} from "../transactions/transaction-api.js";
import type { SpsHttpSettings } from "./settings.js";

export const SPS_BASE_URL = "https://api.spscommerce.com";
export const SPS_AUTH_URL = "https://auth.spscommerce.com";
const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

/** HTTP settings shared by the client and the pairing helper. */
export interface SpsHttpOptions {
  /** Default https://auth.spscommerce.com */
  authUrl?: string | undefined;
  /** Injected fetch (tests, proxies). Default: the transport's `createNodeFetch()` (node:http(s), keep-alive). */
  fetch?: typeof fetch | undefined;
  /**
   * The proxy for this server (`http://user:password@proxy.example.com:3128`), or `false` to connect directly.
   * Default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment. Ignored with an injected `fetch`.
   */
  proxy?: string | false | undefined;
  /** Hosts that bypass the proxy (NO_PROXY syntax); replaces the environment's NO_PROXY when given. */
  noProxy?: string | undefined;
  /** Retries (p-retry, full jitter, Retry-After capped at `maxRetryAfterMs`, default 60 s). */
  retry?: RetryOptions | undefined;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number | undefined;
  /** Requests in flight at most, per server. Default 8. */
  maxConcurrency?: number | undefined;
  /** Receives redacted log lines (pino style `(fields, message)`). */
  logger?: Partial<Logger> | undefined;
  userAgent?: string | undefined;
  /** Time source for token expiry. Default: the system clock. */
  clock?: Clock | undefined;
}

export interface SpsClientOptions extends SpsHttpOptions {
  credentials: SpsCredentials;
  /** Default https://api.spscommerce.com */
  baseUrl?: string | undefined;
  /** Default https://spscommerce.com */
  audience?: string | undefined;
  /** Default `client_credentials`, or `authorization_code` when `credentials.refreshToken` is given. */
  flow?: SpsAuthFlow | undefined;
  /** Where tokens survive a restart (key `sps:{clientId}`). Default: memory only. */
  tokenStore?: TokenStore | undefined;
  /** Refresh this long before a token expires. Default 30 s. */
  refreshBeforeMs?: number | undefined;
  /** Default size limit of `download`. Default 64 MiB. */
  maxDownloadBytes?: number | undefined;
  /** Told after each new token set is stored. */
  onTokens?: ((tokens: TokenSet) => void) | undefined;
}

/** The SPS Commerce client: the Transaction API v5 plus the token check. */
export interface SpsClient extends SpsTransactionApi {
  readonly baseUrl: string;
  /** `GET /auth-check`: whether SPS accepts our credentials (after one refresh if the cached token was refused). */
  authCheck(options?: { signal?: AbortSignal | undefined }): Promise<boolean>;
  /** The token cache (single flight, TokenStore), for diagnostics and to drop tokens before re-pairing. */
  readonly tokens: TokenCache;
}

function resolveSettings(options: SpsHttpOptions & { baseUrl?: string | undefined }): SpsHttpSettings {
  const baseUrl = parseSecureUrl(options.baseUrl ?? SPS_BASE_URL, "baseUrl");
  const authUrl = parseSecureUrl(options.authUrl ?? SPS_AUTH_URL, "authUrl");
  return {
    baseUrl: baseUrl.origin,
    authUrl: authUrl.origin,
    fetch: options.fetch,
    proxy: { proxy: options.proxy, noProxy: options.noProxy },
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    maxConcurrency: options.maxConcurrency,
    logger: options.logger,
    userAgent: options.userAgent ?? "ml-connector-sps-client",
    clock: options.clock ?? systemClock,
  };
}

function checkCredentials(credentials: SpsCredentials | undefined): SpsCredentials {
  if (
    !credentials ||
    typeof credentials.clientId !== "string" ||
    credentials.clientId.trim() === "" ||
    typeof credentials.clientSecret !== "string" ||
    credentials.clientSecret === ""
  ) {
    throw new SpsError("SPS credentials need a clientId and a clientSecret.", {
      kind: "configuration",
      retryable: false,
    });
  }
  return credentials;
}

/** Creates an SPS Commerce client. Nothing is sent until the first call. */
export function createSpsClient(options: SpsClientOptions): SpsClient {
  const credentials = checkCredentials(options.credentials);
  const settings = resolveSettings(options);
  const staticSecrets = [credentials.clientSecret, credentials.refreshToken ?? ""].filter(Boolean);
  let cache: TokenCache | undefined;
  const secrets = (): readonly string[] => {
    const current = cache?.peek();
    return [...staticSecrets, current?.accessToken ?? "", current?.refreshToken ?? ""].filter(Boolean);
  };
  const logger = createSafeLogger(options.logger, secrets);

  const endpoint = createTokenEndpoint(settings, secrets);
  cache = createSpsTokenCache({
    credentials,
    flow: options.flow ?? (credentials.refreshToken ? "authorization_code" : "client_credentials"),
    audience: options.audience ?? SPS_AUDIENCE,
    endpoint,
    store: options.tokenStore,
    clock: settings.clock,
    refreshBeforeMs: options.refreshBeforeMs,
    onTokens: options.onTokens,
  });
  const tokens = cache;

  const transportFetch = createTransportFetch({
    baseUrl: settings.baseUrl,
    fetch: settings.fetch,
    proxy: settings.proxy,
    auth: createBearerAuth(tokens, staticSecrets),
    retry: settings.retry,
    timeoutMs: settings.timeoutMs,
    maxConcurrency: settings.maxConcurrency,
    toError: createSpsErrorFactory(secrets),
    logger: options.logger,
    userAgent: settings.userAgent,
  });
  const api = createClient<paths>({
    baseUrl: settings.baseUrl,
    fetch: transportFetch,
    // The transport takes the request's fields as they are: no Request, body stream or Headers copy per call.
    Request: transportRequestClass,
    pathSerializer: serializeMailboxPathParams,
    // Made once: openapi-fetch makes its default query serialiser again on every call.
    querySerializer: createQuerySerializer(),
  });

  const transactions = createTransactionApi({
    api,
    baseUrl: new URL(settings.baseUrl),
    maxDownloadBytes: options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES,
    secrets,
    logger,
  });

  return {
    ...transactions,
    baseUrl: settings.baseUrl,
    tokens,
    async authCheck(callOptions = {}) {
      try {
        await api.GET("/auth-check", { signal: callOptions.signal });
        return true;
      } catch (error) {
        const wrapped = toSpsError(error, secrets());
        if (wrapped instanceof SpsError && wrapped.kind === "auth") return false;
        throw wrapped;
      }
    },
  };
}

export interface CreateSpsPairingOptions extends SpsPairingOptions, Omit<SpsHttpOptions, "authUrl"> {}

/**
 * The authorization-code pairing helper: build the authorize URL (with `offline_access` and a state), then exchange
 * the code from the redirect for tokens, stored in the TokenStore the client reads (key `sps:{clientId}`).
 */
export function createSpsPairing(options: CreateSpsPairingOptions): SpsPairing {
  checkCredentials({ clientId: options.clientId, clientSecret: options.clientSecret });
  const settings = resolveSettings(options);
  const secrets = () => [options.clientSecret];
  return createPairing(options, createTokenEndpoint(settings, secrets));
}
