import { describe, expect, it } from "vitest";
import { createMemoryStores, storeSupport } from "../src/index.js";

const { newDocumentId } = storeSupport;
const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("new audit document ids", () => {
  it("are UUIDs of version 7: the time first, then random, so that ids made one after the other sort together", () => {
    const at = Date.UTC(2026, 11, 5, 9, 30);
    const ids = Array.from({ length: 2000 }, (_, index) => newDocumentId(at + Math.floor(index / 100)));
    for (const id of ids) expect(id).toMatch(uuidV7);
    expect(new Set(ids).size).toBe(ids.length);
    // The first 48 bits are the milliseconds given.
    expect(Number.parseInt(ids[0]?.replace("-", "").slice(0, 12) ?? "", 16)).toBe(at);
    // Sorted by their text, ids of different milliseconds come in time order.
    const byMillisecond = ids.filter((_, index) => index % 100 === 0);
    expect([...byMillisecond].sort()).toEqual(byMillisecond);
  });

  it("are what the memory store gives a document recorded without one, on the store's clock", async () => {
    let now = Date.UTC(2026, 11, 5);
    const { audit } = createMemoryStores({ clock: { now: () => now } });
    const record = () =>
      audit.recordDocument({
        direction: "in",
        type: "850",
        partnerId: "ACME",
        naturalKey: "850:ACME:1",
        status: "received",
      });
    const first = await record();
    now += 1;
    const second = await record();
    expect(first.id).toMatch(uuidV7);
    expect(first.id.startsWith(Date.UTC(2026, 11, 5).toString(16).padStart(12, "0").slice(0, 8))).toBe(true);
    expect(second.id > first.id).toBe(true);
    expect((await record()).id).not.toBe(second.id);
  });
});
