import { ConnectorError, isConnectorError } from "@ml-connector/transport";

/** What the process exit code means (documented in README.md). */
export const ExitCode = {
  /** Everything went through. */
  ok: 0,
  /** The command ran, but some documents were rejected or failed (see `audit list --status rejected`). */
  rejected: 1,
  /** The configuration is wrong: invalid config file, missing environment variable, bad arguments, unknown flow. */
  configuration: 2,
  /** A system refused our credentials, or a pairing is missing or expired (`auth sage-x3`). */
  authentication: 3,
  /** A system could not be reached or failed (connection, timeout, server error, store). */
  unavailable: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A configuration problem: the message names the file, the field or the environment variable. */
export function configurationError(message: string, details?: unknown): ConnectorError {
  return new ConnectorError(message, { kind: "configuration", details });
}

/** The exit code an error stands for. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!isConnectorError(error)) return ExitCode.unavailable;
  switch (error.kind) {
    case "configuration":
    case "mapping":
    case "security":
      return ExitCode.configuration;
    case "auth":
      return ExitCode.authentication;
    case "validation":
    case "not-found":
    case "conflict":
    case "duplicate":
    case "client":
      return ExitCode.rejected;
    default:
      return ExitCode.unavailable;
  }
}

export function describeError(error: unknown): string {
  if (isConnectorError(error)) return `${error.message} (${error.kind}${error.status ? `, HTTP ${error.status}` : ""})`;
  return error instanceof Error ? error.message : String(error);
}
