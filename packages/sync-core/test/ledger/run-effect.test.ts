import { type Clock, ConnectorError, manualClock } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../../src/index.js";
import {
  changeOrderEffect,
  createOrderEffect,
  readEffect,
  replaceOrderEffect,
  uploadEffect,
} from "../../src/ledger/effects.js";
import { EffectInDoubtError, type InDoubtPolicy, runEffect } from "../../src/ledger/run-effect.js";

const document = { id: "doc-1", naturalKey: "850:ACME:PO1" };
const key = { partnerId: "ACME", po: "PO1" };
const data = { kind: "sales" as const, partyCode: "C001", reference: "PO1" };
const ledgerKey = createOrderEffect.key(key);

/** A memory ledger holding the document the effects are for. */
async function ledger(clock?: Clock) {
  const { audit } = createMemoryStores(clock ? { clock } : {});
  await audit.recordDocument({
    id: document.id,
    direction: "in",
    type: "850",
    partnerId: "ACME",
    naturalKey: document.naturalKey,
    status: "received",
  });
  return audit;
}

/** The ledger, recording in order the names of the methods `recorded` selects as they are taken from it. */
function recordingCalls<T extends object>(audit: T, recorded: (name: string) => boolean) {
  const calls: string[] = [];
  const counted = new Proxy(audit, {
    get(target, property, receiver) {
      if (typeof property === "string" && recorded(property)) calls.push(property);
      return Reflect.get(target, property, receiver);
    },
  });
  return { counted, calls };
}

/** A system with one effect: an order that exists once created, with scripted failures. */
function fakeSystem() {
  const system = {
    orders: [] as string[],
    calls: 0,
    lookups: 0,
    /** Errors thrown by the next calls; `applied: true` means the order is made before the error (a lost answer). */
    failures: [] as { error: unknown; applied: boolean }[],
    lookupFailures: [] as unknown[],
    async call() {
      system.calls += 1;
      const failure = system.failures.shift();
      if (failure && !failure.applied) throw failure.error;
      system.orders.push(`SO${system.orders.length + 1}`);
      if (failure) throw failure.error;
      return { x3Key: system.orders.at(-1) ?? "" };
    },
    async lookup() {
      system.lookups += 1;
      const failure = system.lookupFailures.shift();
      if (failure) throw failure;
      const found = system.orders[0];
      return found ? { x3Key: found } : undefined;
    },
  };
  return system;
}

function create(
  audit: Awaited<ReturnType<typeof ledger>>,
  system: ReturnType<typeof fakeSystem>,
  inDoubt?: InDoubtPolicy,
  newKey?: boolean,
) {
  return runEffect({
    audit,
    effect: createOrderEffect,
    key,
    data,
    document,
    attempt: "x3.create",
    inDoubt,
    newKey,
    lookup: system.lookup,
    call: system.call,
  });
}

describe("runEffect: begin → call → complete/fail → settle by lookup", () => {
  it("calls once, records the result and an attempt, and never calls a done effect again", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    expect(await create(audit, system)).toEqual({ via: "called", result: { x3Key: "SO1" } });
    expect(await create(audit, system)).toEqual({ via: "earlier", result: { x3Key: "SO1" }, documentId: "doc-1" });
    expect(system.calls).toBe(1);
    expect(system.lookups).toBe(0);
    const record = await audit.getEffect(ledgerKey);
    expect(record).toMatchObject({ state: "done", operation: "x3.create-order", attempts: 1 });
    expect(record && readEffect(createOrderEffect, record)?.data).toEqual(data);
    expect((await audit.listAttempts("doc-1")).map((a) => [a.operation, a.outcome])).toEqual([
      ["x3.create", "success"],
    ]);
  });

  it("a new key is begun without reading the ledger first; beginning still finds an entry that exists", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    const { counted, calls: reads } = recordingCalls(audit, (name) => name === "getEffect");
    const once = () => create(counted, system, undefined, true);
    expect(await once()).toEqual({ via: "called", result: { x3Key: "SO1" } });
    expect(reads).toEqual([]);
    // Said wrongly of a key the ledger holds: begin answers that it is done, and nothing is called twice.
    expect(await once()).toEqual({ via: "earlier", result: { x3Key: "SO1" }, documentId: "doc-1" });
    expect(system.calls).toBe(1);
  });

  it("begins an entry in one ledger call, with no read before: a failed entry is read by beginning it", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    const { counted, calls } = recordingCalls(audit, (name) => name.endsWith("Effect"));
    const once = () => create(counted, system);
    expect(await once()).toEqual({ via: "called", result: { x3Key: "SO1" } });
    expect(calls).toEqual(["beginNewEffect", "completeEffect"]);
    // A failed entry is answered as it is by the first call, then begun again (attempts grows once).
    const failedKey = createOrderEffect.key({ partnerId: "ACME", po: "PO3" });
    await audit.beginEffect(failedKey, { operation: "x3.create-order" });
    await audit.failEffect(failedKey, { kind: "server", message: "502" });
    calls.length = 0;
    await runEffect({
      audit: counted,
      effect: createOrderEffect,
      key: { partnerId: "ACME", po: "PO3" },
      data,
      document,
      attempt: "x3.create",
      call: system.call,
    });
    expect(calls).toEqual(["beginNewEffect", "beginEffect", "completeEffect"]);
    expect(await audit.getEffect(failedKey)).toMatchObject({ state: "done", attempts: 2 });
  });

  it("a refused call closes the entry with the error's kind; the retry calls again without looking", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    system.failures.push({
      error: new ConnectorError("bad site", { kind: "validation", status: 422 }),
      applied: false,
    });
    await expect(create(audit, system)).rejects.toThrow("bad site");
    expect(await audit.getEffect(ledgerKey)).toMatchObject({ state: "failed", error: { kind: "validation" } });
    expect(await audit.listInProgress()).toEqual([]);
    expect(await create(audit, system)).toMatchObject({ via: "called" });
    expect(system.lookups).toBe(0);
    expect(system.orders).toEqual(["SO1"]);
  });

  it("a lost answer closes the entry as uncertain; the retry finds the effect by lookup instead of calling again", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    system.failures.push({ error: new ConnectorError("timed out", { kind: "timeout" }), applied: true });
    await expect(create(audit, system)).rejects.toThrow("timed out");
    expect(await audit.getEffect(ledgerKey)).toMatchObject({ state: "failed", error: { kind: "uncertain" } });
    expect(await create(audit, system)).toEqual({ via: "reconciled", result: { x3Key: "SO1" }, documentId: "doc-1" });
    expect(system.calls).toBe(1);
    expect(system.orders).toEqual(["SO1"]);
  });

  it("a non-ConnectorError (a bug, a dropped socket) is uncertain too", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    system.failures.push({ error: new TypeError("socket hang up"), applied: false });
    await expect(create(audit, system)).rejects.toThrow("socket hang up");
    expect(await audit.getEffect(ledgerKey)).toMatchObject({ state: "failed", error: { kind: "uncertain" } });
    expect(await create(audit, system)).toMatchObject({ via: "called" });
    expect(system.lookups).toBe(1);
    expect(system.orders).toEqual(["SO1"]);
  });

  it("an entry left in progress by a crash is settled first: found → done without a call", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    system.orders.push("SO9");
    await audit.beginEffect(ledgerKey, { operation: "x3.create-order", documentId: "doc-0", data });
    expect(await create(audit, system)).toEqual({ via: "reconciled", result: { x3Key: "SO9" }, documentId: "doc-0" });
    expect(system.calls).toBe(0);
  });

  it("an entry left in progress by a crash and not found is done once (the lookup is not repeated)", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    await audit.beginEffect(ledgerKey, { operation: "x3.create-order", documentId: "doc-0", data });
    expect(await create(audit, system)).toEqual({ via: "called", result: { x3Key: "SO1" } });
    expect(system.lookups).toBe(1);
    expect(await audit.getEffect(ledgerKey)).toMatchObject({ state: "done", attempts: 2, documentId: "doc-1" });
  });

  it("a lookup that cannot settle an unfinished entry closes it as unreconciled; the next attempt looks again", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    await audit.beginEffect(ledgerKey, { operation: "x3.create-order", documentId: "doc-0", data });
    system.lookupFailures.push(new ConnectorError("two orders", { kind: "duplicate" }));
    await expect(create(audit, system)).rejects.toThrow("two orders");
    expect(await audit.getEffect(ledgerKey)).toMatchObject({ state: "failed", error: { kind: "unreconciled" } });
    expect(await audit.listInProgress()).toEqual([]);
    system.orders.push("SO7");
    expect(await create(audit, system)).toMatchObject({ via: "reconciled", result: { x3Key: "SO7" } });
    expect(system.calls).toBe(0);
  });

  it("with lookBeforeEveryCall, an effect someone else caused is found, not repeated", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    system.orders.push("SO5");
    const done = await runEffect({
      audit,
      effect: createOrderEffect,
      key,
      data,
      document,
      attempt: "x3.create",
      lookup: system.lookup,
      lookBeforeEveryCall: true,
      call: system.call,
    });
    expect(done).toEqual({ via: "found", result: { x3Key: "SO5" } });
    expect(system.calls).toBe(0);
  });

  it("whatever throws between begin and end (here the guard) closes the entry, and nothing is called", async () => {
    const audit = await ledger();
    const system = fakeSystem();
    const run = runEffect({
      audit,
      effect: createOrderEffect,
      key,
      data,
      document,
      attempt: "x3.create",
      lookup: system.lookup,
      guard: async () => {
        throw new Error("claim lost");
      },
      call: system.call,
    });
    await expect(run).rejects.toThrow("claim lost");
    expect(system.calls).toBe(0);
    expect(await audit.getEffect(ledgerKey)).toMatchObject({ state: "failed", error: { kind: "unknown" } });
  });

  it("a repeatable effect (no lookup) left in progress is simply done again", async () => {
    const audit = await ledger();
    const replaceKey = { ...key, contentSha256: "ab".repeat(32) };
    await audit.beginEffect(replaceOrderEffect.key(replaceKey), { operation: "x3.replace-order", data: {} });
    let calls = 0;
    const done = await runEffect({
      audit,
      effect: replaceOrderEffect,
      key: replaceKey,
      data: { kind: "sales", key: "SO1" },
      document,
      attempt: "x3.replace",
      call: async () => {
        calls += 1;
        return { x3Key: "SO1" };
      },
    });
    expect(done).toEqual({ via: "called", result: { x3Key: "SO1" } });
    expect(calls).toBe(1);
  });

  it("reads stored data and results through the schemas: an unreadable entry is undefined, never cast", async () => {
    const audit = await ledger();
    const k = uploadEffect.key({ flow: "acks-out", documentId: "d" });
    await audit.beginEffect(k, { operation: "sps.upload", data: { fileName: 42 } });
    const record = await audit.getEffect(k);
    expect(record && readEffect(uploadEffect, record)).toBeUndefined();
    expect(record && readEffect(createOrderEffect, record)).toBeUndefined();
    await audit.completeEffect(k, { nothing: true });
    const done = await audit.getEffect(k);
    expect(done && readEffect(uploadEffect, { ...done, data: { fileName: "a.json", test: false } })?.result).toBe(
      undefined,
    );
  });
});

// A call the connector gave up on (a timeout, a crash) may still be applied by the server later: looked for or done
// again too soon, that late copy lands after the redo, or after the next change to the same order, and undoes it.
describe("runEffect: an effect left in doubt waits out its window before it is looked for or done again", () => {
  const WINDOW = 120_000;
  const start = Date.parse("2026-12-01T09:00:00Z");

  it("a timed-out create: nothing is called or looked up within the window; after it, the lookup settles it", async () => {
    const clock = manualClock(start);
    const audit = await ledger(clock);
    const system = fakeSystem();
    const createInWindow = () => create(audit, system, { windowMs: WINDOW, now: clock.now });

    // X3 takes the create but the client gives up first.
    system.failures.push({ error: new ConnectorError("timed out", { kind: "timeout" }), applied: true });
    await expect(createInWindow()).rejects.toMatchObject({ kind: "timeout" });
    clock.advance(WINDOW - 1);
    const waiting = await createInWindow().catch((error: unknown) => error);
    expect(waiting).toBeInstanceOf(EffectInDoubtError);
    expect(waiting).toMatchObject({ retryable: true, details: { reasonCode: "in_doubt" } });
    expect((waiting as EffectInDoubtError).until.getTime()).toBe(start + WINDOW);
    expect([system.calls, system.lookups]).toEqual([1, 0]);

    // Once the window has passed it is found, not made a second time.
    clock.advance(1);
    expect(await createInWindow()).toEqual({ via: "reconciled", result: { x3Key: "SO1" }, documentId: "doc-1" });
    expect([system.calls, system.lookups, system.orders.length]).toEqual([1, 1, 1]);
  });

  it("an entry a crash left in progress: closed as in doubt when found, redone only after the window", async () => {
    const clock = manualClock(start);
    const audit = await ledger(clock);
    const changeKey = { partnerId: "ACME", po: "PO1", contentSha256: "a".repeat(64) };
    const entry = changeOrderEffect.key(changeKey);
    await audit.beginEffect(entry, { operation: changeOrderEffect.operation, documentId: document.id });
    let calls = 0;
    const edit = () =>
      runEffect({
        audit,
        effect: changeOrderEffect,
        key: changeKey,
        data: { kind: "sales", key: "SO1" },
        document,
        attempt: "x3.change",
        inDoubt: { windowMs: WINDOW, now: clock.now },
        call: async () => {
          calls += 1;
          return { x3Key: "SO1" };
        },
      });

    clock.advance(10 * WINDOW); // however long ago it began: the crash may have come just now
    await expect(edit()).rejects.toBeInstanceOf(EffectInDoubtError);
    expect(await audit.getEffect(entry)).toMatchObject({ state: "failed", error: { kind: "unreconciled" } });
    clock.advance(WINDOW / 2);
    await expect(edit()).rejects.toBeInstanceOf(EffectInDoubtError);
    expect(calls).toBe(0);
    clock.advance(WINDOW / 2);
    expect(await edit()).toEqual({ via: "called", result: { x3Key: "SO1" } });
    expect(calls).toBe(1);
  });
});
