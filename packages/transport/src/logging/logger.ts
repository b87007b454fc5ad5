import { boundLogText, boundLogValue, MAX_LOG_CHARS } from "./bound.js";
import { redactText, redactValue } from "./redact.js";

type LogMethod = (fields: Record<string, unknown>, message?: string) => void;

/** The logger shape ml-connector writes to: pino's `(fields, message)` call style, so a pino logger fits as is. */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

export const noopLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * Wraps a logger (or part of one) so that every call is redacted and bounded first: secrets never reach a log line,
 * and a line holds at most about `MAX_LOG_CHARS` characters of text (with markers saying what was cut), whatever the
 * caller passes. Missing levels become no-ops, and so do the levels a logger with pino's `isLevelEnabled` says are off
 * at the time of the call: a pino logger at `info` still has a `debug` method, and the clients' per-request debug
 * lines would otherwise be redacted and bounded only to be dropped.
 */
export function createSafeLogger(
  logger: Partial<Logger> | undefined,
  secrets: () => readonly string[] = () => [],
): Logger {
  const levels = logger as (Partial<Logger> & { isLevelEnabled?: unknown }) | undefined;
  const isLevelEnabled =
    typeof levels?.isLevelEnabled === "function" ? (levels.isLevelEnabled as (level: string) => boolean) : undefined;
  const wrap = (method: LogMethod | undefined, level: keyof Logger): LogMethod => {
    if (!method) return () => {};
    return (fields, message) => {
      if (isLevelEnabled !== undefined && !isLevelEnabled.call(logger, level)) return;
      const list = secrets();
      // Bounded with a margin before the redaction (which costs the text's length), then to the limit: a secret cut
      // by the first bound lies past the limit, so it is never shown even in part.
      const margin = MAX_LOG_CHARS + 4096;
      const redacted = redactValue(boundLogValue(fields, margin), list);
      const safeFields = boundLogValue(redacted) as Record<string, unknown>;
      if (message === undefined) method.call(logger, safeFields);
      else method.call(logger, safeFields, boundLogText(redactText(boundLogText(message, margin), list), 2048));
    };
  };
  return {
    debug: wrap(logger?.debug, "debug"),
    info: wrap(logger?.info, "info"),
    warn: wrap(logger?.warn, "warn"),
    error: wrap(logger?.error, "error"),
  };
}
