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
});
