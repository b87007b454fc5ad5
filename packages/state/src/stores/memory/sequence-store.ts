import type { SequenceStore } from "../../ports/sequence-store.js";
import { checkNext, checkStart } from "../support/checks.js";

/** A `SequenceStore` for one process. */
export function createMemorySequenceStore(): SequenceStore {
  const values = new Map<string, number>();
  return {
    async next(name, options = {}) {
      const start = checkStart(options.start);
      const current = values.get(name);
      const value = checkNext(name, current === undefined ? start : current + 1);
      values.set(name, value);
      return value;
    },
    async current(name) {
      return values.get(name);
    },
  };
}
