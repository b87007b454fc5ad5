import type { Clock, Logger, RetryOptions } from "@ml-connector/transport";

/** The resolved HTTP settings every part of the client shares. */
export interface SpsHttpSettings {
  baseUrl: string;
  authUrl: string;
  fetch: typeof fetch | undefined;
  retry: RetryOptions | undefined;
  timeoutMs: number | undefined;
  maxConcurrency: number | undefined;
  logger: Partial<Logger> | undefined;
  userAgent: string;
  clock: Clock;
}
