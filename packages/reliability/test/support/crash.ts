import type { ConnectorStores } from "@ml-connector/sync-core";

/** Thrown inside a "process" that has crashed: everything it does from then on fails, nothing reaches the stores. */
export class Crash extends Error {
  constructor() {
    super("the process crashed");
  }
}

/**
 * One process's life: it counts the operations it makes on the outside world (stores, mailbox, X3) and dies at
 * operation `crashAt` — before it or, with `after`, once it took effect (the answer is lost). A dead process's calls
 * all throw, so a crashed run cannot write anything more, as with SIGKILL.
 */
export class ProcessLife {
  operations = 0;
  dead = false;
  constructor(
    readonly crashAt: number | undefined,
    readonly after: boolean,
  ) {}

  /** Wraps every method of `target` so that it runs (or not) in this process's life. */
  wrap<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => this.call(() => value.apply(object, args));
      },
    });
  }

  /** A view of the durable stores for this process: its calls die with it (and closing it leaves them open). */
  stores(base: ConnectorStores): ConnectorStores {
    return {
      cursors: this.wrap(base.cursors),
      mappings: this.wrap(base.mappings),
      audit: this.wrap(base.audit),
      tokens: this.wrap(base.tokens),
      locks: this.wrap(base.locks),
      sequences: this.wrap(base.sequences),
      close: async () => {},
    };
  }

  call<R>(operation: () => R): R {
    if (this.dead) throw new Crash();
    this.operations += 1;
    if (this.crashAt !== undefined && this.operations === this.crashAt) {
      this.dead = true;
      if (!this.after) throw new Crash();
      const result = operation();
      if (result instanceof Promise) {
        return result.then(
          () => {
            throw new Crash();
          },
          () => {
            throw new Crash();
          },
        ) as R;
      }
      throw new Crash();
    }
    const result = operation();
    if (result instanceof Promise) {
      // An answer that arrives after the process died is never seen.
      return result.then((value) => {
        if (this.dead) throw new Crash();
        return value;
      }) as R;
    }
    return result;
  }
}
