/** What an OAuth2 token endpoint gave us, with absolute expiry times (epoch ms). */
export interface TokenSet {
  accessToken: string;
  /** When the access token stops working (epoch ms). */
  expiresAt: number;
  refreshToken?: string | undefined;
  /** When the refresh token stops working (epoch ms), when known. */
  refreshTokenExpiresAt?: number | undefined;
  tokenType?: string | undefined;
  scope?: string | undefined;
}

/**
 * Where tokens survive a restart. Keys name one credential (e.g. `sps:client-id` or `sage-x3:https://x3.example.com`).
 * A rotated refresh token is written here before the access token that came with it is used,
 * so a crash can never leave us holding only a refresh token the server has already retired.
 */
export interface TokenStore {
  get(key: string): Promise<TokenSet | undefined>;
  set(key: string, tokens: TokenSet): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Optional: runs `task` while no other process sharing this store runs one for the same key. TokenCache refreshes
   * inside it, so that instances sharing a store never spend the same rotating refresh token twice (the server refuses
   * the second use, which would look like a revoked pairing). Stores shared between processes should provide it.
   */
  exclusive?<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** A process-local TokenStore: the default when none is given. */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, TokenSet>();

  async get(key: string): Promise<TokenSet | undefined> {
    const found = this.#tokens.get(key);
    return found ? { ...found } : undefined;
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    this.#tokens.set(key, { ...tokens });
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }
}
