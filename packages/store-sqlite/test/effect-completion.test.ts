import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { receivedOrder } from "@ml-connector/state/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-effect-completion-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const pair = () => {
  const path = join(dir, `state-${++n}.db`);
  return [createSqliteStores({ path }), createSqliteStores({ path })] as const;
};

// Completing an effect this store began writes without reading the row back: what it answers is the stored row, also
// when another process (another connection) changed the entry in between.
describe("completeEffect answers the entry as stored", () => {
  it("after this store began it", async () => {
    const [stores, other] = pair();
    try {
      await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", data: { po: "PO1" } });
      const completed = await stores.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "SO1" });
      await stores.audit.flush();
      expect(completed).toMatchObject({ state: "done", result: { x3Key: "SO1" }, data: { po: "PO1" }, attempts: 1 });
      expect(completed).toEqual(await other.audit.getEffect("x3.create:ACME:PO1"));
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("after another process failed it", async () => {
    const [stores, other] = pair();
    try {
      await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", data: { po: "PO1" } });
      await other.audit.failEffect("x3.create:ACME:PO1", { message: "timed out" });
      const completed = await stores.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "SO1" });
      await stores.audit.flush();
      expect(completed).toMatchObject({ state: "done", attempts: 1 });
      expect(completed.error).toBeUndefined();
      expect(completed).toEqual(await other.audit.getEffect("x3.create:ACME:PO1"));
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("after another process began it again", async () => {
    const [stores, other] = pair();
    try {
      await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", data: { po: "PO1" } });
      await other.audit.failEffect("x3.create:ACME:PO1", { message: "timed out" });
      await other.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create", data: { po: "PO1", again: true } });
      const completed = await stores.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "SO1" });
      await stores.audit.flush();
      expect(completed).toMatchObject({ state: "done", attempts: 2, data: { po: "PO1", again: true } });
      expect(completed).toEqual(await other.audit.getEffect("x3.create:ACME:PO1"));
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("when it was done already", async () => {
    const [stores, other] = pair();
    try {
      await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create" });
      await other.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "SO-other" });
      await other.audit.flush();
      const completed = await stores.audit.completeEffect("x3.create:ACME:PO1", { x3Key: "SO1" });
      expect(completed).toMatchObject({ state: "done", result: { x3Key: "SO-other" } });
      expect(completed).toEqual(await other.audit.getEffect("x3.create:ACME:PO1"));
    } finally {
      await other.close();
      await stores.close();
    }
  });
});

// Updating a document this store wrote answers it without reading it back: the answer is the stored row, also when
// another process (another connection) changed the document in between.
describe("updateDocument answers the document as stored", () => {
  it("after this store recorded it, through several updates and commits", async () => {
    const [stores, other] = pair();
    try {
      const document = await stores.audit.recordDocument(
        receivedOrder({ naturalKey: "850:ACME:PO1", poNumber: "PO1", fileName: "PO1.json" }),
      );
      await stores.audit.beginEffect("x3.create:ACME:PO1", { operation: "x3.create" });
      await stores.audit.updateDocument(document.id, { status: "created", reasons: [], x3Key: "SO1" });
      await stores.audit.flush();
      const updated = await stores.audit.updateDocument(document.id, { metadata: { note: "kept" }, revision: 2 });
      await stores.audit.flush();
      expect(updated).toMatchObject({ status: "created", x3Key: "SO1", revision: 2, metadata: { note: "kept" } });
      expect(updated).toEqual(await other.audit.getDocument(document.id));
    } finally {
      await other.close();
      await stores.close();
    }
  });

  it("after another process changed it", async () => {
    const [stores, other] = pair();
    try {
      const document = await stores.audit.recordDocument(receivedOrder({ naturalKey: "850:ACME:PO1" }));
      await stores.audit.flush();
      await other.audit.updateDocument(document.id, { status: "parked", poNumber: "PO-other" });
      await other.audit.flush();
      const updated = await stores.audit.updateDocument(document.id, { x3Key: "SO1" });
      await stores.audit.flush();
      expect(updated).toMatchObject({ status: "parked", poNumber: "PO-other", x3Key: "SO1" });
      expect(updated).toEqual(await other.audit.getDocument(document.id));
    } finally {
      await other.close();
      await stores.close();
    }
  });
});
