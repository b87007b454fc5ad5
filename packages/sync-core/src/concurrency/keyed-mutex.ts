/** Runs tasks one at a time per key (e.g. per PO), in arrival order; different keys run in parallel. */
export class KeyedMutex {
  /** Per key, when its last task is over (settled either way: a tail never rejects). */
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` once the key's earlier tasks are over, at once when there are none (the usual case: one document per
   * PO in flight). Answers the task's own promise: no layer of its own on the way. The key's tail is set before the
   * task starts, so a `run` of the same key from the task's first synchronous steps waits behind it.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    let over!: () => void;
    const tail = new Promise<void>((resolve) => {
      over = resolve;
    });
    this.#tails.set(key, tail);
    const current = previous === undefined ? start(task) : previous.then(task);
    const finish = () => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
      over();
    };
    current.then(finish, finish);
    return current;
  }
}

/** A task that throws before its first await rejects like one that rejects. */
function start<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}
