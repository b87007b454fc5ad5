import {
  ConnectorError,
  type ConnectorErrorOptions,
  errorKindForStatus,
  type FailedResponse,
  hasErrorBrand,
  isConnectorError,
  redactText,
  redactValue,
} from "@ml-connector/transport";
import { z } from "zod";

/** An `application/problem+json` body, as SPS's API standards describe it. */
export interface SpsProblem {
  type?: string | undefined;
  title?: string | undefined;
  status?: number | undefined;
  detail?: string | undefined;
  instance?: string | undefined;
  requestId?: string | undefined;
  context?: { code?: string | undefined; message: string }[] | undefined;
}

const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  context: z.array(z.looseObject({ code: z.string().optional(), message: z.string() })).optional(),
});

const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

const transactionErrorSchema = z.looseObject({
  error: z.looseObject({ error: z.string().optional(), errorDescription: z.string().optional() }),
});

export interface SpsErrorOptions extends ConnectorErrorOptions {
  /** The problem+json body, when the server sent one. */
  problem?: SpsProblem | undefined;
  /** The OAuth error code of a token endpoint failure (`invalid_grant`, `access_denied`...). */
  oauthError?: string | undefined;
}

/**
 * Every error the SPS client raises. A ConnectorError (branch on `kind`), with the SPS request id and the problem+json
 * details when the server sent them. Messages and details never hold a token or a client secret.
 */
export class SpsError extends ConnectorError {
  // Recognised by `instanceof` and `isSpsError` across copies of this package (ESM and CommonJS builds).
  static override readonly brand: symbol = Symbol.for("@ml-connector/SpsError");

  override name = "SpsError";
  readonly problem: SpsProblem | undefined;
  readonly oauthError: string | undefined;

  constructor(message: string, options: SpsErrorOptions) {
    super(message, options);
    this.problem = options.problem;
    this.oauthError = options.oauthError;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problem: this.problem, oauthError: this.oauthError };
  }
}

export function isSpsError(value: unknown): value is SpsError {
  return hasErrorBrand(value, SpsError.brand);
}

/**
 * Builds the SpsError of a failed response (the transport's `toError`). `secrets` lists what must never appear
 * in the message or the details, in case a server echoes it.
 */
export function createSpsErrorFactory(secrets: () => readonly string[]): (failed: FailedResponse) => SpsError {
  return (failed) => {
    const list = secrets();
    const problem = problemSchema.safeParse(failed.body);
    const oauth = oauthErrorSchema.safeParse(failed.body);
    const legacy = transactionErrorSchema.safeParse(failed.body);
    let explanation: string | undefined;
    let problemDetails: SpsProblem | undefined;
    let oauthError: string | undefined;
    if (problem.success) {
      problemDetails = problem.data;
      explanation = [problem.data.title, problem.data.detail].filter(Boolean).join(": ");
    } else if (oauth.success) {
      oauthError = oauth.data.error;
      explanation = [oauth.data.error, oauth.data.error_description].filter(Boolean).join(": ");
    } else if (legacy.success) {
      explanation = [legacy.data.error.error, legacy.data.error.errorDescription].filter(Boolean).join(": ");
    }
    const kind = failed.status === 400 && oauthError === "invalid_grant" ? "auth" : errorKindForStatus(failed.status);
    const hint =
      oauthError === "invalid_grant" ? " The refresh token or code was refused: pair the application again." : "";
    const message = redactText(
      `SPS ${failed.method} ${failed.path} failed with HTTP ${failed.status}${explanation ? ` (${explanation})` : ""}.${hint}`,
      list,
    );
    return new SpsError(message, {
      kind,
      status: failed.status,
      requestId: failed.requestId ?? problemDetails?.requestId,
      retryAfterMs: failed.retryAfterMs,
      details: redactValue(failed.body, list),
      problem: problemDetails ? (redactValue(problemDetails, list) as SpsProblem) : undefined,
      oauthError,
    });
  };
}

/**
 * Makes sure what leaves the client is an SpsError: the transport's own errors (timeouts, connection failures, the
 * origin guard, the Retry-After cap) are re-raised as SpsErrors with the same fields.
 */
export function toSpsError(error: unknown, secrets: readonly string[] = []): unknown {
  if (error instanceof SpsError || !isConnectorError(error)) return error;
  return new SpsError(redactText(error.message, secrets), {
    kind: error.kind,
    status: error.status,
    requestId: error.requestId,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    details: redactValue(error.details, secrets),
    cause: error,
  });
}
