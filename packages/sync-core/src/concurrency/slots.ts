/**
 * At most `size` tasks at once, started in arrival order, except that an urgent task goes before every ordinary one
 * still waiting. orders-in starts a file's removal (its outcome durable) as urgent: it takes the next free slot instead
 * of waiting behind the rest of the page, so the file leaves the mailbox soon and its audit line is committed with the
 * next document's writes.
 */
export class Slots {
  readonly #size: number;
  #running = 0;
  readonly #urgent: (() => void)[] = [];
  readonly #ordinary: (() => void)[] = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Slots need a whole size of at least 1, not ${size}`);
    this.#size = size;
  }

  run<T>(task: () => Promise<T>, options: { urgent?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#running += 1;
        // Its caller hears first, then the slot goes to the next task (one continuation for both, not a `finally`).
        begin(task, undefined).then(
          (value) => {
            resolve(value);
            this.#release();
          },
          (error: unknown) => {
            reject(error);
            this.#release();
          },
        );
      };
      (options.urgent ? this.#urgent : this.#ordinary).push(start);
      this.#next();
    });
  }

  /**
   * Runs `task` on each item in order, each in a slot of its own as one comes free, as if each were `run` in turn;
   * settles when every item's task has, rejecting with the first failure. The items wait as one entry in the queue:
   * an item not yet started holds no closure or promise of its own (a page of files waiting for the slots is the
   * page, and what it held for each file outlived the young generation's collections: docs/performance.md, Memory).
   */
  runEach<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let started = 0;
      let settled = 0;
      let failure: { error: unknown } | undefined;
      const over = (error?: { error: unknown }) => {
        failure ??= error;
        settled += 1;
        if (settled === items.length) {
          if (failure) reject(failure.error);
          else resolve();
        }
        this.#release();
      };
      const succeeded = () => over();
      const failed = (error: unknown) => over({ error });
      const start = () => {
        const item = items[started] as T;
        started += 1;
        // The rest of the items keep their place at the head of the ordinary tasks.
        if (started < items.length) this.#ordinary.unshift(start);
        this.#running += 1;
        begin(task, item).then(succeeded, failed);
      };
      this.#ordinary.push(start);
      this.#next();
    });
  }

  #release(): void {
    this.#running -= 1;
    this.#next();
  }

  #next(): void {
    while (this.#running < this.#size) {
      const start = this.#urgent.shift() ?? this.#ordinary.shift();
      if (start === undefined) return;
      start();
    }
  }
}

/**
 * The task's promise, started now: a task that throws before its first await rejects like one that rejects. Called
 * directly rather than from a `Promise.resolve().then(...)`, which cost two promises (and, for a list's item, a
 * closure) per task and a turn of the queue before it began.
 */
function begin<I, T>(task: (item: I) => Promise<T>, item: I): Promise<T> {
  try {
    return task(item);
  } catch (error) {
    return Promise.reject(error);
  }
}
