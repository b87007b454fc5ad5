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
 * Wraps a logger (or part of one) so that every call is redacted first: secrets never reach a log line,
 * whatever the caller passes. Missing levels become no-ops.
 */
export function createSafeLogger(
  logger: Partial<Logger> | undefined,
  secrets: () => readonly string[] = () => [],
): Logger {
  const wrap = (method: LogMethod | undefined): LogMethod => {
    if (!method) return () => {};
    return (fields, message) => {
      const list = secrets();
      const safeFields = redactValue(fields, list) as Record<string, unknown>;
      if (message === undefined) method.call(logger, safeFields);
      else method.call(logger, safeFields, redactText(message, list));
    };
  };
  return {
    debug: wrap(logger?.debug),
    info: wrap(logger?.info),
    warn: wrap(logger?.warn),
    error: wrap(logger?.error),
  };
}
