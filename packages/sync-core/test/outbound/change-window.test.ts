import { describe, expect, it } from "vitest";
import { changeWindow, readChangeCursor, readWindowCursor } from "../../src/flows/outbound/change-window.js";
import { setupOutbound } from "./support/setup.js";

const statuses = (document: Record<string, unknown>) =>
  (
    document as { LineItem: { LineItemAcknowledgement: { ItemStatusCode: string; ItemScheduleQty: number }[] }[] }
  ).LineItem.map((item) => item.LineItemAcknowledgement.map((ack) => `${ack.ItemStatusCode}:${ack.ItemScheduleQty}`));

const cursorKey = { flow: "acks-out" as const, source: "memory-x3:SORDER" };
const cursorOf = async (t: ReturnType<typeof setupOutbound>) => readWindowCursor(t.stores.cursors, cursorKey);

describe("outbound change window: [cursor - lookback, runStart - safetyLag)", () => {
  it("defaults to 2 minutes of look-back and 30 seconds of safety lag; both configurable", () => {
    const runStart = new Date("2026-11-28T12:00:00Z");
    const cursor = { since: "2026-11-28T11:00:00.000Z", seen: {} };
    expect(changeWindow(cursor, {}, runStart)).toEqual({
      from: new Date("2026-11-28T10:58:00Z"),
      to: new Date("2026-11-28T11:59:30Z"),
    });
    expect(changeWindow(cursor, { lookbackMs: 300_000, safetyLagMs: 5_000 }, runStart)).toEqual({
      from: new Date("2026-11-28T10:55:00Z"),
      to: new Date("2026-11-28T11:59:55Z"),
    });
    expect(changeWindow(undefined, { startFrom: "2026-11-01T00:00:00Z" }, runStart).from).toEqual(
      new Date("2026-11-01T00:00:00Z"),
    );
    expect(changeWindow(undefined, {}, runStart).from).toEqual(new Date("2026-11-27T12:00:00Z"));
  });

  it("records tying on UPDDATTIM across a page boundary are all handled, then deduplicated on the re-read", async () => {
    const t = setupOutbound();
    const keys = [await t.receive({ po: "6001" }), await t.receive({ po: "6002" }), await t.receive({ po: "6003" })];
    const tie = t.feed.stamp();
    for (const key of keys) t.feed.putOrder({ ...t.salesOrder(key) }, tie);
    t.feed.pageSize = 2;
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 3 });
    expect(t.sink.files.size).toBe(3);
    const cursor = await cursorOf(t);
    expect(cursor?.since).toBe(new Date(tie).toISOString());
    expect(Object.keys(cursor?.seen ?? {}).sort()).toEqual([...keys].sort());

    // The next run re-reads the look-back span: the three are recognised, not handled again.
    const again = await t.connector.runOnce("acks-out");
    expect(again.documents).toBe(0);
    expect(t.sink.uploads).toBe(3);
  });

  it("another version of a record with the same UPDDATTIM, committed after the first was read, is handled", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "6151" });
    const first = t.salesOrder(key, [{ allocated: 10 }, {}]);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    // Written in the same second as the version just read (UPDDATTIM has one-second precision), visible only now.
    t.feed.putOrder(t.salesOrder(key), first.updatedAt);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(statuses(t.sink.json(`in/PR${key}-2-v7.7-BulkImport.json`))).toEqual([["IA:24"], ["IA:12"]]);
    // That version is deduplicated on the next re-read; the cursor holds one entry per key.
    const again = await t.connector.runOnce("acks-out");
    expect(again.documents).toBe(0);
    const cursor = await cursorOf(t);
    expect(Object.keys(cursor?.seen ?? {})).toEqual([key]);
    expect(Object.keys(cursor?.versions ?? {})).toEqual([key]);
  });

  it("a cursor saved before version hashes loads: its records are handled once more, and nothing is sent again", async () => {
    const t = setupOutbound();
    const keys = [await t.receive({ po: "6161" }), await t.receive({ po: "6162" })];
    const stamps = keys.map((key) => t.salesOrder(key).updatedAt);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 2 });
    // As the code before version hashes stored it: key → UPDDATTIM inline, no hashes, no entries.
    const seen = Object.fromEntries(keys.map((key, i) => [key, stamps[i] ?? ""]));
    const legacy = { since: (await cursorOf(t))?.since ?? "", seen };
    await t.stores.cursors.delete(cursorKey);
    await t.stores.cursors.set(cursorKey, legacy, { expectedVersion: 0 });
    expect(readChangeCursor(legacy)).toEqual(legacy);

    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ unchanged: 2 });
    expect(t.sink.uploads).toBe(2);
    expect(Object.keys((await cursorOf(t))?.versions ?? {}).sort()).toEqual([...keys].sort());
    expect((await t.connector.runOnce("acks-out")).documents).toBe(0);
  });

  it("entries older than the look-back span leave the cursor", async () => {
    const t = setupOutbound();
    const old = await t.receive({ po: "6171" });
    t.salesOrder(old);
    await t.connector.runOnce("acks-out");
    t.feed.clock += 5 * 60_000;
    const recent = await t.receive({ po: "6172" });
    t.salesOrder(recent);
    await t.connector.runOnce("acks-out");
    const cursor = await cursorOf(t);
    expect(Object.keys(cursor?.seen ?? {})).toEqual([recent]);
    expect(Object.keys(cursor?.versions ?? {})).toEqual([recent]);
  });

  it("a record committed late with an earlier UPDDATTIM (inside the look-back) is still picked up", async () => {
    const t = setupOutbound();
    const late = await t.receive({ po: "6101" });
    const first = await t.receive({ po: "6102" });
    const early = t.feed.stamp();
    t.feed.clock += 30_000;
    t.salesOrder(first);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    // Stamped before the cursor, visible only now (a long X3 transaction).
    t.feed.putOrder({ ...t.salesOrder(late) }, early);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(t.sink.files.size).toBe(2);
  });

  it("the cursor never passes a record whose upload failed; the next run sends it and only it", async () => {
    const t = setupOutbound();
    const a = await t.receive({ po: "6201" });
    const b = await t.receive({ po: "6202" });
    const stampA = t.salesOrder(a).updatedAt;
    t.salesOrder(b);
    t.sink.failNext = 1;
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ failed: 1, posted: 1 });
    const cursor = await cursorOf(t);
    expect(Date.parse(cursor?.since ?? "")).toBeLessThanOrEqual(Date.parse(stampA));
    const doc = (await t.stores.audit.findDocuments({ x3Key: a, type: "855" })).items[0];
    expect(doc?.status).toBe("failed");

    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect(t.sink.files.size).toBe(2);
    expect((await t.stores.audit.getDocument(doc?.id ?? ""))?.status).toBe("posted");
    expect((await t.connector.runOnce("acks-out")).documents).toBe(0);
  });

  it("X3 unreachable: the run fails and the cursor stays where it was", async () => {
    const t = setupOutbound();
    t.salesOrder(await t.receive({ po: "6301" }));
    await t.connector.runOnce("acks-out");
    const before = await t.stores.cursors.get({ flow: "acks-out", source: "memory-x3:SORDER" });
    t.salesOrder(await t.receive({ po: "6302" }));
    t.feed.failQueries = 1;
    const failed = await t.connector.runOnce("acks-out");
    expect(failed.error?.message).toMatch(/X3 unavailable/);
    expect(await t.stores.cursors.get({ flow: "acks-out", source: "memory-x3:SORDER" })).toEqual(before);
    expect((await t.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
  });

  it("X3's clock 2 minutes ahead: records wait until they leave the safety lag, then go; 2 minutes behind: no loss", async () => {
    const ahead = setupOutbound({ skewMs: -3 * 60_000 });
    ahead.salesOrder(await ahead.receive({ po: "6401" }));
    expect((await ahead.connector.runOnce("acks-out")).documents).toBe(0);
    ahead.clock.offsetMs += 3 * 60_000;
    expect((await ahead.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });

    const behind = setupOutbound({ skewMs: 2 * 60_000 });
    behind.salesOrder(await behind.receive({ po: "6402" }));
    expect((await behind.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    behind.feed.clock -= 2 * 60_000;
    behind.salesOrder(await behind.receive({ po: "6403" }));
    expect((await behind.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
  });

  it("a crash after the upload and before the ledger write: the restart uploads the same file again, one file in in/", async () => {
    const t = setupOutbound();
    const key = await t.receive({ po: "6501" });
    t.salesOrder(key);
    t.sink.afterUpload = () => {
      t.sink.afterUpload = undefined;
      t.crash.crash();
    };
    const crashed = await t.connector.runOnce("acks-out");
    expect(crashed.outcomes).toEqual({ failed: 1 });
    expect(t.sink.files.size).toBe(1);

    t.crash.restart();
    const restarted = t.make();
    expect((await restarted.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    expect([...t.sink.files.keys()]).toEqual([`in/PR${key}-1-v7.7-BulkImport.json`]);
    expect(t.sink.uploads).toBe(2);
    const docs = (await t.stores.audit.findDocuments({ type: "855" })).items;
    expect(docs).toHaveLength(1);
    expect(docs[0]?.status).toBe("posted");
    expect(await t.stores.audit.listInProgress()).toHaveLength(0);
  });
});
