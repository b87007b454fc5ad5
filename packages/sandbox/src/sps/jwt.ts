import { createHmac, timingSafeEqual } from "node:crypto";

/** The claims the sandbox puts in its access tokens (Auth0-like). */
export interface SandboxTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  azp: string;
  iat: number;
  exp: number;
  jti: string;
  gty?: string;
  scope?: string;
}

const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

/** Signs an HS256 JWT with node:crypto. */
export function signJwt(claims: SandboxTokenClaims, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The claims of a JWT signed with `secret`, or undefined when the signature (or the shape) is wrong. */
export function verifyJwt(token: string, secret: Buffer): SandboxTokenClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [head, payload, signature] = parts as [string, string, string];
  if (head !== header) return undefined;
  const expected = createHmac("sha256", secret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof claims !== "object" || claims === null) return undefined;
    const record = claims as Record<string, unknown>;
    if (typeof record.exp !== "number" || typeof record.jti !== "string" || typeof record.aud !== "string") {
      return undefined;
    }
    return claims as SandboxTokenClaims;
  } catch {
    return undefined;
  }
}
