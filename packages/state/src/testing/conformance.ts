import { createHash, randomBytes } from "node:crypto";
import { type Clock, type ManualClock, manualClock } from "@ml-connector/transport";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditDocument, AuditLink, LinkRef } from "../ports/audit-store.js";
import type { ConnectorStores } from "../ports/stores.js";
import { readOrderOneByOne } from "../stores/support/item-lookup.js";
import { receivedOrder, settleCreatedOrder } from "./fixtures.js";

/**
 * What the suite passes to the factory: a clock the stores must use instead of the system's. It starts at the real
 * time and moves only when a test advances it, so lease and ordering tests never depend on how fast the machine runs.
 */
export interface StoreConformanceContext {
  clock: Clock;
}

/** Opens a store over one persistent location (a file, a schema); each call opens it again. */
export interface PersistentStoresOpener {
  open(): Promise<ConnectorStores>;
}

export interface StoreConformanceOptions {
  /**
   * For adapters that persist: creates a fresh location and returns how to open it, so the suite can close the
   * stores, open them again and check that nothing was lost. Omit for in-memory adapters.
   */
  persistent?: (context: StoreConformanceContext) => Promise<PersistentStoresOpener>;
}

const withKind = (kind: string) => expect.objectContaining({ kind });

const doc = receivedOrder;

/**
 * Registers the behaviour every `ConnectorStores` adapter must have as vitest `describe`/`it` blocks. Call it at the
 * top level of a test file with a factory that returns fresh, empty stores each time, using the clock it is given:
 *
 * ```ts
 * import { runStoreConformanceSuite } from "@ml-connector/state/testing";
 * runStoreConformanceSuite("my store", async ({ clock }) => createMyStores({ clock }));
 * ```
 */
export function runStoreConformanceSuite(
  name: string,
  factory: (context: StoreConformanceContext) => Promise<ConnectorStores>,
  options: StoreConformanceOptions = {},
): void {
  describe(`${name}: store conformance`, () => {
    let stores: ConnectorStores;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      stores = await factory({ clock });
    });
    afterEach(async () => {
      await stores.close();
    });

    describe("CursorStore", () => {
      const key = { flow: "orders-in", source: "sps:out/" };

      it("returns undefined for a cursor never saved", async () => {
        expect(await stores.cursors.get(key)).toBeUndefined();
      });

      it("round-trips a JSON value and counts versions", async () => {
        const value = { listing: "abc==", boundary: { at: "2026-01-01T00:00:00Z", keys: ["SO1", "SO2"] }, n: 3 };
        const first = await stores.cursors.set(key, value);
        expect(first).toMatchObject({ ...key, value, version: 1 });
        expect(first.updatedAt).toBeInstanceOf(Date);
        const second = await stores.cursors.set(key, "next");
        expect(second.version).toBe(2);
        expect(await stores.cursors.get(key)).toMatchObject({ ...key, value: "next", version: 2 });
        value.n = 4;
        await stores.cursors.set({ flow: "acks-out", source: "x3:SORDER" }, value);
        expect((await stores.cursors.get({ flow: "acks-out", source: "x3:SORDER" }))?.value).toEqual(value);
      });

      it("keeps cursors of different flows and sources apart, lists and deletes them", async () => {
        await stores.cursors.set(key, 1);
        await stores.cursors.set({ flow: "orders-in", source: "sps:testout/" }, 2);
        await stores.cursors.set({ flow: "acks-out", source: "x3:SORDER" }, 3);
        expect((await stores.cursors.list()).map((c) => [c.flow, c.source, c.value])).toEqual([
          ["acks-out", "x3:SORDER", 3],
          ["orders-in", "sps:out/", 1],
          ["orders-in", "sps:testout/", 2],
        ]);
        expect((await stores.cursors.list("orders-in")).map((c) => c.value)).toEqual([1, 2]);
        await stores.cursors.delete(key);
        expect(await stores.cursors.get(key)).toBeUndefined();
        await stores.cursors.delete(key);
        expect(await stores.cursors.list()).toHaveLength(2);
      });

      it("compare-and-set refuses a stale version and leaves the cursor unchanged", async () => {
        await expect(stores.cursors.set(key, "a", { expectedVersion: 1 })).rejects.toEqual(withKind("conflict"));
        expect(await stores.cursors.get(key)).toBeUndefined();
        await stores.cursors.set(key, "a", { expectedVersion: 0 });
        await expect(stores.cursors.set(key, "b", { expectedVersion: 0 })).rejects.toEqual(withKind("conflict"));
        await stores.cursors.set(key, "b", { expectedVersion: 1 });
        await expect(stores.cursors.set(key, "c", { expectedVersion: 1 })).rejects.toEqual(withKind("conflict"));
        expect(await stores.cursors.get(key)).toMatchObject({ value: "b", version: 2 });
      });

      it("lets exactly one of concurrent compare-and-set writers win", async () => {
        await stores.cursors.set(key, "start");
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => stores.cursors.set(key, `writer-${i}`, { expectedVersion: 1 })),
        );
        const winners = results.filter((r) => r.status === "fulfilled");
        expect(winners).toHaveLength(1);
        const stored = await stores.cursors.get(key);
        expect(stored?.version).toBe(2);
        expect(winners[0]?.status === "fulfilled" ? winners[0].value.value : undefined).toBe(stored?.value);
      });

      it("keeps entries beside a cursor, changed with it: drops first, then puts; apart per cursor", async () => {
        const other = { flow: "acks-out", source: "x3:SORDER" };
        expect(await stores.cursors.entries(key)).toEqual(new Map());
        const first = await stores.cursors.set(key, "a", {
          expectedVersion: 0,
          entries: {
            put: [
              ["K1", "one"],
              ["K2", "two"],
              ["K 3", "three and a space"],
            ],
          },
        });
        await stores.cursors.set(other, "x", { entries: { put: [["K1", "other"]] } });
        expect(first.value).toBe("a");
        await stores.cursors.set(key, "b", {
          expectedVersion: 1,
          entries: {
            drop: ["K1", "absent"],
            put: [
              ["K2", "two again"],
              ["K4", "four"],
            ],
          },
        });
        // A save without entry changes leaves them as they are.
        await stores.cursors.set(key, "c", { expectedVersion: 2 });
        // An entry put twice in one save keeps the last value.
        await stores.cursors.set(key, "d", {
          expectedVersion: 3,
          entries: {
            drop: ["K4"],
            put: [
              ["K4", "first"],
              ["K4", "back"],
            ],
          },
        });
        expect(Object.fromEntries(await stores.cursors.entries(key))).toEqual({
          K2: "two again",
          "K 3": "three and a space",
          K4: "back",
        });
        expect(await stores.cursors.entries(other)).toEqual(new Map([["K1", "other"]]));
        // The entries are the cursor's own: the caller's map is a copy.
        (await stores.cursors.entries(key)).clear();
        expect((await stores.cursors.entries(key)).size).toBe(3);
        expect((await stores.cursors.list()).map((c) => c.value)).toEqual(["x", "d"]);
      });

      it("a refused compare-and-set changes no entry; deleting a cursor deletes its entries", async () => {
        await stores.cursors.set(key, "a", { entries: { put: [["K1", "one"]] } });
        await expect(
          stores.cursors.set(key, "b", { expectedVersion: 5, entries: { drop: ["K1"], put: [["K2", "two"]] } }),
        ).rejects.toEqual(withKind("conflict"));
        expect(await stores.cursors.entries(key)).toEqual(new Map([["K1", "one"]]));
        expect(await stores.cursors.get(key)).toMatchObject({ value: "a", version: 1 });
        await stores.cursors.delete(key);
        expect(await stores.cursors.entries(key)).toEqual(new Map());
        await stores.cursors.set(key, "again", { expectedVersion: 0 });
        expect(await stores.cursors.entries(key)).toEqual(new Map());
      });
    });

    describe("TokenStore", () => {
      it("round-trips every field, overwrites, keeps keys apart and deletes", async () => {
        const tokens = {
          accessToken: "access-1",
          expiresAt: 1_790_000_000_000,
          refreshToken: "refresh-1",
          refreshTokenExpiresAt: 1_792_000_000_000,
          tokenType: "Bearer",
          scope: "openid offline_access",
        };
        expect(await stores.tokens.get("sps:client")).toBeUndefined();
        await stores.tokens.set("sps:client", tokens);
        await stores.tokens.set("x3:cloud", { accessToken: "x3-access", expiresAt: 1 });
        expect(await stores.tokens.get("sps:client")).toEqual(tokens);
        expect(await stores.tokens.get("x3:cloud")).toEqual({ accessToken: "x3-access", expiresAt: 1 });
        await stores.tokens.set("sps:client", { accessToken: "access-2", expiresAt: 2, refreshToken: "refresh-2" });
        expect(await stores.tokens.get("sps:client")).toEqual({
          accessToken: "access-2",
          expiresAt: 2,
          refreshToken: "refresh-2",
        });
        await stores.tokens.delete("sps:client");
        expect(await stores.tokens.get("sps:client")).toBeUndefined();
        expect(await stores.tokens.get("x3:cloud")).toBeDefined();
      });

      it("keeps tokens out of the audit trail", async () => {
        await stores.tokens.set("sps:client", { accessToken: "secret-access-token", expiresAt: 5 });
        const page = await stores.audit.findDocuments({});
        expect(JSON.stringify(page)).not.toContain("secret-access-token");
        expect(await stores.audit.listInProgress()).toEqual([]);
      });
    });

    describe("Lock", () => {
      it("is exclusive until released, even for the same owner", async () => {
        const handle = await stores.locks.acquire("flow:orders-in", { ttlMs: 60_000, owner: "a" });
        expect(handle).toMatchObject({ name: "flow:orders-in", owner: "a" });
        expect(handle?.expiresAt.getTime()).toBe(clock.now() + 60_000);
        expect(await stores.locks.acquire("flow:orders-in", { ttlMs: 60_000, owner: "b" })).toBeUndefined();
        expect(await stores.locks.acquire("flow:orders-in", { ttlMs: 60_000, owner: "a" })).toBeUndefined();
        expect(await stores.locks.holder("flow:orders-in")).toMatchObject({ owner: "a" });
        expect(await stores.locks.acquire("flow:acks-out", { ttlMs: 60_000, owner: "b" })).toBeDefined();
        expect(await stores.locks.release(handle!)).toBe(true);
        expect(await stores.locks.release(handle!)).toBe(false);
        expect(await stores.locks.holder("flow:orders-in")).toBeUndefined();
        expect(await stores.locks.acquire("flow:orders-in", { ttlMs: 60_000, owner: "b" })).toMatchObject({
          owner: "b",
        });
      });

      it("gives the lock to exactly one of concurrent acquirers", async () => {
        const handles = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            stores.locks.acquire("flow:orders-in", { ttlMs: 60_000, owner: `o${i}` }),
          ),
        );
        expect(handles.filter((h) => h !== undefined)).toHaveLength(1);
      });

      it("expires after its TTL; the stale handle can neither refresh nor release the new holder's lock", async () => {
        const stale = await stores.locks.acquire("flow:orders-in", { ttlMs: 50, owner: "crashed" });
        expect(stale).toBeDefined();
        clock.advance(120);
        expect(await stores.locks.holder("flow:orders-in")).toBeUndefined();
        const fresh = await stores.locks.acquire("flow:orders-in", { ttlMs: 60_000, owner: "next" });
        expect(fresh).toBeDefined();
        expect(await stores.locks.refresh(stale!)).toBeUndefined();
        expect(await stores.locks.release(stale!)).toBe(false);
        expect(await stores.locks.holder("flow:orders-in")).toMatchObject({ owner: "next" });
      });

      it("refresh extends the lease", async () => {
        const handle = await stores.locks.acquire("flow:orders-in", { ttlMs: 1_000, owner: "a" });
        clock.advance(300);
        const refreshed = await stores.locks.refresh(handle!, 2_000);
        expect(refreshed?.expiresAt.getTime()).toBe(clock.now() + 2_000);
        clock.advance(900);
        // Past the first lease's end: only the refresh keeps the lock held.
        expect(await stores.locks.acquire("flow:orders-in", { ttlMs: 1_000, owner: "b" })).toBeUndefined();
        expect(await stores.locks.holder("flow:orders-in")).toMatchObject({ owner: "a" });
        expect(await stores.locks.release(refreshed!)).toBe(true);
      });

      it("refuses a TTL that is not positive", async () => {
        await expect(stores.locks.acquire("x", { ttlMs: 0, owner: "a" })).rejects.toEqual(withKind("validation"));
      });
    });

    describe("SequenceStore", () => {
      it("counts up from 1 (or start), per name", async () => {
        expect(await stores.sequences.current("sscc")).toBeUndefined();
        expect(await stores.sequences.next("sscc")).toBe(1);
        expect(await stores.sequences.next("sscc")).toBe(2);
        expect(await stores.sequences.next("other", { start: 1000 })).toBe(1000);
        expect(await stores.sequences.next("other", { start: 5 })).toBe(1001);
        expect(await stores.sequences.current("sscc")).toBe(2);
        expect(await stores.sequences.current("other")).toBe(1001);
      });

      it("never hands out a number twice under concurrency", async () => {
        const numbers = await Promise.all(Array.from({ length: 200 }, () => stores.sequences.next("sscc")));
        expect(new Set(numbers).size).toBe(200);
        expect(Math.min(...numbers)).toBe(1);
        expect(Math.max(...numbers)).toBe(200);
        expect(await stores.sequences.next("sscc")).toBe(201);
      });

      it("refuses a bad start", async () => {
        await expect(stores.sequences.next("x", { start: -1 })).rejects.toEqual(withKind("validation"));
        await expect(stores.sequences.next("x", { start: 1.5 })).rejects.toEqual(withKind("validation"));
      });
    });

    describe("AuditStore documents", () => {
      it("records, reads back and updates a document", async () => {
        const created = await stores.audit.recordDocument(
          doc({
            fileName: "PO1-v7.7-BulkImport.json",
            purposeCode: "00",
            flow: "orders-in",
            metadata: { model: "BulkImport" },
          }),
        );
        expect(created).toMatchObject({
          direction: "in",
          type: "850",
          partnerId: "ACME",
          naturalKey: "850:ACME:PO1",
          poNumber: "PO1",
          revision: 0,
          purposeCode: "00",
          status: "received",
          reasons: [],
          fileName: "PO1-v7.7-BulkImport.json",
          flow: "orders-in",
          metadata: { model: "BulkImport" },
        });
        expect(typeof created.id).toBe("string");
        expect(created.createdAt).toBeInstanceOf(Date);
        expect(await stores.audit.getDocument(created.id)).toEqual(created);

        const reasons = [
          { path: "$.LineItem[0].OrderLine.VendorPartNumber", code: "unmapped-item", message: "no ITMREF" },
        ];
        const rejected = await stores.audit.updateDocument(created.id, { status: "rejected", reasons });
        expect(rejected).toMatchObject({ status: "rejected", reasons, seq: created.seq });
        expect(rejected.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
        const done = await stores.audit.updateDocument(created.id, { status: "created", reasons: [], x3Key: "SO0001" });
        expect(await stores.audit.getDocument(created.id)).toEqual(done);
        expect(done).toMatchObject({
          status: "created",
          reasons: [],
          x3Key: "SO0001",
          fileName: "PO1-v7.7-BulkImport.json",
        });
      });

      it("keeps at most 100 reasons, each bounded, and counts the rest (450,000 bad lines store ~100 KB, not 100 MB)", async () => {
        const many = Array.from({ length: 450_000 }, (_, i) => ({
          path: `LineItem[${i}].Bad`,
          code: "unrecognized_key",
          message: "Unknown field",
        }));
        const created = await stores.audit.recordDocument(doc({ reasons: many }));
        const huge = [{ path: "P".repeat(100_000), code: "x", message: "M".repeat(1_000_000) }];
        for (const document of [created, await stores.audit.getDocument(created.id)]) {
          expect(document?.reasons).toHaveLength(101);
          expect(document?.reasons[99]).toEqual(many[99]);
          expect(document?.reasons[100]).toMatchObject({ path: "", code: "too_many_reasons" });
          expect(document?.reasons[100]?.message).toMatch(/^449,900 more reason/);
        }
        const updated = await stores.audit.updateDocument(created.id, { status: "rejected", reasons: huge });
        for (const document of [updated, await stores.audit.getDocument(created.id)]) {
          expect(document?.reasons).toHaveLength(1);
          expect(JSON.stringify(document?.reasons).length).toBeLessThan(5000);
          expect(document?.reasons[0]?.message).toMatch(/characters cut\)$/);
        }
      });

      it("takes the caller's id, refuses a duplicate id and an unknown one", async () => {
        await stores.audit.recordDocument(doc({ id: "doc-1" }));
        await expect(stores.audit.recordDocument(doc({ id: "doc-1" }))).rejects.toEqual(withKind("conflict"));
        await expect(stores.audit.updateDocument("nope", { status: "failed" })).rejects.toEqual(withKind("not-found"));
        expect(await stores.audit.getDocument("nope")).toBeUndefined();
      });

      it("refuses documents that are not well formed", async () => {
        await expect(stores.audit.recordDocument(doc({ status: "done" as "created" }))).rejects.toEqual(
          withKind("validation"),
        );
        await expect(stores.audit.recordDocument(doc({ type: "940" as "850" }))).rejects.toEqual(
          withKind("validation"),
        );
        await expect(stores.audit.recordDocument(doc({ naturalKey: "" }))).rejects.toEqual(withKind("validation"));
        await expect(stores.audit.recordDocument(doc({ revision: 1.5 }))).rejects.toEqual(withKind("validation"));
        expect((await stores.audit.findDocuments()).items).toEqual([]);
        const d = await stores.audit.recordDocument(doc());
        await expect(stores.audit.updateDocument(d.id, { status: "gone" as "failed" })).rejects.toEqual(
          withKind("validation"),
        );
        expect((await stores.audit.getDocument(d.id))?.status).toBe("received");
      });

      it("keeps parked documents (with or without bytes), finds and counts them by status", async () => {
        const unread = await stores.audit.recordDocument(
          doc({ status: "parked", naturalKey: "file:PO#1.json", fileName: "PO#1.json" }),
        );
        const reasons = [{ path: "", code: "not_an_order", message: "an 860: left in the mailbox" }];
        const read = await stores.audit.recordDocument(
          doc({ type: "860", naturalKey: "file:PC1.json", fileName: "PC1.json", payload: new Uint8Array([123, 125]) }),
        );
        await stores.audit.updateDocument(read.id, { status: "parked", reasons });
        await stores.audit.recordDocument(doc());
        const parked = await stores.audit.findDocuments({ status: "parked", order: "asc" });
        expect(parked.items.map((item) => [item.id, item.status, item.payloadSha256 === undefined])).toEqual([
          [unread.id, "parked", true],
          [read.id, "parked", false],
        ]);
        expect((await stores.audit.getDocument(read.id))?.reasons).toEqual(reasons);
        const both = await stores.audit.findDocuments({ status: ["parked", "received"] });
        expect(both.items).toHaveLength(3);
      });

      it("assigns increasing seq numbers", async () => {
        const a = await stores.audit.recordDocument(doc());
        const b = await stores.audit.recordDocument(doc());
        expect(b.seq).toBeGreaterThan(a.seq);
      });

      it("keeps raw payload bytes byte-identical and hashes them", async () => {
        const bom = Uint8Array.from([
          0xef,
          0xbb,
          0xbf,
          ...Buffer.from('{"Header":{"é":"\u0000"}}', "utf8"),
          0x00,
          0xff,
        ]);
        const big = new Uint8Array(randomBytes(1024 * 1024 + 7));
        for (const payload of [bom, big, new Uint8Array(0)]) {
          const input = new Uint8Array(payload);
          const created = await stores.audit.recordDocument(doc({ payload: input }));
          input.fill(1);
          expect(created.payloadSha256).toBe(createHash("sha256").update(payload).digest("hex"));
          expect(created.payloadSize).toBe(payload.byteLength);
          const back = await stores.audit.getPayload(created.id);
          expect(back).toBeInstanceOf(Uint8Array);
          expect(Buffer.from(back!).equals(Buffer.from(payload))).toBe(true);
          back!.fill(2);
          expect(Buffer.from((await stores.audit.getPayload(created.id))!).equals(Buffer.from(payload))).toBe(true);
        }
      });

      it("stores a payload later and replaces it", async () => {
        const created = await stores.audit.recordDocument(
          doc({ direction: "out", type: "855", naturalKey: "855:SO1" }),
        );
        expect(created.payloadSha256).toBeUndefined();
        expect(await stores.audit.getPayload(created.id)).toBeUndefined();
        const first = Buffer.from("<Orders/>");
        const withPayload = await stores.audit.putPayload(created.id, first);
        expect(withPayload.payloadSha256).toBe(createHash("sha256").update(first).digest("hex"));
        const second = Buffer.from("<OrderAcks/>");
        await stores.audit.putPayload(created.id, second);
        expect(Buffer.from((await stores.audit.getPayload(created.id))!).toString()).toBe("<OrderAcks/>");
        expect((await stores.audit.getDocument(created.id))?.payloadSize).toBe(second.byteLength);
        await expect(stores.audit.putPayload("nope", first)).rejects.toEqual(withKind("not-found"));
      });

      it("finds documents by status, partner, PO, type, direction, natural key, X3 key and time range", async () => {
        const t0 = Date.UTC(2026, 0, 1);
        const at = (minutes: number) => new Date(t0 + minutes * 60_000);
        await stores.audit.recordDocument(doc({ id: "a", createdAt: at(0) }));
        await stores.audit.recordDocument(
          doc({
            id: "b",
            partnerId: "BIGBOX",
            naturalKey: "850:BIGBOX:PO9",
            poNumber: "PO9",
            status: "rejected",
            createdAt: at(10),
          }),
        );
        await stores.audit.recordDocument(doc({ id: "c", status: "created", x3Key: "SO1", createdAt: at(20) }));
        await stores.audit.recordDocument(
          doc({ id: "d", direction: "out", type: "855", naturalKey: "855:SO1", status: "posted", createdAt: at(30) }),
        );
        await stores.audit.recordDocument(
          doc({
            id: "e",
            partnerId: "BIGBOX",
            poNumber: "PO9",
            naturalKey: "850:BIGBOX:PO9",
            status: "failed",
            createdAt: at(40),
          }),
        );
        const ids = async (query: Parameters<typeof stores.audit.findDocuments>[0]) =>
          (await stores.audit.findDocuments(query)).items.map((d) => d.id);

        expect(await ids({})).toEqual(["e", "d", "c", "b", "a"]);
        expect(await ids({ order: "asc" })).toEqual(["a", "b", "c", "d", "e"]);
        expect(await ids({ status: "rejected" })).toEqual(["b"]);
        expect(await ids({ status: ["rejected", "failed"] })).toEqual(["e", "b"]);
        expect(await ids({ partnerId: "BIGBOX" })).toEqual(["e", "b"]);
        expect(await ids({ poNumber: "PO1" })).toEqual(["d", "c", "a"]);
        expect(await ids({ type: "855" })).toEqual(["d"]);
        expect(await ids({ type: ["850", "855"], direction: "out" })).toEqual(["d"]);
        expect(await ids({ direction: "in", partnerId: "ACME" })).toEqual(["c", "a"]);
        expect(await ids({ naturalKey: "850:BIGBOX:PO9" })).toEqual(["e", "b"]);
        expect(await ids({ x3Key: "SO1" })).toEqual(["c"]);
        expect(await ids({ from: at(10), to: at(30) })).toEqual(["c", "b"]);
        expect(await ids({ from: at(35) })).toEqual(["e"]);
        expect(await ids({ partnerId: "NOBODY" })).toEqual([]);
        // A PO number set later (an 850 whose PO was read after it was recorded) is found under it, not the old one.
        await stores.audit.updateDocument("c", { poNumber: "PO7" });
        expect(await ids({ poNumber: "PO7" })).toEqual(["c"]);
        expect(await ids({ poNumber: "PO1" })).toEqual(["d", "a"]);
        expect(await ids({ poNumber: "PO1", order: "asc" })).toEqual(["a", "d"]);
      });

      it("finds a document by the PO number and file name an update gave it, and no longer by the old ones", async () => {
        await stores.audit.recordDocument(doc({ id: "x", poNumber: "PO1", fileName: "old.xml" }));
        await stores.audit.recordDocument(doc({ id: "y", poNumber: undefined, naturalKey: "850:ACME:PO3" }));
        await stores.audit.updateDocument("x", { poNumber: "PO7", fileName: "new.xml" });
        await stores.audit.updateDocument("y", { poNumber: "PO7" });
        const ids = async (query: Parameters<typeof stores.audit.findDocuments>[0]) =>
          (await stores.audit.findDocuments(query)).items.map((d) => d.id);
        expect(await ids({ poNumber: "PO7" })).toEqual(["y", "x"]);
        expect(await ids({ poNumber: "PO7", partnerId: "ACME", order: "asc", limit: 1 })).toEqual(["x"]);
        expect(await ids({ poNumber: "PO1" })).toEqual([]);
        expect(await ids({ fileName: "new.xml" })).toEqual(["x"]);
        expect(await ids({ fileName: "old.xml" })).toEqual([]);
      });

      it("pages through results without gaps or repeats, even while documents are added", async () => {
        for (let i = 0; i < 25; i++) await stores.audit.recordDocument(doc({ id: `d${String(i).padStart(2, "0")}` }));
        for (const order of ["asc", "desc"] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await stores.audit.findDocuments({ limit: 10, cursor, order, partnerId: "ACME" });
            expect(page.items.length).toBeLessThanOrEqual(10);
            seen.push(...page.items.map((d) => d.id));
            cursor = page.nextCursor;
            pages++;
            if (pages === 1 && order === "desc") await stores.audit.recordDocument(doc({ id: "late" }));
          } while (cursor !== undefined);
          expect(pages).toBe(3);
          const expected = Array.from({ length: 25 }, (_, i) => `d${String(i).padStart(2, "0")}`);
          expect(seen).toEqual(order === "asc" ? expected : expected.reverse());
        }
        await expect(stores.audit.findDocuments({ limit: 0 })).rejects.toEqual(withKind("validation"));
        await expect(stores.audit.findDocuments({ cursor: "not a cursor" })).rejects.toEqual(withKind("validation"));
      });

      it("counts documents by the same filters, grouped by status, type, partner, direction, flow and UTC day", async () => {
        const day1 = Date.UTC(2026, 0, 1, 23, 30);
        const day2 = Date.UTC(2026, 0, 2, 0, 30);
        await stores.audit.recordDocument(doc({ id: "a", flow: "orders-in", createdAt: new Date(day1) }));
        await stores.audit.recordDocument(
          doc({ id: "b", flow: "orders-in", status: "rejected", createdAt: new Date(day2) }),
        );
        await stores.audit.recordDocument(
          doc({ id: "c", partnerId: "BIGBOX", naturalKey: "850:BIGBOX:PO9", createdAt: new Date(day2) }),
        );
        await stores.audit.recordDocument(
          doc({
            id: "d",
            direction: "out",
            type: "855",
            naturalKey: "855:SO1",
            status: "posted",
            flow: "acks-out",
            createdAt: new Date(day2 + 60_000),
          }),
        );

        expect(await stores.audit.countDocuments()).toEqual([{ key: {}, count: 4 }]);
        expect(await stores.audit.countDocuments({ partnerId: "NOBODY" })).toEqual([{ key: {}, count: 0 }]);
        expect(await stores.audit.countDocuments({ groupBy: ["status"] })).toEqual([
          { key: { status: "posted" }, count: 1 },
          { key: { status: "received" }, count: 2 },
          { key: { status: "rejected" }, count: 1 },
        ]);
        expect(await stores.audit.countDocuments({ groupBy: ["flow"], direction: "in" })).toEqual([
          { key: { flow: null }, count: 1 },
          { key: { flow: "orders-in" }, count: 2 },
        ]);
        expect(await stores.audit.countDocuments({ groupBy: ["partnerId", "direction", "day"] })).toEqual([
          { key: { partnerId: "ACME", direction: "in", day: "2026-01-01" }, count: 1 },
          { key: { partnerId: "ACME", direction: "in", day: "2026-01-02" }, count: 1 },
          { key: { partnerId: "ACME", direction: "out", day: "2026-01-02" }, count: 1 },
          { key: { partnerId: "BIGBOX", direction: "in", day: "2026-01-02" }, count: 1 },
        ]);
        expect(
          await stores.audit.countDocuments({
            groupBy: ["type"],
            from: new Date(day2),
            status: ["received", "posted"],
          }),
        ).toEqual([
          { key: { type: "850" }, count: 1 },
          { key: { type: "855" }, count: 1 },
        ]);
        await expect(stores.audit.countDocuments({ groupBy: ["status", "status"] })).rejects.toEqual(
          withKind("validation"),
        );
        await expect(stores.audit.countDocuments({ groupBy: ["nonsense" as unknown as "status"] })).rejects.toEqual(
          withKind("validation"),
        );
      });

      it("finds the newest revision of a natural key", async () => {
        expect(await stores.audit.newestRevision("850:ACME:PO1")).toBeUndefined();
        const original = await stores.audit.recordDocument(doc({ purposeCode: "00", status: "created" }));
        const replace1 = await stores.audit.recordDocument(doc({ purposeCode: "05", revision: 1, status: "rejected" }));
        const replace2 = await stores.audit.recordDocument(doc({ purposeCode: "05", revision: 1, status: "updated" }));
        const older = await stores.audit.recordDocument(doc({ purposeCode: "00", revision: 0, status: "duplicate" }));
        await stores.audit.recordDocument(doc({ naturalKey: "850:ACME:PO2", revision: 9, status: "created" }));
        await stores.audit.recordDocument(doc({ direction: "out", type: "855", revision: 7, status: "posted" }));
        expect((await stores.audit.newestRevision("850:ACME:PO1", { type: "850" }))?.id).toBe(replace2.id);
        expect(
          (await stores.audit.newestRevision("850:ACME:PO1", { type: "850", statuses: ["rejected", "duplicate"] }))?.id,
        ).toBe(replace1.id);
        expect((await stores.audit.newestRevision("850:ACME:PO1", { statuses: ["created", "duplicate"] }))?.id).toBe(
          older.id,
        );
        expect((await stores.audit.newestRevision("850:ACME:PO1", { statuses: ["created"] }))?.id).toBe(original.id);
        expect((await stores.audit.newestRevision("850:ACME:PO1"))?.type).toBe("855");
      });
    });

    describe("AuditStore attempts and links", () => {
      it("records attempts in order", async () => {
        const d = await stores.audit.recordDocument(doc());
        const at = new Date(Date.UTC(2026, 0, 1, 12));
        await stores.audit.recordAttempt(d.id, {
          operation: "x3.create",
          outcome: "failure",
          httpStatus: 503,
          errorKind: "server",
          message: "Service Unavailable",
          durationMs: 120,
          at,
        });
        await stores.audit.recordAttempt(d.id, { operation: "x3.create", outcome: "success", httpStatus: 201 });
        const attempts = await stores.audit.listAttempts(d.id);
        expect(attempts).toHaveLength(2);
        expect(attempts[0]).toMatchObject({
          documentId: d.id,
          operation: "x3.create",
          outcome: "failure",
          httpStatus: 503,
          errorKind: "server",
          message: "Service Unavailable",
          durationMs: 120,
          at,
        });
        expect(attempts[1]).toMatchObject({ outcome: "success", httpStatus: 201 });
        expect(attempts[1]!.id).not.toBe(attempts[0]!.id);
        expect(await stores.audit.listAttempts("nope")).toEqual([]);
        await expect(stores.audit.recordAttempt("nope", { operation: "x", outcome: "success" })).rejects.toEqual(
          withKind("not-found"),
        );
      });

      it("links documents and X3 records and walks the chain of a PO", async () => {
        const po = await stores.audit.recordDocument(doc({ id: "850-1" }));
        const ack = await stores.audit.recordDocument(
          doc({ id: "855-1", direction: "out", type: "855", naturalKey: "855:SO1" }),
        );
        const asn = await stores.audit.recordDocument(
          doc({ id: "856-1", direction: "out", type: "856", naturalKey: "856:SD1", poNumber: undefined }),
        );
        const inv = await stores.audit.recordDocument(
          doc({ id: "810-1", direction: "out", type: "810", naturalKey: "810:IN1", poNumber: undefined }),
        );
        const other = await stores.audit.recordDocument(
          doc({ id: "850-2", poNumber: "PO2", naturalKey: "850:ACME:PO2" }),
        );
        const order = { kind: "x3", entity: "SORDER", key: "SO1" } as const;
        const delivery = { kind: "x3", entity: "SDELIVERY", key: "SD1" } as const;
        const invoice = { kind: "x3", entity: "SINVOICE", key: "IN1" } as const;
        const created = await stores.audit.link({ kind: "document", id: po.id }, order, "created");
        await stores.audit.link({ kind: "document", id: po.id }, order, "created");
        await stores.audit.link({ kind: "document", id: ack.id }, order, "acknowledges");
        await stores.audit.link(delivery, order, "fulfils");
        await stores.audit.link({ kind: "document", id: asn.id }, delivery, "ships");
        await stores.audit.link(invoice, order, "invoices");
        await stores.audit.link({ kind: "document", id: inv.id }, invoice, "bills");
        await stores.audit.link(
          { kind: "document", id: other.id },
          { kind: "x3", entity: "SORDER", key: "SO2" },
          "created",
        );
        expect(created).toMatchObject({ from: { kind: "document", id: "850-1" }, to: order, relation: "created" });

        const ofOrder = await stores.audit.linksOf(order);
        expect(ofOrder.map((l) => l.relation).sort()).toEqual(["acknowledges", "created", "fulfils", "invoices"]);

        const fromAsn = await stores.audit.chain({ documentId: asn.id });
        expect(fromAsn.documents.map((d) => d.id)).toEqual(["850-1", "855-1", "856-1", "810-1"]);
        expect(fromAsn.records.map((r) => `${r.entity}:${r.key}`).sort()).toEqual([
          "SDELIVERY:SD1",
          "SINVOICE:IN1",
          "SORDER:SO1",
        ]);
        expect(fromAsn.links).toHaveLength(6);

        const byPo = await stores.audit.chain({ poNumber: "PO1", partnerId: "ACME" });
        expect(byPo.documents.map((d) => d.id)).toEqual(["850-1", "855-1", "856-1", "810-1"]);
        expect((await stores.audit.chain({ poNumber: "PO2" })).documents.map((d) => d.id)).toEqual(["850-2"]);
        expect(await stores.audit.chain({ poNumber: "PO404" })).toEqual({ documents: [], records: [], links: [] });
        expect((await stores.audit.chain({ documentId: "nope" })).documents).toEqual([]);
      });

      it("stores a link once, whichever of its ends has more links, and tells ends apart by every field", async () => {
        // A 997 acknowledging many documents: its end has many links, each document's end one.
        const ack = await stores.audit.recordDocument(doc({ id: "997-1", type: "997", naturalKey: "997:1" }));
        const targets = ["a", "b", "c"];
        for (const id of targets) await stores.audit.recordDocument(doc({ id, naturalKey: `850:ACME:${id}` }));
        const ackRef = { kind: "document", id: ack.id } as const;
        for (const id of targets) await stores.audit.link(ackRef, { kind: "document", id }, "acknowledges");
        for (const id of targets) await stores.audit.link(ackRef, { kind: "document", id }, "acknowledges");
        await stores.audit.link(ackRef, { kind: "document", id: "b" }, "revises");
        await stores.audit.link({ kind: "document", id: "b" }, ackRef, "acknowledges");
        const idOf = (ref: LinkRef) => (ref.kind === "document" ? ref.id : ref.key);
        const described = (links: AuditLink[]) => links.map((l) => `${l.relation}:${idOf(l.from)}>${idOf(l.to)}`);
        expect(described(await stores.audit.linksOf(ackRef))).toEqual([
          "acknowledges:997-1>a",
          "acknowledges:997-1>b",
          "acknowledges:997-1>c",
          "revises:997-1>b",
          "acknowledges:b>997-1",
        ]);
        expect(await stores.audit.linksOf({ kind: "document", id: "a" })).toHaveLength(1);
        // X3 records: the same key under another entity, or a document whose id reads like a record, is another end.
        await stores.audit.link({ kind: "document", id: "a" }, { kind: "x3", entity: "SORDER", key: "K1" }, "created");
        await stores.audit.link({ kind: "document", id: "a" }, { kind: "x3", entity: "PORDER", key: "K1" }, "created");
        await stores.audit.link({ kind: "document", id: "a" }, { kind: "x3", entity: "SORDER", key: "K1" }, "created");
        expect(await stores.audit.linksOf({ kind: "x3", entity: "SORDER", key: "K1" })).toHaveLength(1);
        expect(await stores.audit.linksOf({ kind: "x3", entity: "PORDER", key: "K1" })).toHaveLength(1);
        expect(await stores.audit.linksOf({ kind: "document", id: "x3:SORDER:K1" })).toEqual([]);
        expect(await stores.audit.linksOf({ kind: "document", id: "a" })).toHaveLength(3);
        // A document linked to itself is one link of its end.
        await stores.audit.link({ kind: "document", id: "c" }, { kind: "document", id: "c" }, "replays");
        await stores.audit.link({ kind: "document", id: "c" }, { kind: "document", id: "c" }, "replays");
        expect((await stores.audit.linksOf({ kind: "document", id: "c" })).map((l) => l.relation)).toEqual([
          "acknowledges",
          "replays",
        ]);
      });
    });

    describe("AuditStore exactly-once ledger", () => {
      it("begins, reports in-progress, completes with a result and then reports done", async () => {
        const begun = await stores.audit.beginEffect("x3.create:ACME:PO1", {
          operation: "x3.create-sales-order",
          documentId: "850-1",
          naturalKey: "ACME|PO1",
          owner: "instance-a",
          data: { site: "FR011" },
        });
        expect(begun.outcome).toBe("started");
        expect(begun.effect).toMatchObject({
          key: "x3.create:ACME:PO1",
          state: "in-progress",
          operation: "x3.create-sales-order",
          documentId: "850-1",
          naturalKey: "ACME|PO1",
          owner: "instance-a",
          data: { site: "FR011" },
          attempts: 1,
        });
        expect(
          (await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create-sales-order" })).outcome,
        ).toBe("in-progress");
        const done = await stores.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "SO0001" });
        expect(done).toMatchObject({ state: "done", result: { x3Key: "SO0001" } });
        expect(done.completedAt).toBeInstanceOf(Date);
        const again = await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create-sales-order" });
        expect(again).toMatchObject({
          outcome: "done",
          effect: { state: "done", result: { x3Key: "SO0001" }, attempts: 1 },
        });
        expect(await stores.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "other" })).toMatchObject({
          result: { x3Key: "SO0001" },
        });
        await expect(stores.audit.failEffect("x3.create:ACME:PO1", { message: "late" })).rejects.toEqual(
          withKind("conflict"),
        );
        expect(await stores.audit.getEffect("x3.create:ACME:PO1")).toMatchObject({ state: "done" });
      });

      it("lets a failed effect start again", async () => {
        await stores.audit.beginEffect("sps.upload:PR1", { operation: "sps.upload" });
        const failed = await stores.audit.failEffect("sps.upload:PR1", { kind: "server", message: "502" });
        expect(failed).toMatchObject({ state: "failed", error: { kind: "server", message: "502" } });
        const retry = await stores.audit.beginEffect("sps.upload:PR1", { operation: "sps.upload" });
        expect(retry).toMatchObject({ outcome: "started", effect: { state: "in-progress", attempts: 2 } });
        expect((await stores.audit.completeEffect("sps.upload:PR1")).state).toBe("done");
      });

      it("begins a new effect with beginNewEffect, and answers an existing one unchanged, a failed one too", async () => {
        const begun = await stores.audit.beginNewEffect("sps.upload:PR2", { operation: "sps.upload", data: { n: 1 } });
        expect(begun).toMatchObject({
          outcome: "started",
          effect: { state: "in-progress", attempts: 1, data: { n: 1 } },
        });
        expect((await stores.audit.beginNewEffect("sps.upload:PR2", { operation: "sps.upload" })).outcome).toBe(
          "in-progress",
        );
        await stores.audit.failEffect("sps.upload:PR2", { kind: "uncertain", message: "timeout" });
        const failed = await stores.audit.beginNewEffect("sps.upload:PR2", { operation: "sps.upload" });
        expect(failed).toMatchObject({
          outcome: "failed",
          effect: { state: "failed", attempts: 1, error: { kind: "uncertain", message: "timeout" } },
        });
        expect(await stores.audit.getEffect("sps.upload:PR2")).toMatchObject({ state: "failed", attempts: 1 });
        expect(await stores.audit.beginEffect("sps.upload:PR2", { operation: "sps.upload" })).toMatchObject({
          outcome: "started",
          effect: { attempts: 2 },
        });
        await stores.audit.completeEffect("sps.upload:PR2", { ok: true });
        expect(await stores.audit.beginNewEffect("sps.upload:PR2", { operation: "sps.upload" })).toMatchObject({
          outcome: "done",
          effect: { result: { ok: true } },
        });
      });

      it("refuses to complete or fail an effect never begun", async () => {
        await expect(stores.audit.completeEffect("nope")).rejects.toEqual(withKind("not-found"));
        await expect(stores.audit.failEffect("nope", { message: "x" })).rejects.toEqual(withKind("not-found"));
        expect(await stores.audit.getEffect("nope")).toBeUndefined();
      });

      it("gives exactly one of concurrent callers the effect", async () => {
        const results = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            stores.audit.beginEffect("x3.create:ACME:PO7", { operation: "create", owner: `w${i}` }),
          ),
        );
        expect(results.filter((r) => r.outcome === "started")).toHaveLength(1);
        expect(results.filter((r) => r.outcome === "in-progress")).toHaveLength(24);
      });

      it("lists in-progress effects for reconciliation, oldest first", async () => {
        await stores.audit.beginEffect("e1", { operation: "create" });
        clock.advance(5);
        await stores.audit.beginEffect("e2", { operation: "create" });
        await stores.audit.beginEffect("e3", { operation: "create" });
        await stores.audit.completeEffect("e3", null);
        await stores.audit.beginEffect("e4", { operation: "create" });
        await stores.audit.failEffect("e4", { message: "no" });
        expect((await stores.audit.listInProgress()).map((e) => e.key)).toEqual(["e1", "e2"]);
        expect((await stores.audit.listInProgress({ limit: 1 })).map((e) => e.key)).toEqual(["e1"]);
        const e2 = await stores.audit.getEffect("e2");
        expect((await stores.audit.listInProgress({ startedBefore: e2!.startedAt })).map((e) => e.key)).toEqual(["e1"]);
      });
    });

    describe("MappingStore", () => {
      const acme = {
        partnerId: "ACME",
        name: "Acme Stores",
        x3Customer: "C0001",
        site: "FR011",
        orderType: "SON",
        currency: "USD",
      };

      it("upserts, reads, lists and deletes partners, filling defaults", async () => {
        expect(await stores.mappings.getPartner("ACME")).toBeUndefined();
        const saved = await stores.mappings.upsertPartner(acme);
        expect(saved).toEqual({
          ...acme,
          orderKind: "sales",
          itemLookupOrder: ["vendorPartNumber", "buyerPartNumber", "upc", "gtin"],
          testMode: false,
          rsxVersion: "7.7",
        });
        expect(await stores.mappings.getPartner("ACME")).toEqual(saved);
        await stores.mappings.upsertPartner({
          ...acme,
          partnerId: "BIGBOX",
          orderKind: "purchase",
          x3Supplier: "S01",
          testMode: true,
        });
        await stores.mappings.upsertPartner({ ...acme, currency: "EUR" });
        expect((await stores.mappings.listPartners()).map((p) => [p.partnerId, p.currency])).toEqual([
          ["ACME", "EUR"],
          ["BIGBOX", "USD"],
        ]);
        expect(await stores.mappings.deletePartner("ACME")).toBe(true);
        expect(await stores.mappings.deletePartner("ACME")).toBe(false);
        expect(await stores.mappings.getPartner("ACME")).toBeUndefined();
      });

      it("refuses invalid records with a mapping error naming the field", async () => {
        await expect(stores.mappings.upsertPartner({ ...acme, orderKind: "purchase" })).rejects.toMatchObject({
          kind: "mapping",
          details: { issues: [expect.objectContaining({ path: "x3Supplier" })] },
        });
        await expect(stores.mappings.upsertPartner({ ...acme, currency: "usd" })).rejects.toEqual(withKind("mapping"));
        await expect(stores.mappings.upsertPartner({ ...acme, partnerId: "X".repeat(16) })).rejects.toEqual(
          withKind("mapping"),
        );
        await expect(stores.mappings.upsertItem({ kind: "sku" as "upc", value: "1", itemRef: "A" })).rejects.toEqual(
          withKind("mapping"),
        );
        expect(await stores.mappings.listPartners()).toEqual([]);
      });

      it("maps ship-to locations per partner", async () => {
        await stores.mappings.upsertShipTo({ partnerId: "ACME", locationNumber: "0042", x3AddressCode: "ADR42" });
        await stores.mappings.upsertShipTo({
          partnerId: "ACME",
          locationNumber: "0043",
          x3AddressCode: "ADR43",
          x3Customer: "C0002",
        });
        await stores.mappings.upsertShipTo({ partnerId: "BIGBOX", locationNumber: "0042", x3AddressCode: "BB42" });
        expect(await stores.mappings.getShipTo("ACME", "0042")).toEqual({
          partnerId: "ACME",
          locationNumber: "0042",
          x3AddressCode: "ADR42",
        });
        expect((await stores.mappings.getShipTo("BIGBOX", "0042"))?.x3AddressCode).toBe("BB42");
        expect(await stores.mappings.getShipTo("ACME", "9999")).toBeUndefined();
        expect((await stores.mappings.listShipTos("ACME")).map((s) => s.locationNumber)).toEqual(["0042", "0043"]);
        expect(await stores.mappings.listShipTos()).toHaveLength(3);
        expect(await stores.mappings.deleteShipTo("ACME", "0042")).toBe(true);
        expect(await stores.mappings.getShipTo("ACME", "0042")).toBeUndefined();
      });

      it("finds items in the partner's lookup order, partner mappings before global ones", async () => {
        await stores.mappings.upsertPartner({ ...acme, itemLookupOrder: ["buyerPartNumber", "upc"] });
        await stores.mappings.upsertItem({
          partnerId: "ACME",
          kind: "vendorPartNumber",
          value: "V-1",
          itemRef: "ITM-V",
        });
        await stores.mappings.upsertItem({
          partnerId: "ACME",
          kind: "buyerPartNumber",
          value: "B-1",
          itemRef: "ITM-B",
        });
        await stores.mappings.upsertItem({ kind: "upc", value: "012345678905", itemRef: "ITM-GLOBAL" });
        await stores.mappings.upsertItem({
          partnerId: "ACME",
          kind: "upc",
          value: "012345678905",
          itemRef: "ITM-ACME",
        });
        await stores.mappings.upsertItem({ kind: "gtin", value: "00012345678905", itemRef: "ITM-GTIN" });

        const line = { vendorPartNumber: "V-1", buyerPartNumber: "B-1", upc: "012345678905" };
        expect(await stores.mappings.findItem("ACME", line)).toEqual({
          itemRef: "ITM-B",
          matchedBy: "buyerPartNumber",
          value: "B-1",
          scope: "partner",
        });
        expect((await stores.mappings.findItem("ACME", { ...line, buyerPartNumber: "B-404" }))?.itemRef).toBe(
          "ITM-ACME",
        );
        expect(await stores.mappings.findItem("ACME", { vendorPartNumber: "V-1" })).toBeUndefined();
        expect((await stores.mappings.findItem("ACME", line, ["vendorPartNumber"]))?.itemRef).toBe("ITM-V");
        expect(await stores.mappings.findItem("OTHER", { upc: "012345678905" })).toMatchObject({
          itemRef: "ITM-GLOBAL",
          scope: "global",
        });
        expect(
          (await stores.mappings.findItem("OTHER", { buyerPartNumber: " ", gtin: "00012345678905" }))?.itemRef,
        ).toBe("ITM-GTIN");
        expect(await stores.mappings.findItem("OTHER", { vendorPartNumber: "V-1" })).toBeUndefined();

        expect(await stores.mappings.getItem({ kind: "upc", value: "012345678905" })).toMatchObject({
          itemRef: "ITM-GLOBAL",
        });
        expect((await stores.mappings.listItems("ACME")).map((i) => i.itemRef)).toEqual(["ITM-B", "ITM-ACME", "ITM-V"]);
        expect((await stores.mappings.listItems(null)).map((i) => i.itemRef).sort()).toEqual([
          "ITM-GLOBAL",
          "ITM-GTIN",
        ]);
        expect(await stores.mappings.listItems()).toHaveLength(5);
        expect(await stores.mappings.deleteItem({ partnerId: "ACME", kind: "upc", value: "012345678905" })).toBe(true);
        expect((await stores.mappings.findItem("ACME", { upc: "012345678905" }))?.itemRef).toBe("ITM-GLOBAL");
        await stores.mappings.upsertItem({ kind: "upc", value: "012345678905", itemRef: "ITM-NEW" });
        expect((await stores.mappings.findItem("ACME", { upc: "012345678905" }))?.itemRef).toBe("ITM-NEW");
      });

      it("answers an order's reads at once (readOrder, when it has one) as its reads one by one", async () => {
        const readOrder = stores.mappings.readOrder?.bind(stores.mappings);
        if (readOrder === undefined) return;
        await stores.mappings.upsertMany({
          partners: [{ ...acme, itemLookupOrder: ["buyerPartNumber", "upc"] }],
          shipTos: [{ partnerId: "ACME", locationNumber: "0042", x3AddressCode: "DC01" }],
          items: [
            { partnerId: "ACME", kind: "buyerPartNumber", value: "B-1", itemRef: "ITM-B" },
            { partnerId: "ACME", kind: "vendorPartNumber", value: "V-1", itemRef: "ITM-V" },
            { kind: "upc", value: "012345678905", itemRef: "ITM-GLOBAL" },
          ],
          uoms: [
            { ediUnit: "EA", x3Unit: "UN" },
            { partnerId: "ACME", ediUnit: "CA", x3Unit: "CS" },
          ],
          costCentres: [
            { partnerId: "ACME", dimensions: { CCT: "RETAIL" } },
            { partnerId: "ACME", department: "D12", dimensions: { CCT: "D12" } },
          ],
        });
        const queries = [
          {
            partnerId: "ACME",
            shipTo: "0042",
            // Partner, global, none (a vendor part is not in ACME's lookup order), blank identifiers skipped.
            lines: [{ buyerPartNumber: "B-1" }, { upc: " 012345678905 " }, { vendorPartNumber: "V-1" }, {}],
            units: ["CA", "EA", "PK"],
            department: "D12",
          },
          { partnerId: "ACME", shipTo: "9999", lines: [], units: [], department: "D99" },
          { partnerId: "ACME", lines: [{ buyerPartNumber: "B-404", upc: "012345678905" }], units: ["EA"] },
          { partnerId: "OTHER", shipTo: "0042", lines: [{ upc: "012345678905" }], units: ["EA"] },
        ];
        for (const query of queries) {
          const reads = await readOrder(query);
          expect(reads).toEqual(await readOrderOneByOne(stores.mappings, query));
          if (query.partnerId === "OTHER") expect(reads.items).toEqual([]);
        }
        const [first] = queries;
        expect((await readOrder(first!)).items.map((item) => item?.itemRef)).toEqual([
          "ITM-B",
          "ITM-GLOBAL",
          undefined,
          undefined,
        ]);
        // Copies, as every read hands out: changing what it answered changes nothing stored.
        const answered = await readOrder(first!);
        answered.partner!.itemLookupOrder.push("gtin");
        answered.costCentre!.dimensions.CCT = "CHANGED";
        answered.uoms[0]!.x3Unit = "CHANGED";
        expect(await readOrder(first!)).toEqual(await readOrderOneByOne(stores.mappings, first!));
        expect((await stores.mappings.getPartner("ACME"))?.itemLookupOrder).toEqual(["buyerPartNumber", "upc"]);
      });

      it("maps units of measure, partner first", async () => {
        await stores.mappings.upsertUom({ ediUnit: "EA", x3Unit: "UN" });
        await stores.mappings.upsertUom({ ediUnit: "CA", x3Unit: "CAR" });
        await stores.mappings.upsertUom({ partnerId: "ACME", ediUnit: "CA", x3Unit: "CS" });
        expect((await stores.mappings.findUom("ACME", "CA"))?.x3Unit).toBe("CS");
        expect((await stores.mappings.findUom("ACME", "EA"))?.x3Unit).toBe("UN");
        expect((await stores.mappings.findUom("OTHER", "CA"))?.x3Unit).toBe("CAR");
        expect((await stores.mappings.findUom(undefined, "CA"))?.x3Unit).toBe("CAR");
        expect(await stores.mappings.findUom("ACME", "PK")).toBeUndefined();
        expect(await stores.mappings.listUoms(null)).toHaveLength(2);
        expect(await stores.mappings.listUoms("ACME")).toEqual([{ partnerId: "ACME", ediUnit: "CA", x3Unit: "CS" }]);
        expect(await stores.mappings.deleteUom({ partnerId: "ACME", ediUnit: "CA" })).toBe(true);
        expect((await stores.mappings.findUom("ACME", "CA"))?.x3Unit).toBe("CAR");
      });

      it("maps cost centres by department, falling back to the partner default", async () => {
        await stores.mappings.upsertCostCentre({ partnerId: "ACME", dimensions: { CCT: "RETAIL" } });
        await stores.mappings.upsertCostCentre({
          partnerId: "ACME",
          department: "042",
          dimensions: { CCT: "HOME", DEP: "D42" },
        });
        expect((await stores.mappings.findCostCentre("ACME", "042"))?.dimensions).toEqual({ CCT: "HOME", DEP: "D42" });
        expect((await stores.mappings.findCostCentre("ACME", "999"))?.dimensions).toEqual({ CCT: "RETAIL" });
        expect((await stores.mappings.findCostCentre("ACME"))?.dimensions).toEqual({ CCT: "RETAIL" });
        expect(await stores.mappings.findCostCentre("OTHER", "042")).toBeUndefined();
        expect(await stores.mappings.listCostCentres("ACME")).toHaveLength(2);
        expect(await stores.mappings.deleteCostCentre({ partnerId: "ACME" })).toBe(true);
        expect(await stores.mappings.findCostCentre("ACME", "999")).toBeUndefined();
        expect(await stores.mappings.listCostCentres()).toHaveLength(1);
      });

      it("writes a mapping set all or nothing", async () => {
        const counts = await stores.mappings.upsertMany({
          partners: [acme],
          shipTos: [{ partnerId: "ACME", locationNumber: "1", x3AddressCode: "A1" }],
          items: [{ kind: "gtin", value: "1", itemRef: "I1" }],
          uoms: [{ ediUnit: "EA", x3Unit: "UN" }],
          costCentres: [{ partnerId: "ACME", dimensions: { CCT: "X" } }],
        });
        expect(counts).toEqual({ partners: 1, shipTos: 1, items: 1, uoms: 1, costCentres: 1 });
        await expect(
          stores.mappings.upsertMany({
            partners: [{ ...acme, partnerId: "NEW" }],
            items: [{ kind: "gtin", value: "2", itemRef: "" }],
          }),
        ).rejects.toEqual(withKind("mapping"));
        expect(await stores.mappings.getPartner("NEW")).toBeUndefined();
        expect(await stores.mappings.listItems()).toHaveLength(1);
      });

      it("hands out copies: changing a returned record does not change the store", async () => {
        const saved = await stores.mappings.upsertPartner(acme);
        saved.itemLookupOrder.push("gtin");
        saved.currency = "EUR";
        expect(await stores.mappings.getPartner("ACME")).toMatchObject({
          currency: "USD",
          itemLookupOrder: ["vendorPartNumber", "buyerPartNumber", "upc", "gtin"],
        });
      });
    });

    describe("AuditStore copies", () => {
      it("keeps nothing a caller holds: changing what it gave or got back changes nothing stored", async () => {
        const createdAt = new Date(Date.UTC(2026, 0, 2));
        const metadata = { rsxVersion: "7.7", warnings: [{ path: "a", code: "b", message: "c" }] };
        const reasons = [{ path: "", code: "r", message: "m" }];
        const recorded = await stores.audit.recordDocument(doc({ createdAt, metadata, reasons }));
        createdAt.setTime(0);
        metadata.warnings.push({ path: "x", code: "y", message: "z" });
        (reasons[0] as { code: string }).code = "changed";
        recorded.createdAt.setTime(1);
        recorded.updatedAt.setTime(1);
        recorded.reasons.push({ path: "", code: "pushed", message: "" });
        (recorded.metadata?.warnings as unknown[]).length = 0;
        const updated = await stores.audit.updateDocument(recorded.id, { status: "created" });
        updated.updatedAt.setTime(2);
        const at = new Date(Date.UTC(2026, 0, 3));
        const attempt = await stores.audit.recordAttempt(recorded.id, {
          operation: "x3.create",
          outcome: "success",
          at,
        });
        at.setTime(3);
        attempt.at.setTime(4);
        const link = await stores.audit.link(
          { kind: "document", id: recorded.id },
          { kind: "x3", entity: "SORDER", key: "SO1" },
          "created",
        );
        link.createdAt.setTime(5);
        (link.to as { key: string }).key = "SO2";
        const data = { site: "FR011", lines: [1] };
        const begun = await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", data });
        data.lines.push(2);
        begun.effect.startedAt.setTime(6);
        (begun.effect.data as { lines: number[] }).lines.push(3);
        const result = { x3Key: "SO1" };
        const done = await stores.audit.completeEffect("x3.create:ACME:PO1", result);
        result.x3Key = "SO9";
        done.completedAt?.setTime(7);
        done.updatedAt.setTime(7);

        const stored = await stores.audit.getDocument(recorded.id);
        expect(stored).toMatchObject({
          createdAt: new Date(Date.UTC(2026, 0, 2)),
          reasons: [{ path: "", code: "r", message: "m" }],
          metadata: { rsxVersion: "7.7", warnings: [{ path: "a", code: "b", message: "c" }] },
        });
        expect(stored?.updatedAt.getTime()).toBeGreaterThan(2);
        expect((await stores.audit.listAttempts(recorded.id)).map((kept) => kept.at)).toEqual([
          new Date(Date.UTC(2026, 0, 3)),
        ]);
        const links = await stores.audit.linksOf({ kind: "document", id: recorded.id });
        expect(links.map((kept) => [kept.to, kept.createdAt.getTime() > 5])).toEqual([
          [{ kind: "x3", entity: "SORDER", key: "SO1" }, true],
        ]);
        const effect = await stores.audit.getEffect("x3.create:ACME:PO1");
        expect(effect).toMatchObject({ data: { site: "FR011", lines: [1] }, result: { x3Key: "SO1" } });
        expect(effect?.startedAt.getTime()).toBeGreaterThan(7);
        expect(effect?.completedAt?.getTime()).toBeGreaterThan(7);
      });
    });

    describe("AuditStore durability", () => {
      it("flush keeps every write; a write refused in a group undoes only itself", async () => {
        const document = await stores.audit.recordDocument(doc());
        await expect(
          stores.audit.recordAttempt("nope", { operation: "x3.create", outcome: "success" }),
        ).rejects.toMatchObject({
          kind: "not-found",
        });
        await stores.audit.recordAttempt(document.id, { operation: "x3.create", outcome: "success" });
        await stores.audit.updateDocument(document.id, { status: "created", x3Key: "SO1" });
        await stores.audit.flush();
        expect(await stores.audit.getDocument(document.id)).toMatchObject({ status: "created", x3Key: "SO1" });
        expect((await stores.audit.listAttempts(document.id)).map((attempt) => attempt.operation)).toEqual([
          "x3.create",
        ]);
      });

      it("whenDurable resolves once the writes before it are kept, and again at once when nothing was written", async () => {
        const document = await stores.audit.recordDocument(doc());
        await stores.audit.updateDocument(document.id, { status: "rejected" });
        await stores.audit.whenDurable();
        expect((await stores.audit.getDocument(document.id))?.status).toBe("rejected");
        await stores.audit.whenDurable();
      });
    });

    if (options.persistent !== undefined) {
      const persistent = options.persistent;
      it("keeps a cursor's entries across a reopen", async () => {
        const opener = await persistent({ clock });
        const first = await opener.open();
        const key = { flow: "invoices-out", source: "x3:SINVOICE" };
        try {
          await first.cursors.set(key, { since: "t1" }, { expectedVersion: 0, entries: { put: [["INV1", "t1 h1"]] } });
          await first.cursors.set(key, { since: "t2" }, { expectedVersion: 1, entries: { put: [["INV2", "t2"]] } });
        } finally {
          await first.close();
        }
        const second = await opener.open();
        try {
          expect((await second.cursors.get(key))?.value).toEqual({ since: "t2" });
          expect(await second.cursors.entries(key)).toEqual(
            new Map([
              ["INV1", "t1 h1"],
              ["INV2", "t2"],
            ]),
          );
        } finally {
          await second.close();
        }
      });

      // orders-in begins its effects with beginNewEffect, not beginEffect: a store that kept only the latter's would
      // reopen with an X3 call it sent and no trace of it.
      it("keeps effects begun with beginNewEffect, and what became of them, across a reopen", async () => {
        const opener = await persistent({ clock });
        const first = await opener.open();
        let document: AuditDocument;
        try {
          document = await first.audit.recordDocument(doc());
          const begin = (key: string) =>
            first.audit.beginNewEffect(key, { operation: "x3.create", documentId: document.id });
          expect((await begin("x3.create:ACME:PO1")).outcome).toBe("started");
          await settleCreatedOrder(first.audit, document.id, "x3.create:ACME:PO1", "SO1");
          expect((await begin("x3.create:ACME:PO2")).outcome).toBe("started");
          await first.audit.failEffect("x3.create:ACME:PO2", { kind: "network", message: "refused" });
          expect((await begin("x3.create:ACME:PO3")).outcome).toBe("started");
          await first.audit.flush();
        } finally {
          await first.close();
        }
        const second = await opener.open();
        try {
          expect(await second.audit.getEffect("x3.create:ACME:PO1")).toMatchObject({
            state: "done",
            result: { x3Key: "SO1" },
          });
          expect(await second.audit.getEffect("x3.create:ACME:PO2")).toMatchObject({
            state: "failed",
            error: { kind: "network", message: "refused" },
          });
          expect((await second.audit.listInProgress()).map((effect) => effect.key)).toEqual(["x3.create:ACME:PO3"]);
          expect(await second.audit.getDocument(document.id)).toMatchObject({ status: "created", x3Key: "SO1" });
          expect(await second.audit.listAttempts(document.id)).toHaveLength(1);
        } finally {
          await second.close();
        }
      });

      it("has an effect and every write before it durable when beginEffect returns, the rest after flush", async () => {
        const opener = await persistent({ clock });
        const first = await opener.open();
        let second: ConnectorStores | undefined;
        let third: ConnectorStores | undefined;
        try {
          const document = await first.audit.recordDocument(doc({ payload: new Uint8Array([1, 2, 3]) }));
          await first.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", documentId: document.id });
          // Another connection (another process) sees them while the first is still open and has not flushed.
          second = await opener.open();
          expect((await second.audit.getDocument(document.id))?.status).toBe("received");
          expect((await second.audit.getEffect("x3.create:ACME:PO1"))?.state).toBe("in-progress");
          await settleCreatedOrder(first.audit, document.id, "x3.create:ACME:PO1", "SO1");
          await first.audit.flush();
          // What flush made durable, read by a connection opened after it: a store that loads its state when it
          // opens (one process, such as a journal file) need not see another connection's later writes live.
          third = await opener.open();
          expect((await third.audit.getEffect("x3.create:ACME:PO1"))?.state).toBe("done");
          expect(await third.audit.getDocument(document.id)).toMatchObject({ status: "created", x3Key: "SO1" });
          expect(await third.audit.listAttempts(document.id)).toHaveLength(1);
          expect(await third.audit.linksOf({ kind: "x3", entity: "SORDER", key: "SO1" })).toHaveLength(1);
        } finally {
          await third?.close();
          await second?.close();
          await first.close();
        }
      });

      it("makes an outcome durable with the next effect begun, and resolves whenDurable then", async () => {
        const opener = await persistent({ clock });
        const first = await opener.open();
        let second: ConnectorStores | undefined;
        try {
          const one = await first.audit.recordDocument(doc());
          await first.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", documentId: one.id });
          await settleCreatedOrder(first.audit, one.id, "x3.create:ACME:PO1", "SO1");
          const outcomeKept = first.audit.whenDurable();
          const two = await first.audit.recordDocument(doc({ naturalKey: "850:ACME:PO2", poNumber: "PO2" }));
          await first.audit.beginEffect("x3.create:ACME:PO2", { operation: "x3.create", documentId: two.id });
          await outcomeKept;
          // Read by a connection opened after the effect begun: the first document's outcome came with it.
          second = await opener.open();
          expect(await second.audit.getDocument(one.id)).toMatchObject({ status: "created", x3Key: "SO1" });
          expect((await second.audit.getEffect("x3.create:ACME:PO1"))?.state).toBe("done");
          expect((await second.audit.getEffect("x3.create:ACME:PO2"))?.state).toBe("in-progress");
          expect((await second.audit.getDocument(two.id))?.status).toBe("received");
        } finally {
          await second?.close();
          await first.close();
        }
      });

      it("keeps everything across close and reopen", async () => {
        const opener = await persistent({ clock });
        const first = await opener.open();
        const payload = new Uint8Array(randomBytes(4096));
        let created: AuditDocument;
        try {
          await first.cursors.set({ flow: "f", source: "s" }, { at: "x" });
          await first.tokens.set("k", { accessToken: "a", expiresAt: 1, refreshToken: "r" });
          await first.sequences.next("sscc");
          await first.sequences.next("sscc");
          await first.mappings.upsertUom({ ediUnit: "EA", x3Unit: "UN" });
          created = await first.audit.recordDocument(doc({ payload }));
          await first.audit.beginEffect("e1", { operation: "create", documentId: created.id });
          await first.audit.link(
            { kind: "document", id: created.id },
            { kind: "x3", entity: "SORDER", key: "SO1" },
            "created",
          );
        } finally {
          await first.close();
        }
        const second = await opener.open();
        try {
          expect(await second.cursors.get({ flow: "f", source: "s" })).toMatchObject({
            value: { at: "x" },
            version: 1,
          });
          expect(await second.tokens.get("k")).toEqual({ accessToken: "a", expiresAt: 1, refreshToken: "r" });
          expect(await second.sequences.next("sscc")).toBe(3);
          expect((await second.mappings.findUom(undefined, "EA"))?.x3Unit).toBe("UN");
          expect(await second.audit.getDocument(created.id)).toEqual(created);
          expect(Buffer.from((await second.audit.getPayload(created.id))!).equals(Buffer.from(payload))).toBe(true);
          expect((await second.audit.listInProgress()).map((e) => e.key)).toEqual(["e1"]);
          expect((await second.audit.chain({ documentId: created.id })).records).toEqual([
            { entity: "SORDER", key: "SO1" },
          ]);
        } finally {
          await second.close();
        }
      });
    }
  });
}
