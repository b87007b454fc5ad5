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
        // A task that throws before its first await rejects like one that rejects. Its caller hears first, then the
        // slot goes to the next task (one continuation for both, not a `finally` of its own).
        Promise.resolve()
          .then(task)
          .then(
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

  #release(): void {
    this.#running -= 1;
    this.#next();
  }

  #next(): void {
    if (this.#running >= this.#size) return;
    (this.#urgent.shift() ?? this.#ordinary.shift())?.();
  }
}
