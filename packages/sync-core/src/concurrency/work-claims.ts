import type { Lock, LockHandle } from "@ml-connector/state";
import type { Logger } from "@ml-connector/transport";

/** A unit of work held by this instance: its lease is renewed in the background until `release`. */
export interface WorkClaim {
  readonly name: string;
  /**
   * Renews the lease now and says whether this instance still holds it. Asked right before an external effect, so
   * that an instance whose lease lapsed (a long stall) does not act on work another instance has taken over.
   */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Work claiming across connector instances that share one store (docs/multiple-instances.md): a claim is
 * a `Lock` with a lease, renewed every third of it while the work goes on, so a live instance keeps its work and a
 * dead one's work is free again once its lease expires.
 */
export interface WorkClaims {
  readonly owner: string;
  readonly leaseMs: number;
  /** Takes the claim, or `undefined` when another holder's lease is live. */
  tryClaim(name: string): Promise<WorkClaim | undefined>;
  /** Like `tryClaim`, but waits (polling) up to `waitMs` for the current holder to finish. */
  claim(name: string, waitMs: number, signal?: AbortSignal): Promise<WorkClaim | undefined>;
}

export const defaultClaimLeaseMs = 60_000;

export function createWorkClaims(options: {
  locks: Lock;
  owner: string;
  leaseMs?: number;
  logger: Logger;
}): WorkClaims {
  const { locks, owner, logger } = options;
  const leaseMs = options.leaseMs ?? defaultClaimLeaseMs;

  const tryClaim = async (name: string): Promise<WorkClaim | undefined> => {
    const acquired = await locks.acquire(name, { ttlMs: leaseMs, owner });
    if (!acquired) return undefined;
    let handle: LockHandle | undefined = acquired;
    let renewing: Promise<unknown> = Promise.resolve();
    const renew = async (): Promise<boolean> => {
      if (!handle) return false;
      try {
        handle = await locks.refresh(handle, leaseMs);
      } catch (error) {
        // A store that cannot be reached cannot prove the lease: treat it as lost rather than risk a double effect.
        logger.warn({ claim: name, error: String(error) }, "could not renew a work claim");
        handle = undefined;
      }
      if (!handle) logger.warn({ claim: name }, "work claim lost: its lease expired and may be held elsewhere");
      return handle !== undefined;
    };
    const timer = setInterval(
      () => {
        renewing = renew();
      },
      Math.max(250, Math.floor(leaseMs / 3)),
    );
    timer.unref();
    return {
      name,
      async stillHeld() {
        await renewing;
        return renew();
      },
      async release() {
        clearInterval(timer);
        await renewing;
        const current = handle;
        handle = undefined;
        if (current) await locks.release(current).catch(() => false);
      },
    };
  };

  return {
    owner,
    leaseMs,
    tryClaim,
    async claim(name, waitMs, signal) {
      const deadline = Date.now() + waitMs;
      let delay = 50;
      for (;;) {
        const claim = await tryClaim(name);
        if (claim || Date.now() + delay > deadline || signal?.aborted) return claim;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 1_000);
      }
    },
  };
}
