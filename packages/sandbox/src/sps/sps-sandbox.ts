import { randomBytes } from "node:crypto";
import { FaultInjector, RequestCounters, Router, startHttpServer } from "../core/index.js";
import { SpsAuthServer, type SpsSandboxClock, type SpsSandboxCredentials, type TokenRateLimit } from "./auth-server.js";
import type { SpsFunctionalAckRule } from "./functional-acks.js";
import { SpsMailbox, type SpsMailboxLayout, type SpsUploadValidator, type SpsVerdictRule } from "./mailbox.js";
import { addTransactionRoutes, SPS_SANDBOX_ROUTES } from "./transaction-routes.js";
import { validateRsxUpload } from "./upload-validation.js";

export interface SpsSandboxOptions {
  /** Default: a random client id and secret. */
  credentials?: SpsSandboxCredentials | undefined;
  /** The audience tokens are issued for. Default https://spscommerce.com */
  audience?: string | undefined;
  /** Lifetime of access tokens. Default 3600 s. */
  tokenLifetimeSeconds?: number | undefined;
  /** Token requests one client may make per window before getting 429. Default 20 per minute; false: none. */
  tokenRateLimit?: TokenRateLimit | false | undefined;
  /** Registered callback URLs of the authorization-code flow. Default `http://127.0.0.1/callback`. */
  redirectUris?: readonly string[] | undefined;
  /** The largest listing page the sandbox answers with, whatever `limit` asks (1-1000). Default 1000. */
  pageSize?: number | undefined;
  /** Validate uploads to `in/` with @ml-connector/rsx (default), a custom validator, or not at all (false). */
  validateUploads?: boolean | SpsUploadValidator | undefined;
  /**
   * How the account's mailbox is organised: `flat` (default; 850s straight in `out/`) or `by-type` (`out/PO/`,
   * `out/IN/`... and `in/PR/`, `in/SH/`...), as SPS sets up some accounts.
   */
  layout?: SpsMailboxLayout | undefined;
  /**
   * false: SPS has not set up the per-type routes yet (a new by-type account): their folders answer 404
   * "Directory not found" until `mailbox.setRoutesReady(true)`. Default true.
   */
  routesReady?: boolean | undefined;
  /**
   * How long after an upload SPS's verdict (`accepted` or `rejected`, with reasons) appears in the transaction
   * history, on `clock`. Default 0 (at once). Real SPS reports it minutes later.
   */
  verdictDelayMs?: number | undefined;
  /**
   * A partner's rule: issues to reject an upload that passed validation with (its history then ends `rejected`).
   * `mailbox.rejectLater(path, issues)` rejects one after it was accepted.
   */
  rejectUploads?: SpsVerdictRule | undefined;
  /**
   * Trading partners send 997 functional acknowledgments for uploads: each gets one in `out/` (`out/FA/` by type),
   * in the upload's format, naming the upload's Meta control numbers. `true`: A when SPS accepts the upload, R when
   * it rejects it; a function decides per upload (`{ code, syntaxErrors?, notes? }` or undefined for none).
   * Default false.
   */
  functionalAcks?: boolean | SpsFunctionalAckRule | undefined;
  /** Time source for token expiry and history. Default: the system clock. Tests move it to expire tokens. */
  clock?: SpsSandboxClock | undefined;
  /** Randomness of the fault rules' `probability`. */
  random?: (() => number) | undefined;
}

export interface SpsSandbox {
  /** The Transaction API server, e.g. http://127.0.0.1:41234 (use as the client's baseUrl). */
  baseUrl: string;
  /** The auth server (a different origin, as in production), for the client's authUrl. */
  authUrl: string;
  credentials: SpsSandboxCredentials;
  audience: string;
  mailbox: SpsMailbox;
  /** Fault injection on both servers; target routes by the names in `routes`. */
  faults: FaultInjector;
  /** Requests per route on both servers (`counters.get("token")`: how many tokens were asked for). */
  counters: RequestCounters;
  routes: typeof SPS_SANDBOX_ROUTES;
  /** Every access token issued so far stops working: the next call gets 401. */
  revokeAccessTokens(): void;
  /** Every refresh token is refused from now on (`invalid_grant`). */
  revokeRefreshTokens(): void;
  /** Lifetime of the access tokens issued from now on. */
  setTokenLifetime(seconds: number): void;
  /** Changes the largest listing page. */
  setPageSize(size: number): void;
  close(): Promise<void>;
}

/**
 * Starts the SPS Commerce simulator on loopback: an Auth0-like auth server and the Transaction API v5 over an
 * in-memory mailbox, each on its own free port, with fault injection and request counters in front of every route.
 */
export async function startSpsSandbox(options: SpsSandboxOptions = {}): Promise<SpsSandbox> {
  const clock = options.clock ?? { now: () => Date.now() };
  const credentials = options.credentials ?? {
    clientId: `sandbox-${randomBytes(6).toString("hex")}`,
    clientSecret: randomBytes(24).toString("base64url"),
  };
  const audience = options.audience ?? "https://spscommerce.com";
  let pageSize = checkPageSize(options.pageSize ?? 1000);
  const faults = new FaultInjector(options.random);
  const counters = new RequestCounters();
  const validator =
    options.validateUploads === false
      ? undefined
      : typeof options.validateUploads === "function"
        ? options.validateUploads
        : validateRsxUpload;
  const mailbox = new SpsMailbox(clock, validator, {
    layout: options.layout,
    routesReady: options.routesReady,
    verdictDelayMs: options.verdictDelayMs,
    rejectUploads: options.rejectUploads,
    functionalAcks: options.functionalAcks,
  });

  const authRouter = new Router();
  let authUrl = "";
  const auth = new SpsAuthServer({
    credentials,
    audience,
    issuer: () => `${authUrl}/`,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    rateLimit: options.tokenRateLimit ?? { maxRequests: 20, windowMs: 60_000 },
    redirectUris: options.redirectUris ?? ["http://127.0.0.1/callback"],
    clock,
  });
  authRouter.add("POST", "/oauth/token", (request) => auth.token(request), SPS_SANDBOX_ROUTES.token);
  authRouter.add("GET", "/authorize", (request) => auth.authorize(request), SPS_SANDBOX_ROUTES.authorize);

  const apiRouter = new Router();
  let apiOrigin = "";
  addTransactionRoutes(apiRouter, { mailbox, auth, origin: () => apiOrigin, pageSize: () => pageSize });

  const authServer = await startHttpServer({ router: authRouter, faults, counters });
  authUrl = authServer.url;
  let apiServer: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    apiServer = await startHttpServer({ router: apiRouter, faults, counters });
  } catch (error) {
    await authServer.close();
    throw error;
  }
  apiOrigin = apiServer.url;

  return {
    baseUrl: apiServer.url,
    authUrl,
    credentials,
    audience,
    mailbox,
    faults,
    counters,
    routes: SPS_SANDBOX_ROUTES,
    revokeAccessTokens: () => {
      auth.revokeAccessTokens();
    },
    revokeRefreshTokens: () => {
      auth.revokeRefreshTokens();
    },
    setTokenLifetime: (seconds) => auth.setTokenLifetime(seconds),
    setPageSize: (size) => {
      pageSize = checkPageSize(size);
    },
    close: async () => {
      await Promise.all([authServer.close(), apiServer.close()]);
    },
  };
}

function checkPageSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new RangeError("pageSize must be 1-1000.");
  return size;
}
