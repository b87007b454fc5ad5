import { randomUUID } from "node:crypto";
import type { Lock, LockHandle } from "../../ports/lock.js";
import { checkTtl } from "../support/checks.js";
import { type Clock, systemClock } from "../support/clock.js";

/** A `Lock` for one process. */
export function createMemoryLock(options: { clock?: Clock } = {}): Lock {
  const clock = options.clock ?? systemClock;
  const held = new Map<string, { owner: string; token: string; expiresAt: number; ttlMs: number }>();
  const live = (name: string) => {
    const entry = held.get(name);
    if (entry === undefined || entry.expiresAt <= clock.now()) return undefined;
    return entry;
  };
  return {
    async acquire(name, { ttlMs, owner }) {
      const ttl = checkTtl(ttlMs);
      if (live(name) !== undefined) return undefined;
      const entry = { owner, token: randomUUID(), expiresAt: clock.now() + ttl, ttlMs: ttl };
      held.set(name, entry);
      return { name, owner, token: entry.token, expiresAt: new Date(entry.expiresAt) };
    },
    async refresh(handle, ttlMs): Promise<LockHandle | undefined> {
      const entry = live(handle.name);
      if (entry === undefined || entry.token !== handle.token) return undefined;
      const ttl = ttlMs === undefined ? entry.ttlMs : checkTtl(ttlMs);
      entry.expiresAt = clock.now() + ttl;
      entry.ttlMs = ttl;
      return { ...handle, expiresAt: new Date(entry.expiresAt) };
    },
    async release(handle) {
      const entry = live(handle.name);
      if (entry === undefined || entry.token !== handle.token) return false;
      held.delete(handle.name);
      return true;
    },
    async holder(name) {
      const entry = live(name);
      return entry === undefined ? undefined : { owner: entry.owner, expiresAt: new Date(entry.expiresAt) };
    },
  };
}
