/**
 * Token persistence for the SPS and Sage X3 auth strategies.
 *
 * This is the interface of @ml-connector/transport, declared here identically until transport exports it; then this
 * module becomes a re-export. A store must persist a rotated refresh token before `set` resolves (DESIGN §4.4).
 */

/** OAuth tokens as the auth strategies keep them. Times are epoch milliseconds. */
export interface TokenSet {
  accessToken: string;
  expiresAt: number;
  refreshToken?: string;
  refreshTokenExpiresAt?: number;
  tokenType?: string;
  scope?: string;
}

/** Where tokens live between runs. Keys name a credential (e.g. `sps:client-id` or `x3:cloud:user`), never a secret. */
export interface TokenStore {
  get(key: string): Promise<TokenSet | undefined>;
  set(key: string, tokens: TokenSet): Promise<void>;
  delete(key: string): Promise<void>;
}
