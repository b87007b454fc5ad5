import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../core/index.js";
import { VerifiedTokens } from "../core/verified-tokens.js";
import { type SandboxTokenClaims, signJwt, verifyJwt } from "./jwt.js";
import { json, oauthError, problem } from "./responses.js";

export interface SpsSandboxClock {
  now(): number;
}

export interface SpsSandboxCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenRateLimit {
  /** Token requests one client may make per window. */
  maxRequests: number;
  windowMs: number;
}

export interface SpsAuthServerOptions {
  credentials: SpsSandboxCredentials;
  audience: string;
  /** Read lazily: the auth server's URL is known once it listens. */
  issuer: () => string;
  tokenLifetimeSeconds: number;
  rateLimit: TokenRateLimit | false;
  redirectUris: readonly string[];
  clock: SpsSandboxClock;
}

const clientCredentialsSchema = z.object({
  grant_type: z.literal("client_credentials"),
  client_id: z.string(),
  client_secret: z.string(),
  audience: z.string().optional(),
});
const authorizationCodeSchema = z.object({
  grant_type: z.literal("authorization_code"),
  client_id: z.string(),
  client_secret: z.string(),
  code: z.string(),
  redirect_uri: z.string(),
});
const refreshTokenSchema = z.object({
  grant_type: z.literal("refresh_token"),
  client_id: z.string(),
  client_secret: z.string(),
  refresh_token: z.string(),
});
const tokenRequestSchema = z.discriminatedUnion("grant_type", [
  clientCredentialsSchema,
  authorizationCodeSchema,
  refreshTokenSchema,
]);

interface PendingCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
}

interface RefreshGrant {
  clientId: string;
  scope: string;
  revoked: boolean;
}

/**
 * The Auth0-like side of the SPS sandbox: `/authorize`, `/oauth/token` (client_credentials, authorization_code,
 * refresh_token), HS256 JWT access tokens, non-expiring refresh tokens, a per-client token rate limit, revocation.
 */
export class SpsAuthServer {
  readonly #options: SpsAuthServerOptions;
  readonly #secret = randomBytes(32);
  readonly #codes = new Map<string, PendingCode>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();
  readonly #issued = new Set<string>();
  readonly #revoked = new Set<string>();
  readonly #verified = new VerifiedTokens(verifyJwt);
  readonly #requestTimes = new Map<string, number[]>();
  #tokenLifetimeSeconds: number;

  constructor(options: SpsAuthServerOptions) {
    this.#options = options;
    this.#tokenLifetimeSeconds = options.tokenLifetimeSeconds;
  }

  /** Changes the lifetime of the access tokens issued from now on. */
  setTokenLifetime(seconds: number): void {
    this.#tokenLifetimeSeconds = seconds;
  }

  /** Every access token issued so far stops working (the next API call gets 401). */
  revokeAccessTokens(): number {
    for (const jti of this.#issued) this.#revoked.add(jti);
    return this.#issued.size;
  }

  /** Every refresh token issued so far is refused from now on (`invalid_grant`): the application must pair again. */
  revokeRefreshTokens(): number {
    for (const grant of this.#refreshTokens.values()) grant.revoked = true;
    return this.#refreshTokens.size;
  }

  /** How many access tokens have been issued. */
  get issuedCount(): number {
    return this.#issued.size;
  }

  /** Checks a request's bearer token: the claims, or the 401 to answer. */
  authenticate(request: SandboxRequest): SandboxTokenClaims | SandboxResponse {
    const header = request.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const unauthorized = (detail: string) =>
      problem(401, "Unauthorized", detail, { "www-authenticate": 'Bearer error="invalid_token"' });
    if (!match?.[1]) return unauthorized("A bearer token is required.");
    const claims = this.#verified.claims(match[1], this.#secret);
    if (!claims) return unauthorized("The token is not valid.");
    if (claims.aud !== this.#options.audience) return unauthorized("The token was issued for another audience.");
    if (claims.exp * 1000 <= this.#options.clock.now()) return unauthorized("The token has expired.");
    if (this.#revoked.has(claims.jti)) return unauthorized("The token has been revoked.");
    return claims;
  }

  /** `GET /authorize`: redirects to the registered redirect URI with a one-time code and the state. */
  authorize(request: SandboxRequest): SandboxResponse {
    const q = request.query;
    const clientId = q.get("client_id") ?? "";
    const redirectUri = q.get("redirect_uri") ?? "";
    const state = q.get("state") ?? "";
    if (clientId !== this.#options.credentials.clientId) {
      return oauthError(400, "invalid_request", "Unknown client.");
    }
    if (!this.#options.redirectUris.includes(redirectUri)) {
      return oauthError(403, "access_denied", "The redirect_uri does not match a registered callback URL.");
    }
    const back = new URL(redirectUri);
    if (q.get("response_type") !== "code" || state === "") {
      back.searchParams.set("error", "invalid_request");
      back.searchParams.set("error_description", "response_type=code and a state are required.");
    } else if (q.get("audience") !== this.#options.audience) {
      back.searchParams.set("error", "access_denied");
      back.searchParams.set("error_description", `Service not found: ${q.get("audience") ?? ""}`);
    } else {
      const code = randomBytes(18).toString("base64url");
      this.#codes.set(code, {
        clientId,
        redirectUri,
        scope: q.get("scope") ?? "",
        expiresAt: this.#options.clock.now() + 5 * 60_000,
      });
      back.searchParams.set("code", code);
    }
    if (state) back.searchParams.set("state", state);
    return { status: 302, headers: { location: back.toString() } };
  }

  /** `POST /oauth/token`. */
  token(request: SandboxRequest): SandboxResponse {
    const parsed = tokenRequestSchema.safeParse(readBody(request));
    if (!parsed.success) {
      return oauthError(
        400,
        "invalid_request",
        "Expected grant_type client_credentials, authorization_code or refresh_token with its fields.",
      );
    }
    const body = parsed.data;
    const { credentials } = this.#options;
    if (body.client_id !== credentials.clientId || body.client_secret !== credentials.clientSecret) {
      return oauthError(401, "access_denied", "Unauthorized");
    }
    const limited = this.#rateLimit(body.client_id);
    if (limited) return limited;

    switch (body.grant_type) {
      case "client_credentials": {
        const audience = body.audience ?? "";
        if (audience !== this.#options.audience) {
          return oauthError(403, "access_denied", `Service not found: ${audience}`);
        }
        return json(200, this.#issue(body.client_id, `${body.client_id}@clients`, "client-credentials", undefined));
      }
      case "authorization_code": {
        const pending = this.#codes.get(body.code);
        this.#codes.delete(body.code);
        if (!pending || pending.clientId !== body.client_id || pending.expiresAt <= this.#options.clock.now()) {
          return oauthError(403, "invalid_grant", "Invalid authorization code");
        }
        if (pending.redirectUri !== body.redirect_uri) {
          return oauthError(403, "invalid_grant", "Invalid redirect_uri");
        }
        let refreshToken: string | undefined;
        if (pending.scope.split(/\s+/).includes("offline_access")) {
          refreshToken = randomBytes(32).toString("base64url");
          this.#refreshTokens.set(refreshToken, { clientId: body.client_id, scope: pending.scope, revoked: false });
        }
        return json(
          200,
          this.#issue(body.client_id, "auth0|sandbox-user", "authorization-code", refreshToken, pending.scope),
        );
      }
      case "refresh_token": {
        const grant = this.#refreshTokens.get(body.refresh_token);
        if (!grant || grant.revoked || grant.clientId !== body.client_id) {
          return oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");
        }
        return json(200, this.#issue(body.client_id, "auth0|sandbox-user", "refresh_token", undefined, grant.scope));
      }
    }
  }

  #issue(
    clientId: string,
    subject: string,
    grantType: string,
    refreshToken: string | undefined,
    scope?: string,
  ): Record<string, unknown> {
    const iat = Math.floor(this.#options.clock.now() / 1000);
    const jti = randomUUID();
    const claims: SandboxTokenClaims = {
      iss: this.#options.issuer(),
      sub: subject,
      aud: this.#options.audience,
      azp: clientId,
      iat,
      exp: iat + this.#tokenLifetimeSeconds,
      jti,
      gty: grantType,
      ...(scope ? { scope } : {}),
    };
    this.#issued.add(jti);
    return {
      access_token: signJwt(claims, this.#secret),
      token_type: "Bearer",
      expires_in: this.#tokenLifetimeSeconds,
      ...(scope ? { scope } : {}),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    };
  }

  #rateLimit(clientId: string): SandboxResponse | undefined {
    const limit = this.#options.rateLimit;
    if (!limit) return undefined;
    const now = this.#options.clock.now();
    const recent = (this.#requestTimes.get(clientId) ?? []).filter((time) => time > now - limit.windowMs);
    if (recent.length >= limit.maxRequests) {
      this.#requestTimes.set(clientId, recent);
      const oldest = recent[0] ?? now;
      const waitSeconds = Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
      return oauthError(
        429,
        "too_many_requests",
        "Too many token requests: cache the access token instead of asking for one per call.",
        { "retry-after": String(waitSeconds) },
      );
    }
    recent.push(now);
    this.#requestTimes.set(clientId, recent);
    return undefined;
  }
}

function readBody(request: SandboxRequest): unknown {
  const text = request.body.toString("utf8");
  const type = String(request.headers["content-type"] ?? "");
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
