import type { AuthSystem } from "@ml-connector/sync-core";
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

/** How the systems are named to the user. */
export const systemNames: Readonly<Record<AuthSystem, string>> = { sps: "SPS", "sage-x3": "Sage X3" };

/** What to do when a system refuses the connector's credentials: the right system, the right command. */
export function authHint(system: AuthSystem | undefined): string {
  switch (system) {
    case "sps":
      return "Hint: SPS refused the connector's credentials: check sps.clientId and sps.clientSecret in the config and the environment (with a refresh token: sign in to SPS again and update sps.refreshToken), then run `ml-connector doctor`.";
    case "sage-x3":
      return "Hint: Sage X3 refused the connector's credentials: with the cloud gateway, pair again with `ml-connector auth sage-x3`; with a connected application or Basic, check the sageX3.auth credentials in the config and the environment; then run `ml-connector doctor`.";
    default:
      return "Hint: check the credentials in the config and the environment (`ml-connector doctor` tells which system refuses them); for Sage X3 OAuth run `ml-connector auth sage-x3`.";
  }
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
