/** The `exp` claim of a JWT in epoch ms, or undefined when the token is not a readable JWT. Not verified: only for caching. */
export function jwtExpiresAt(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (typeof payload === "object" && payload !== null && "exp" in payload && typeof payload.exp === "number") {
      return payload.exp * 1000;
    }
  } catch {
    // Not a JWT: the caller falls back to expires_in.
  }
  return undefined;
}
