import { isSageX3Error } from "@ml-connector/sage-x3-client";
import { isSpsError } from "@ml-connector/sps-client";

/** A system the connector signs in to. */
export type AuthSystem = "sps" | "sage-x3";

/**
 * The system an error comes from, told by the client that raised it (SpsError or SageX3Error), looking through causes
 * in case the error was wrapped on its way up. Undefined for an error neither client raised.
 */
export function systemOfError(error: unknown): AuthSystem | undefined {
  let current = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth += 1) {
    if (isSpsError(current)) return "sps";
    if (isSageX3Error(current)) return "sage-x3";
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
