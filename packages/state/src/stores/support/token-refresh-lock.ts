import { hostname } from "node:os";
import { ConnectorError } from "../../ports/errors.js";
import type { Lock } from "../../ports/lock.js";
import type { TokenStore } from "../../ports/token-store.js";

export interface TokenRefreshLockOptions {
  /** Who holds the lock, for diagnostics. Default: host name and process id. */
  owner?: string | undefined;
  /** The lease: a holder that crashed mid-refresh frees the lock after this. Default 2 minutes. */
  ttlMs?: number | undefined;
  /** How long a waiter waits for the holder before failing (retryable). Default twice the lease. */
  waitMs?: number | undefined;
  /** How a waiter pauses between attempts (tests inject one). */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The lock name that serialises refreshes of one credential. */
export function tokenRefreshLockName(key: string): string {
  return `token-refresh:${key}`;
}

/**
 * `tokens` with `exclusive`: a refresh runs while holding `locks`' lease on `token-refresh:{key}`, so that instances
 * sharing the store refresh one at a time and the later ones find the rotated token set instead of spending the used
 * refresh token again. Every store adapter wraps its TokenStore with this and its own Lock.
 */
export function withTokenRefreshLock(
  tokens: TokenStore,
  locks: Lock,
  options: TokenRefreshLockOptions = {},
): TokenStore {
  const owner = options.owner ?? `${hostname()}-${process.pid}`;
  const ttlMs = options.ttlMs ?? 120_000;
  const waitMs = options.waitMs ?? 2 * ttlMs;
  const sleep = options.sleep ?? defaultSleep;
  return {
    get: (key) => tokens.get(key),
    set: (key, value) => tokens.set(key, value),
    delete: (key) => tokens.delete(key),
    async exclusive(key, task) {
      const name = tokenRefreshLockName(key);
      let waited = 0;
      let pause = 10;
      for (;;) {
        const handle = await locks.acquire(name, { ttlMs, owner });
        if (handle !== undefined) {
          try {
            return await task();
          } finally {
            await locks.release(handle);
          }
        }
        if (waited >= waitMs) {
          const holder = await locks.holder(name);
          throw new ConnectorError(
            `Another instance${holder ? ` (${holder.owner})` : ""} is still refreshing the ${key} token; try again.`,
            { kind: "conflict", retryable: true, details: { lock: name, owner: holder?.owner } },
          );
        }
        await sleep(pause);
        waited += pause;
        pause = Math.min(pause * 2, 250);
      }
    },
  };
}
