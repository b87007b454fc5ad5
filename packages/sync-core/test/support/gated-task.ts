/**
 * A task that records its name in `started` when it starts and ends when the test opens its gate: resolving with its
 * name, or rejecting when `fail` is set. For tests of the order in which a limiter or a lock starts tasks.
 */
export function gated(name: string, started: string[], fail = false) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    task: async () => {
      started.push(name);
      await gate;
      if (fail) throw new Error(`${name} failed`);
      return name;
    },
    open: () => open(),
  };
}

/** Lets every pending promise continuation run (one turn of the event loop). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
