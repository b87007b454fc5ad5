import { type Clock, systemClock } from "../time/clock.js";
import { MemoryTokenStore, type TokenSet, type TokenStore } from "./token-store.js";

export type TokenObtainReason = "initial" | "expiring" | "invalidated";

export interface TokenCacheOptions {
  /** Names the credential in the TokenStore. */
  key: string;
  store?: TokenStore | undefined;
  /**
   * Gets a new token set: a client_credentials grant, a refresh_token grant with `current.refreshToken`, a fresh JWT...
   * Throws a ConnectorError (kind `auth` when re-pairing is needed).
   */
  obtain: (current: TokenSet | undefined, reason: TokenObtainReason) => Promise<TokenSet>;
  /** Refresh this long before expiry. Default 30 s. */
  refreshBeforeMs?: number | undefined;
  clock?: Clock | undefined;
  /** Told after every new token set is stored (for warnings such as a refresh token close to expiry). */
  onTokens?: ((tokens: TokenSet) => void) | undefined;
}

/**
 * Token caching shared by every client: memory first, then the TokenStore (another process may have refreshed),
 * then one refresh at a time (single flight): concurrent callers wait for the same refresh.
 * A new token set is persisted before it is handed out, which is what rotating refresh tokens require.
 */
export class TokenCache {
  readonly #options: TokenCacheOptions;
  readonly #store: TokenStore;
  readonly #clock: Clock;
  readonly #refreshBeforeMs: number;
  #current: TokenSet | undefined;
  #inflight: Promise<TokenSet> | undefined;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
    this.#store = options.store ?? new MemoryTokenStore();
    this.#clock = options.clock ?? systemClock;
    this.#refreshBeforeMs = options.refreshBeforeMs ?? 30_000;
  }

  /** A valid access token, refreshing when it is missing, invalidated, or within `refreshBeforeMs` of expiry. */
  async getAccessToken(): Promise<string> {
    return this.freshAccessToken() ?? (await this.#refresh()).accessToken;
  }

  /** The access token in memory when it is fresh (getAccessToken would answer it at once), else undefined. */
  freshAccessToken(): string | undefined {
    return this.#isFresh(this.#current) ? this.#current.accessToken : undefined;
  }

  /** Forgets `accessToken` after a 401, unless a newer one already replaced it; the next call obtains a new one. */
  async invalidate(accessToken: string): Promise<void> {
    if (this.#current?.accessToken !== accessToken) return;
    this.#current = { ...this.#current, expiresAt: 0 };
    // Inside `exclusive`: read-then-write must not overwrite a token set another instance has just stored.
    await this.#exclusive(async () => {
      const stored = await this.#store.get(this.#options.key);
      if (stored?.accessToken === accessToken) await this.#store.set(this.#options.key, { ...stored, expiresAt: 0 });
    });
  }

  /** The token set in memory, for diagnostics (`doctor`) and warnings. */
  peek(): TokenSet | undefined {
    return this.#current ? { ...this.#current } : undefined;
  }

  /** Drops the cached and stored tokens (after a revoked refresh token, before re-pairing). */
  async clear(): Promise<void> {
    this.#current = undefined;
    await this.#store.delete(this.#options.key);
  }

  #isFresh(tokens: TokenSet | undefined): tokens is TokenSet {
    return tokens !== undefined && tokens.expiresAt - this.#refreshBeforeMs > this.#clock.now();
  }

  /** Runs `task` alone among the processes sharing the store, when the store can arrange that. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.#store.exclusive ? this.#store.exclusive(this.#options.key, task) : task();
  }

  #refresh(): Promise<TokenSet> {
    // In this process: single flight. Across processes sharing the store: its `exclusive`.
    this.#inflight ??= this.#exclusive(() => this.#obtainAndStore()).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #obtainAndStore(): Promise<TokenSet> {
    // Another process (or an earlier run) may hold a newer token set, including a rotated refresh token.
    const stored = await this.#store.get(this.#options.key);
    if (this.#isFresh(stored) && stored.accessToken !== this.#current?.accessToken) {
      this.#current = stored;
      return stored;
    }
    const latest = stored ?? this.#current;
    const reason: TokenObtainReason =
      latest === undefined ? "initial" : latest.expiresAt === 0 ? "invalidated" : "expiring";
    let next: TokenSet;
    try {
      next = await this.#options.obtain(latest, reason);
    } catch (error) {
      // Refused because another instance spent that refresh token meanwhile (a store without `exclusive`, or a lease
      // that ran out): its rotated token set is in the store, so the pairing is fine.
      const rotated = await this.#store.get(this.#options.key);
      if (rotated?.refreshToken === undefined || rotated.refreshToken === latest?.refreshToken) throw error;
      if (this.#isFresh(rotated)) {
        this.#current = rotated;
        return rotated;
      }
      next = await this.#options.obtain(rotated, reason);
    }
    await this.#store.set(this.#options.key, next);
    this.#current = next;
    this.#options.onTokens?.(next);
    return next;
  }
}
