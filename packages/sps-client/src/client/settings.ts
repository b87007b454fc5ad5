import type { Clock, Logger, ProxyOptions, RetryOptions } from "@ml-connector/transport";

/** The resolved HTTP settings every part of the client shares. */
export interface SpsHttpSettings {
  baseUrl: string;
  authUrl: string;
  fetch: typeof fetch | undefined;
  proxy: ProxyOptions;
  retry: RetryOptions | undefined;
  timeoutMs: number | undefined;
  maxConcurrency: number | undefined;
  logger: Partial<Logger> | undefined;
  userAgent: string;
  clock: Clock;
}
