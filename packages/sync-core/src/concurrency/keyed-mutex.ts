/** Runs tasks one at a time per key (e.g. per PO), in arrival order; different keys run in parallel. */
export class KeyedMutex {
  /** Per key, when its last task is over (settled either way: a tail never rejects). */
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` once the key's earlier tasks are over, at once when there are none (the usual case: one document per
   * PO in flight). Answers the task's own promise: no layer of its own on the way, one promise more for the tail.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    const current = previous === undefined ? start(task) : previous.then(task);
    const tail = current.then(done, done);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
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

function done(): void {}
