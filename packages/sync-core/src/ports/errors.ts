/**
 * The error type the stores and the mapping loader throw.
 *
 * @ml-connector/transport owns the one `ConnectorError` class of ml-connector (see DESIGN §5). Until it exports it, this
 * module holds a class with the same constructor and fields (`kind`, `details`, `retryable`), so callers can already
 * branch on `error.kind` and switching to the shared class is a one-line change here.
 */

/** The error kinds the stores and mapping loader raise (a subset of transport's `ErrorKind`). */
export type StoreErrorKind = "conflict" | "not-found" | "validation" | "mapping" | "configuration";

export interface ConnectorErrorOptions {
  kind: StoreErrorKind;
  /** Structured details: the file, row and column of a CSV problem, the key of a conflict... Never secrets. */
  details?: unknown;
  retryable?: boolean | undefined;
  cause?: unknown;
}

export class ConnectorError extends Error {
  override name = "ConnectorError";
  readonly kind: StoreErrorKind;
  readonly details: unknown;
  readonly retryable: boolean;
  readonly status: number | undefined = undefined;
  readonly requestId: string | undefined = undefined;
  readonly retryAfterMs: number | undefined = undefined;

  constructor(message: string, options: ConnectorErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      retryable: this.retryable,
      details: this.details,
    };
  }
}
