import { describe, expect, it } from "vitest";
import { KeyedMutex } from "../../src/concurrency/keyed-mutex.js";
import { gated, settle } from "../support/gated-task.js";

describe("KeyedMutex", () => {
  it("runs one task at a time per key, in arrival order, and different keys side by side", async () => {
    const mutex = new KeyedMutex();
    const started: string[] = [];
    const [a1, a2, a3, b1] = ["a1", "a2", "a3", "b1"].map((name) => gated(name, started));
    const results = [
      mutex.run("a", a1!.task),
      mutex.run("a", a2!.task),
      mutex.run("a", a3!.task),
      mutex.run("b", b1!.task),
    ];
    await settle();
    expect(started).toEqual(["a1", "b1"]);
    a2!.open(); // opened early: it still waits for a1
    await settle();
    expect(started).toEqual(["a1", "b1"]);
    a1!.open();
    await settle();
    expect(started).toEqual(["a1", "b1", "a2", "a3"]);
    a3!.open();
    b1!.open();
    expect(await Promise.all(results)).toEqual(["a1", "a2", "a3", "b1"]);
  });

  it("answers a task's failure to its caller only, and the key's next task still runs", async () => {
    const mutex = new KeyedMutex();
    const started: string[] = [];
    const failing = gated("fails", started, true);
    const next = gated("next", started);
    const first = mutex.run("k", failing.task);
    const second = mutex.run("k", next.task);
    failing.open();
    await expect(first).rejects.toThrow("fails failed");
    next.open();
    expect(await second).toBe("next");
    expect(started).toEqual(["fails", "next"]);
  });

  it("rejects, not throws, when a task throws before its first await, and the key is free again after", async () => {
    const mutex = new KeyedMutex();
    const throwing = (() => {
      throw new Error("at once");
    }) as unknown as () => Promise<string>;
    const result = mutex.run("k", throwing);
    await expect(result).rejects.toThrow("at once");
    await settle();
    const started: string[] = [];
    const later = gated("later", started);
    const pending = mutex.run("k", later.task);
    // A free key starts its task at once.
    expect(started).toEqual(["later"]);
    later.open();
    expect(await pending).toBe("later");
  });

  it("queues a run of the same key made by a task before its first await behind that task", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let inner: Promise<void> | undefined;
    const outer = mutex.run("k", async () => {
      log.push("outer start");
      inner = mutex.run("k", async () => {
        log.push("inner");
      });
      await settle();
      log.push("outer end");
    });
    await outer;
    await inner;
    expect(log).toEqual(["outer start", "outer end", "inner"]);
  });
});
