import { FaultInjector, RequestCounters, Router, startHttpServer } from "../core/index.js";
import { mountApi1, sageX3Routes } from "./api1.js";
import {
  type SageX3AuthControl,
  type SageX3AuthOptions,
  SageX3SandboxAuth,
  type SageX3SandboxCredentials,
} from "./auth.js";
import { createSandboxClock, type SandboxClock as SageX3SandboxClockType } from "./clock.js";
import type { SandboxClassName } from "./model.js";
import { type SageX3SeedOptions, seedStore } from "./seed.js";
import { SageX3Store } from "./store.js";
import { createDataHelpers, type SageX3DataHelpers } from "./users.js";

export type { SageX3AuthControl, SageX3AuthOptions, SageX3SandboxCredentials } from "./auth.js";
export {
  createSandboxClock as createSageX3SandboxClock,
  type SandboxClock as SageX3SandboxClock,
  toX3DateTime,
} from "./clock.js";
export {
  classModels as sageX3SandboxClassModels,
  type SandboxClassName,
  sageX3SandboxClasses,
  type X3Record,
} from "./model.js";
export { type SageX3SeedOptions, standardSeed as sageX3StandardSeed } from "./seed.js";
export type { DeliverOptions, InvoiceOptions, LineChange, SageX3DataHelpers } from "./users.js";
export { sageX3Routes };

export interface SageX3SandboxOptions {
  /** The Syracuse endpoint (X3 folder). Default "SEED". */
  endpoint?: string;
  /** Representation names per class, as an installation may rename them. Default: the class names. */
  representations?: Partial<Record<SandboxClassName, string>>;
  /** The silent cap on `$query` `count`. Default 200. */
  maxCount?: number;
  /** Whether `$query` returns child collections. Default false (use `$details`). */
  queryIncludesLines?: boolean;
  /** Token lifetimes, pairing approval, enabled modes. */
  auth?: SageX3AuthOptions;
  /** Start time of the sandbox clock. Default now. */
  startTime?: Date | number;
  /**
   * Whether the sandbox clock moves with real time. Default true, as X3's does. false: it stands at `startTime` and
   * moves only by `clock.advance` and `clock.set`, so that a test can assert exact stamps however long it takes.
   */
  clockRuns?: boolean;
  seed?: SageX3SeedOptions;
  /** Tax rate applied to amounts including tax. Default 0. */
  taxRate?: number;
  port?: number;
  /**
   * The origin X3 writes into `$links` and `Location`, e.g. `http://x3-internal:8124`: Syracuse uses its own host name,
   * which differs from the URL clients use behind a reverse proxy. Default: the sandbox's own URL.
   */
  linkOrigin?: string;
  faults?: FaultInjector;
  counters?: RequestCounters;
}

export interface SageX3Sandbox {
  /** `http://127.0.0.1:PORT`: the server URL a client is configured with. */
  baseUrl: string;
  endpoint: string;
  credentials: SageX3SandboxCredentials;
  /** The X3 data, and what X3 users do with it. */
  data: SageX3DataHelpers;
  clock: SageX3SandboxClockType;
  auth: SageX3AuthControl;
  faults: FaultInjector;
  counters: RequestCounters;
  /** Route names for counters and fault rules. */
  routes: typeof sageX3Routes;
  close(): Promise<void>;
}

/**
 * Starts a Sage X3 simulator on 127.0.0.1: the cloud OAuth2 endpoints (`/v1/token/authorise`, `/v1/token`), connected-app
 * JWT and Basic checks, and api1 (`/api1/x3/erp/{endpoint}/{class}`) for SORDER, SDELIVERY, SINVOICE, PORDER,
 * BPCUSTOMER, BPSUPPLIER, ITMMASTER, CACCE and FACILITY, held in memory.
 */
export async function startSageX3Sandbox(options: SageX3SandboxOptions = {}): Promise<SageX3Sandbox> {
  const endpoint = options.endpoint ?? "SEED";
  const clock = createSandboxClock(options.startTime, options.clockRuns);
  const store = new SageX3Store(clock, options.taxRate ?? 0);
  seedStore(store, options.seed);
  const router = new Router();
  let baseUrl = "";
  // The auth needs the URL, which exists once the server listens: routes read it lazily.
  let auth: SageX3SandboxAuth | undefined;
  const currentAuth = (): SageX3SandboxAuth => {
    if (!auth) throw new Error("The sandbox is not started.");
    return auth;
  };
  router.add("GET", "/v1/token/authorise", (request) => currentAuth().authorise(request), sageX3Routes.authorise);
  router.add("POST", "/v1/token", (request) => currentAuth().token(request), sageX3Routes.token);
  const authProxy = { check: (request: Parameters<SageX3SandboxAuth["check"]>[0]) => currentAuth().check(request) };
  mountApi1(router, store, authProxy, {
    endpoint,
    representations: options.representations ?? {},
    maxCount: options.maxCount ?? 200,
    queryIncludesLines: options.queryIncludesLines ?? false,
    linkBaseUrl: () => options.linkOrigin ?? baseUrl,
  });
  const server = await startHttpServer({
    router,
    faults: options.faults ?? new FaultInjector(),
    counters: options.counters ?? new RequestCounters(),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  baseUrl = server.url;
  auth = new SageX3SandboxAuth(baseUrl, clock, options.auth);
  return {
    baseUrl,
    endpoint,
    credentials: auth.credentials,
    data: createDataHelpers(store, clock),
    clock,
    auth,
    faults: server.faults,
    counters: server.counters,
    routes: sageX3Routes,
    close: () => server.close(),
  };
}
