/** Proof of holding a lock. Pass it back to `refresh` and `release`. */
export interface LockHandle {
  name: string;
  owner: string;
  /** Unique per acquisition: a handle from an expired acquisition cannot release or refresh a newer holder's lock. */
  token: string;
  expiresAt: Date;
}

export interface AcquireLockOptions {
  /** How long the lock lives without a `refresh`. A crashed holder's lock frees itself after this. */
  ttlMs: number;
  /** Who holds it (instance id, host + pid...), for diagnostics. */
  owner: string;
}

/**
 * Named mutual exclusion with a lease, so that two runs of the same flow never overlap, in one process or across
 * instances sharing the store.
 */
export interface Lock {
  /**
   * Takes the lock when it is free or its lease has expired; `undefined` when someone holds it (the same owner
   * included: a second run in the same instance must not overlap the first either).
   */
  acquire(name: string, options: AcquireLockOptions): Promise<LockHandle | undefined>;
  /** Extends the lease (by `ttlMs`, default the acquire TTL); `undefined` when the handle no longer holds the lock. */
  refresh(handle: LockHandle, ttlMs?: number): Promise<LockHandle | undefined>;
  /** Frees the lock; `false` when the handle no longer held it (expired and taken over). */
  release(handle: LockHandle): Promise<boolean>;
  /** The current holder, or `undefined` when free (an expired lease counts as free). */
  holder(name: string): Promise<{ owner: string; expiresAt: Date } | undefined>;
}
