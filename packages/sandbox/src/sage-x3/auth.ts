import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SandboxRequest, SandboxResponse } from "../core/index.js";
import { VerifiedTokens } from "../core/verified-tokens.js";
import type { SandboxClock } from "./clock.js";

export interface SageX3SandboxCredentials {
  /** The cloud gateway's authorization-code flow (pairing, then rotating refresh tokens). */
  oauth: {
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    /** `GET` here with client_id, redirect_uri, state, scope, customer: 302 back with `authorizationCode` and `state`. */
    authorizeUrl: string;
    /** `POST` JSON `{grant_type, code | refresh_token, client_id, client_secret, redirect_uri}`. */
    tokenUrl: string;
  };
  /** A connected application: the client signs its own HS256 JWT. */
  connectedApp: { clientId: string; secret: string; user: string; url: string; tokenValiditySeconds: number };
  /** On-premise Basic credentials. */
  basic: { username: string; password: string };
}

export interface SageX3AuthOptions {
  /** Access token lifetime. Default 5 minutes. */
  accessTokenLifetimeMs?: number;
  /** Refresh token lifetime; each refresh issues a new one with a full lifetime. Default 30 days. */
  refreshTokenLifetimeMs?: number;
  /** Whether the (simulated) X3 user approves pairing requests. Default true. */
  approvePairing?: boolean;
  /** Connected app max token validity in seconds. Default 600. */
  connectedAppTokenValiditySeconds?: number;
  /** Which modes api1 accepts. Default all three. */
  modes?: readonly ("oauth2" | "connected-app" | "basic")[];
}

export interface SageX3AuthControl {
  /** Revokes every refresh and access token issued so far (the customer deleted the pairing). */
  revokeAll(): void;
  /** Refresh tokens issued and not yet used, revoked or expired. */
  activeRefreshTokens(): number;
  /** Whether the sandbox still accepts this refresh token. */
  isRefreshTokenActive(token: string): boolean;
}

const b64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${signature}`;
}

/** The payload of a well-formed HS256 JWT signed with `secret`, else undefined. */
export function verifyHs256(token: string, secret: string): Record<string, unknown> | undefined {
  const [head, body, signature] = token.split(".");
  if (!head || !body || !signature || token.split(".").length !== 3) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(head, "base64url").toString("utf8"));
    if (typeof header !== "object" || header === null || (header as { alg?: unknown }).alg !== "HS256")
      return undefined;
    const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function decodePayload(token: string): Record<string, unknown> | undefined {
  const body = token.split(".")[1];
  if (!body) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const unauthorised = (message = "Unauthorised"): SandboxResponse => ({ status: 401, body: { message } });

/** The sandbox's three auth modes: the cloud OAuth2 gateway, connected-app JWTs and Basic. */
export class SageX3SandboxAuth implements SageX3AuthControl {
  readonly credentials: SageX3SandboxCredentials;
  readonly #clock: SandboxClock;
  readonly #signingKey = randomBytes(32).toString("hex");
  readonly #accessLifetime: number;
  readonly #refreshLifetime: number;
  readonly #approve: boolean;
  readonly #modes: ReadonlySet<string>;
  readonly #codes = new Map<string, { redirectUri: string; expiresAt: number }>();
  /** jti → expiry of refresh tokens that can still be used once. */
  readonly #refreshTokens = new Map<string, number>();
  #revokedBefore = 0;
  /** Access tokens and connected-app JWTs whose signature was checked (see VerifiedTokens). */
  readonly #verified = new VerifiedTokens(verifyHs256);
  #serial = 0;

  constructor(baseUrl: string, clock: SandboxClock, options: SageX3AuthOptions = {}) {
    this.#clock = clock;
    this.#accessLifetime = options.accessTokenLifetimeMs ?? 5 * 60_000;
    this.#refreshLifetime = options.refreshTokenLifetimeMs ?? 30 * 24 * 3_600_000;
    this.#approve = options.approvePairing ?? true;
    this.#modes = new Set(options.modes ?? ["oauth2", "connected-app", "basic"]);
    this.credentials = {
      oauth: {
        clientId: "ml-connector-sandbox",
        clientSecret: `cs-${randomBytes(12).toString("hex")}`,
        redirectUri: "http://127.0.0.1/callback",
        authorizeUrl: `${baseUrl}/v1/token/authorise`,
        tokenUrl: `${baseUrl}/v1/token`,
      },
      connectedApp: {
        clientId: `app-${randomBytes(6).toString("hex")}`,
        secret: `sec-${randomBytes(16).toString("hex")}`,
        user: "WSUSER",
        url: baseUrl,
        tokenValiditySeconds: options.connectedAppTokenValiditySeconds ?? 600,
      },
      basic: { username: "admin", password: `pw-${randomBytes(8).toString("hex")}` },
    };
  }

  revokeAll(): void {
    this.#refreshTokens.clear();
    this.#revokedBefore = this.#clock.now();
  }

  activeRefreshTokens(): number {
    const now = this.#clock.now();
    return [...this.#refreshTokens.values()].filter((expiresAt) => expiresAt > now).length;
  }

  isRefreshTokenActive(token: string): boolean {
    const payload = verifyHs256(token, this.#signingKey);
    const jti = typeof payload?.jti === "string" ? payload.jti : "";
    return (this.#refreshTokens.get(jti) ?? 0) > this.#clock.now();
  }

  /** `GET /v1/token/authorise`: the X3 user approves (or not) and the browser goes back to redirect_uri. */
  authorise(request: SandboxRequest): SandboxResponse {
    const { oauth } = this.credentials;
    if (request.query.get("client_id") !== oauth.clientId)
      return { status: 400, body: { message: "Unknown client_id." } };
    const redirectUri = request.query.get("redirect_uri") ?? "";
    if (redirectUri !== oauth.redirectUri) return { status: 400, body: { message: "redirect_uri does not match." } };
    if (!this.#approve) return { status: 403, body: { message: "The pairing request has not been accepted." } };
    const code = randomBytes(16).toString("hex");
    this.#codes.set(code, { redirectUri, expiresAt: this.#clock.now() + 10 * 60_000 });
    const target = new URL(redirectUri);
    target.searchParams.set("authorizationCode", code);
    const state = request.query.get("state");
    if (state !== null) target.searchParams.set("state", state);
    return { status: 302, headers: { location: target.toString() } };
  }

  /** `POST /v1/token`: authorization_code and refresh_token grants; refresh tokens rotate (the used one dies). */
  token(request: SandboxRequest): SandboxResponse {
    let body: Record<string, unknown>;
    const text = request.body.toString("utf8");
    try {
      const contentType = String(request.headers["content-type"] ?? "");
      body = contentType.includes("json")
        ? (JSON.parse(text) as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(text));
    } catch {
      return { status: 400, body: { message: "Malformed body." } };
    }
    const { oauth } = this.credentials;
    if (body.client_id !== oauth.clientId || body.client_secret !== oauth.clientSecret) {
      return unauthorised("Invalid client credentials.");
    }
    const now = this.#clock.now();
    if (body.grant_type === "authorization_code") {
      const code = typeof body.code === "string" ? body.code : "";
      const found = this.#codes.get(code);
      this.#codes.delete(code);
      if (!found || found.expiresAt <= now) return { status: 403, body: { message: "The request has expired." } };
      if (body.redirect_uri !== found.redirectUri)
        return { status: 400, body: { message: "redirect_uri does not match." } };
      return { status: 200, body: this.#issue() };
    }
    if (body.grant_type === "refresh_token") {
      const token = typeof body.refresh_token === "string" ? body.refresh_token : "";
      const payload = verifyHs256(token, this.#signingKey);
      const jti = typeof payload?.jti === "string" ? payload.jti : "";
      const expiresAt = this.#refreshTokens.get(jti);
      if (payload?.typ !== "refresh" || expiresAt === undefined) {
        return { status: 401, body: { message: "The refresh token is invalid, already used or revoked." } };
      }
      this.#refreshTokens.delete(jti);
      if (expiresAt <= now) return { status: 401, body: { message: "The refresh token has expired." } };
      return { status: 200, body: this.#issue() };
    }
    return { status: 400, body: { message: "grant_type must be authorization_code or refresh_token." } };
  }

  #issue(): Record<string, unknown> {
    const now = this.#clock.now();
    const iat = Math.floor(now / 1000);
    this.#serial += 1;
    const jti = `${this.#serial}-${randomBytes(6).toString("hex")}`;
    const refreshExpiresAt = now + this.#refreshLifetime;
    this.#refreshTokens.set(jti, refreshExpiresAt);
    const common = {
      iss: "sandbox-gateway",
      aud: "sandbox-gateway",
      sub: "sandbox-x3",
      azp: this.credentials.oauth.clientId,
    };
    return {
      access_token: signHs256(
        { ...common, typ: "access", iat, exp: Math.floor((now + this.#accessLifetime) / 1000), jti: `a${jti}` },
        this.#signingKey,
      ),
      refresh_token: signHs256(
        { ...common, typ: "refresh", iat, exp: Math.floor(refreshExpiresAt / 1000), jti },
        this.#signingKey,
      ),
      token_type: "Bearer",
      expires_in: Math.floor(this.#accessLifetime / 1000),
      refresh_token_expires_in: Math.floor(this.#refreshLifetime / 1000),
    };
  }

  /** Checks the Authorization header of an api1 request; undefined when accepted, else the 401 to send. */
  check(request: SandboxRequest): SandboxResponse | undefined {
    const header = String(request.headers.authorization ?? "");
    const now = this.#clock.now();
    if (/^Basic /i.test(header)) {
      if (!this.#modes.has("basic")) return unauthorised("Basic authentication is disabled.");
      const { username, password } = this.credentials.basic;
      const given = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
      return given === `${username}:${password}` ? undefined : unauthorised("Invalid user or password.");
    }
    if (!/^Bearer /i.test(header)) return unauthorised();
    const token = header.slice(7).trim();
    const app = this.credentials.connectedApp;
    // The issuer picks the key to check the signature with; a token seen before is not decoded again.
    const claims = this.#verified.accepted(token) ?? decodePayload(token);
    if (claims?.iss === app.clientId) {
      if (!this.#modes.has("connected-app")) return unauthorised("Connected applications are disabled.");
      const payload = this.#verified.claims(token, app.secret);
      if (!payload) return unauthorised("Error 50: Invalid token (signature).");
      if (payload.sub !== app.user) return unauthorised("Error 42: Invalid token (sub).");
      if (payload.aud !== app.url) return unauthorised("Error 45: Invalid token (aud).");
      const iat = Number(payload.iat);
      const exp = Number(payload.exp);
      if (!Number.isFinite(iat) || !Number.isFinite(exp)) return unauthorised("Error 50: Invalid token (iat/exp).");
      if (exp * 1000 <= now) return unauthorised("Error 50: Invalid token (expired).");
      if (iat * 1000 > now + 60_000) return unauthorised("Error 50: Invalid token (issued in the future).");
      if (exp - iat > app.tokenValiditySeconds) return unauthorised("Error 50: Invalid token (lifetime too long).");
      return undefined;
    }
    if (!this.#modes.has("oauth2")) return unauthorised();
    const payload = this.#verified.claims(token, this.#signingKey);
    if (payload?.typ !== "access") return unauthorised();
    const exp = Number(payload.exp) * 1000;
    const iat = Number(payload.iat) * 1000;
    if (!(exp > now)) return unauthorised("The access token has expired.");
    if (this.#revokedBefore > 0 && iat <= this.#revokedBefore) {
      return unauthorised("The access token has been revoked.");
    }
    return undefined;
  }
}
