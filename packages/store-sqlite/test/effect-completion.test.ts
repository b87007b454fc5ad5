import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
