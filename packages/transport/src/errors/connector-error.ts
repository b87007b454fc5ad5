/**
 * What went wrong, in terms a caller can act on. Every error raised by an ml-connector package carries one.
 * - `auth`: credentials refused or a refresh token expired (re-pair); `rate-limit`: the server asked us to slow down;
 * - `connection` / `timeout`: the request may not have reached the server; `server`: 5xx, or a redirect (3xx), which
 *   is never followed;
 * - `validation`: the server or a schema refused the data; `not-found`, `conflict`: as in HTTP;
 * - `mapping`: a document cannot be mapped; `duplicate`: already processed;
 * - `configuration`: our own settings are wrong (bad URL, unknown field); `security`: refused by a safety rule
 *   (foreign origin, plain http, path traversal); `cancelled`: the caller aborted; `client`: any other 4xx.
 */
export type ErrorKind =
  | "auth"
  | "rate-limit"
  | "connection"
  | "timeout"
  | "validation"
  | "not-found"
  | "conflict"
  | "server"
  | "mapping"
  | "duplicate"
  | "configuration"
  | "security"
  | "cancelled"
  | "client";

export interface ConnectorErrorOptions {
  kind: ErrorKind;
  status?: number | undefined;
  requestId?: string | undefined;
  /** Whether repeating the same call later may succeed. Defaults from the kind. */
  retryable?: boolean | undefined;
  /** How long the server asked us to wait, when it said so (Retry-After). */
  retryAfterMs?: number | undefined;
  /** Structured details: problem+json body, X3 diagnoses, validation issues, the CSV row... Never secrets. */
  details?: unknown;
  cause?: unknown;
}

const retryableKinds: ReadonlySet<ErrorKind> = new Set(["rate-limit", "connection", "timeout", "server"]);

/**
 * Marks an error as made by one of our classes with a registered symbol: unlike `instanceof`, it is recognised by every
 * copy of the package in a process (its ESM and its CommonJS build, or two installed versions).
 */
export function brandError(error: object, brand: symbol): void {
  Object.defineProperty(error, brand, { value: true, enumerable: false });
}

/** Whether `value` carries the brand (see `brandError`). */
export function hasErrorBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

const connectorErrorBrand = Symbol.for("@ml-connector/ConnectorError");

/**
 * The one error base class of ml-connector (stripe-node style): branch on `kind`, not on the message. `instanceof
 * ConnectorError` and `isConnectorError` recognise errors from any copy of this package (ESM or CommonJS).
 */
export class ConnectorError extends Error {
  /**
   * The registered symbol that marks this class's instances (see `brandError`). A subclass that declares its own
   * (SpsError, SageX3Error) is recognised by `instanceof` across copies of its package as this class is; one that does
   * not keeps the ordinary prototype check.
   */
  static readonly brand: symbol = connectorErrorBrand;

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` was asked about
    if (!Object.hasOwn(this, "brand")) return Function.prototype[Symbol.hasInstance].call(this, value);
    // biome-ignore lint/complexity/noThisInStatic: as above
    return hasErrorBrand(value, this.brand);
  }

  override name = "ConnectorError";
  readonly kind: ErrorKind;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: unknown;

  constructor(message: string, options: ConnectorErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // The brand of every class from the one constructed up to this one that declares its own.
    for (
      let type: unknown = new.target;
      typeof type === "function" && type !== Error;
      type = Object.getPrototypeOf(type)
    ) {
      if (Object.hasOwn(type, "brand")) brandError(this, (type as typeof ConnectorError).brand);
    }
    this.kind = options.kind;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? retryableKinds.has(options.kind);
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  /** A plain object for logs and the audit trail. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      requestId: this.requestId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      details: this.details,
    };
  }
}

export function isConnectorError(value: unknown): value is ConnectorError {
  return hasErrorBrand(value, connectorErrorBrand);
}

/** The kind an HTTP status maps to. 408, 429 and 5xx are the retryable ones; a 3xx is the server's (or a proxy's). */
export function errorKindForStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404 || status === 410) return "not-found";
  if (status === 408) return "timeout";
  if (status === 409) return "conflict";
  if (status === 429) return "rate-limit";
  if (status === 400 || status === 422) return "validation";
  if (status >= 500 || (status >= 300 && status < 400)) return "server";
  return "client";
}

/**
 * What a failed call to another system means for the effect it was meant to cause:
 * - `refused`: the system looked at the request and said no (bad data, unknown record, a conflict, our own settings,
 *   two records where one was expected); repeating the same request will not help, the document is rejected and can be
 *   replayed once fixed;
 * - `not-applied`: the request certainly did not change anything (credentials, rate limit, a safety rule) but the
 *   same request may succeed later;
 * - `uncertain`: the request may have been applied (a timeout, a lost connection, a 5xx, an abort mid-request, an
 *   error that is not a `ConnectorError`): look in the system before doing it again.
 */
export type CallOutcome = "refused" | "not-applied" | "uncertain";

const refusedKinds: ReadonlySet<ErrorKind> = new Set([
  "validation",
  "not-found",
  "conflict",
  "client",
  "configuration",
  "mapping",
  "duplicate",
]);
const notAppliedKinds: ReadonlySet<ErrorKind> = new Set(["auth", "rate-limit", "security"]);

/** The one place that decides what an error kind says about whether a call happened (see `CallOutcome`). */
export function callOutcome(error: unknown): CallOutcome {
  if (!isConnectorError(error)) return "uncertain";
  if (refusedKinds.has(error.kind)) return "refused";
  if (notAppliedKinds.has(error.kind)) return "not-applied";
  return "uncertain";
}
