import type { ConnectorStores } from "../../src/index.js";

/**
 * An instance that can die: after `kill()`, every call it makes through a guarded object (its stores, its X3, its
 * SPS) hangs for ever, as a process stopped by SIGKILL looks to everyone else: its leases stop being renewed, and
 * nothing it had in hand is finished.
 */
export function createKillSwitch() {
  let dead = false;
  const never = new Promise<never>(() => undefined);
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => (dead ? never : value.apply(object, args));
      },
    });
  return {
    guard,
    /** The instance's view of shared stores: the same data, cut off when it dies. */
    stores: (stores: ConnectorStores): ConnectorStores => ({
      ...stores,
      audit: guard(stores.audit),
      locks: guard(stores.locks),
      cursors: guard(stores.cursors),
      sequences: guard(stores.sequences),
      mappings: guard(stores.mappings),
      tokens: guard(stores.tokens),
      close: async () => undefined,
    }),
    kill: () => {
      dead = true;
    },
    get dead() {
      return dead;
    },
  };
}
