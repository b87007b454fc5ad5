import { createHmac } from "node:crypto";
import {
  type AuthStrategy,
  type Clock,
  ConnectorError,
  createBearerAuth,
  systemClock,
  TokenCache,
} from "@ml-connector/transport";

/** A connected application (mode b): the client signs its own HS256 JWT. */
export interface ConnectedAppSettings {
  mode: "connected-app";
  /** The connected application's client ID (`iss`). */
  clientId: string;
  /** Its secret (HMAC key). */
  secret: string;
  /** The allowed X3/Syracuse user (`sub`). */
  user: string;
  /** The URL registered on the connected application (`aud`). Default: the server URL. */
  audience?: string | undefined;
  /** Token lifetime in seconds (`exp - iat`), at most the app's "tokens validity". Default 60. */
  lifetimeSeconds?: number | undefined;
}

export interface ConnectedAppClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
}

/** Signs the connected-app JWT with node:crypto. */
export function mintConnectedAppToken(claims: ConnectedAppClaims, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signingInput = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
}

/** One JWT per lifetime: reused until shortly before `exp`, then minted again (no token endpoint involved). */
export function createConnectedAppAuth(
  settings: ConnectedAppSettings,
  serverUrl: string,
  clock: Clock = systemClock,
): { strategy: AuthStrategy; tokens: TokenCache } {
  const lifetime = settings.lifetimeSeconds ?? 60;
  if (!Number.isInteger(lifetime) || lifetime < 10) {
    throw new ConnectorError("The connected-app token lifetime must be a whole number of seconds, at least 10.", {
      kind: "configuration",
    });
  }
  if (!settings.clientId || !settings.secret || !settings.user) {
    throw new ConnectorError("A connected application needs clientId, secret and user.", { kind: "configuration" });
  }
  const audience = settings.audience ?? serverUrl.replace(/\/+$/, "");
  const tokens = new TokenCache({
    key: `sage-x3:connected-app:${settings.clientId}`,
    clock,
    // Re-mint when a quarter of the lifetime (at most 30 s) is left, so a token never expires in flight.
    refreshBeforeMs: Math.min(30_000, (lifetime * 1000) / 4),
    obtain: async () => {
      const iat = Math.floor(clock.now() / 1000);
      const exp = iat + lifetime;
      const token = mintConnectedAppToken(
        { iss: settings.clientId, sub: settings.user, aud: audience, iat, exp },
        settings.secret,
      );
      return { accessToken: token, expiresAt: exp * 1000 };
    },
  });
  return { strategy: createBearerAuth(tokens, [settings.secret]), tokens };
}
