// @ml-connector/transport: the HTTP pieces both clients share: one error class, one retry policy,
// one token cache with single flight, the origin guards, and a logger that redacts secrets.

// Auth
export { type AuthStrategy, createBearerAuth } from "./auth/auth-strategy.js";
export { jwtExpiresAt } from "./auth/jwt.js";
export { TokenCache, type TokenCacheOptions, type TokenObtainReason } from "./auth/token-cache.js";
export { MemoryTokenStore, type TokenSet, type TokenStore } from "./auth/token-store.js";
// Errors
export {
  brandError,
  type CallOutcome,
  ConnectorError,
  type ConnectorErrorOptions,
  callOutcome,
  type ErrorKind,
  errorKindForStatus,
  hasErrorBrand,
  isConnectorError,
} from "./errors/connector-error.js";
export {
  type BodyLimitExceeded,
  bodyLimitExceeded,
  declaredBodyLength,
  MAX_BODY_BYTES_HEADER,
} from "./http/body-limit.js";
export { createNodeFetch, type NodeFetchOptions } from "./http/node-fetch.js";
export { isLoopbackHost, parseSecureUrl, resolveSameOrigin } from "./http/origin.js";
export { createPathSerializer } from "./http/path-serializer.js";
export {
  describeProxy,
  noProxyMatch,
  type ProxyEnvironment,
  type ProxyOptions,
  parseProxyUrl,
  proxyFor,
  type ResolvedProxy,
} from "./http/proxy.js";
// HTTP
export {
  createTransportFetch,
  defaultErrorFactory,
  type ErrorFactory,
  type FailedResponse,
  IDEMPOTENT_HEADER,
  releaseResponse,
  type TransportOptions,
} from "./http/transport-fetch.js";
export { type TransportInput, TransportRequest, transportRequestClass } from "./http/transport-request.js";
// Logging and time
export { boundLogText, boundLogValue, MAX_LOG_CHARS } from "./logging/bound.js";
export { createSafeLogger, type Logger, noopLogger } from "./logging/logger.js";
export { maskUrlPasswords, redactText, redactValue } from "./logging/redact.js";
// Retries
export {
  backoffDelay,
  parseRetryAfter,
  type ResolvedRetryOptions,
  type RetryAttemptInfo,
  type RetryOptions,
  resolveRetryOptions,
  type WithRetryOptions,
  withRetry,
} from "./retry/retry-policy.js";
export { type Clock, type ManualClock, manualClock, sleep, systemClock } from "./time/clock.js";
