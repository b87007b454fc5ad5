import { createMemorySequenceStore, type SequenceStore } from "@ml-connector/state";
import { describe, expect, it } from "vitest";
import { createSerialTaker } from "../../src/flows/outbound/asns-out.js";

/** A sequence store whose numbers are handed out only when `commit` is called, as a store that groups commits. */
function committedOnDemand() {
  const inner = createMemorySequenceStore();
  const waiting: (() => void)[] = [];
  let failing: number | undefined;
  const store: SequenceStore = {
    next(name, options) {
      const value = inner.next(name, options);
      const committed = new Promise<void>((resolve) => waiting.push(resolve));
      return Promise.all([value, committed]).then(([taken]) => {
        if (taken === failing) throw new Error("the commit failed");
        return taken;
      });
    },
    current: (name) => inner.current(name),
  };
  return {
    store,
    commit: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
    /** The commit of this number fails (it is undone: in a real store, taken again by the next caller). */
    failCommitOf: (value: number) => {
      failing = value;
    },
  };
}
const settled = async <T>(promise: Promise<T>) => {
  let state: "pending" | "resolved" | "rejected" = "pending";
  promise.then(
    () => {
      state = "resolved";
    },
    () => {
      state = "rejected";
    },
  );
  await new Promise<void>((resolve) => setImmediate(resolve));
  return state;
};

describe("SSCC serials taken one ahead", () => {
  it("hands out serials in order, each committed before the pack that uses it needs it", async () => {
    const sequences = committedOnDemand();
    const take = createSerialTaker(sequences.store);
    const first = take("sscc:0614141");
    // The first serial waits for its commit; the one taken ahead of it is committed with it.
    expect(await settled(first)).toBe("pending");
    expect(await sequences.store.current("sscc:0614141")).toBe(2);
    sequences.commit();
    expect(await first).toBe(1);
    // The next pack's serial was committed already: nothing to wait for.
    const second = take("sscc:0614141");
    expect(await settled(second)).toBe("resolved");
    expect(await second).toBe(2);
    expect(await sequences.store.current("sscc:0614141")).toBe(3);
  });

  it("keeps one serial ahead per sequence", async () => {
    const sequences = committedOnDemand();
    const take = createSerialTaker(sequences.store);
    const numbers = [take("sscc:A"), take("sscc:B"), take("sscc:A")];
    sequences.commit();
    expect(await Promise.all(numbers)).toEqual([1, 1, 2]);
    expect(await sequences.store.current("sscc:A")).toBe(3);
    expect(await sequences.store.current("sscc:B")).toBe(2);
  });

  it("a serial whose commit failed fails the pack that takes it, never an unhandled rejection, and the next is new", async () => {
    const sequences = committedOnDemand();
    const take = createSerialTaker(sequences.store);
    // The serial taken ahead of the first one: its commit fails, and nobody awaits it yet.
    sequences.failCommitOf(2);
    const first = take("sscc:A");
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      sequences.commit();
      expect(await first).toBe(1);
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      await expect(take("sscc:A")).rejects.toThrow("the commit failed");
      const third = take("sscc:A");
      sequences.commit();
      expect(await third).toBe(3);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
