import { describe, expect, it } from "vitest";
import { Slots } from "../../src/concurrency/slots.js";
import { gated, settle } from "../support/gated-task.js";

describe("Slots", () => {
  it("runs at most its size at once, in arrival order, an urgent task before the ordinary ones waiting", async () => {
    const slots = new Slots(2);
    const started: string[] = [];
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => gated(name, started));
    const urgent = gated("urgent", started);
    const results = [a, b, c, d].map((job) => slots.run(job!.task));
    await settle();
    expect(started).toEqual(["a", "b"]);
    const urgentResult = slots.run(urgent.task, { urgent: true });
    await settle();
    expect(started).toEqual(["a", "b"]);
    a!.open();
    await settle();
    expect(started).toEqual(["a", "b", "urgent"]);
    urgent.open();
    await settle();
    expect(started).toEqual(["a", "b", "urgent", "c"]);
    for (const job of [b, c, d]) job!.open();
    expect(await Promise.all([...results, urgentResult])).toEqual(["a", "b", "c", "d", "urgent"]);
    expect(started).toEqual(["a", "b", "urgent", "c", "d"]);
  });

  it("starts a task at once when a slot is free, without a turn of the queue first", () => {
    const slots = new Slots(1);
    const started: string[] = [];
    void slots.run(async () => void started.push("run"));
    void slots.runEach(["item"], async (item) => void started.push(item));
    // The list waits behind the task, whose slot frees in a later turn.
    expect(started).toEqual(["run"]);
  });

  it("answers a task's failure to its caller and frees its slot", async () => {
    const slots = new Slots(1);
    await expect(
      slots.run(() => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await slots.run(async () => "next")).toBe("next");
    expect(() => new Slots(0)).toThrow(RangeError);
  });

  it("runs a list's items as one queue entry: in order as slots free, behind what came before, urgent tasks first", async () => {
    const slots = new Slots(2);
    const started: string[] = [];
    const jobs = new Map(["a", "p1", "p2", "p3", "q1", "urgent"].map((name) => [name, gated(name, started)]));
    const job = (name: string) => jobs.get(name)!;
    const first = slots.run(job("a").task);
    const page = slots.runEach(["p1", "p2", "p3"], async (name) => void (await job(name).task()));
    const next = slots.runEach(["q1"], async (name) => void (await job(name).task()));
    await settle();
    expect(started).toEqual(["a", "p1"]);
    const urgent = slots.run(job("urgent").task, { urgent: true });
    job("a").open();
    await settle();
    expect(started).toEqual(["a", "p1", "urgent"]);
    job("urgent").open();
    await settle();
    expect(started).toEqual(["a", "p1", "urgent", "p2"]);
    job("p1").open();
    await settle();
    // The rest of the page keeps its place before the next list.
    expect(started).toEqual(["a", "p1", "urgent", "p2", "p3"]);
    job("p2").open();
    job("p3").open();
    await page;
    expect(started).toEqual(["a", "p1", "urgent", "p2", "p3", "q1"]);
    job("q1").open();
    await Promise.all([first, urgent, next]);
    expect(await slots.runEach([], async () => undefined)).toBeUndefined();
  });

  it("settles a list once every item has, with the first failure, and frees each item's slot", async () => {
    const slots = new Slots(1);
    const done: number[] = [];
    const failing = slots.runEach([1, 2, 3], async (item) => {
      if (item === 2) throw new Error(`item ${item}`);
      await settle();
      done.push(item);
    });
    await expect(failing).rejects.toThrow("item 2");
    expect(done).toEqual([1, 3]);
    expect(await slots.run(async () => "next")).toBe("next");
  });
});
