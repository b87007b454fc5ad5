import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { receivedOrder, settleCreatedOrder } from "@ml-connector/state/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-group-commit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const open = () => createSqliteStores({ path: join(dir, `stores-${++n}.db`) });
const received = receivedOrder({ payload: new Uint8Array([1, 2, 3]) });

describe("SQLite audit writes: one transaction per group of writes", () => {
  it("commits an 850's record with its effect begun, then its outcome, in two transactions", async () => {
    const stores = open();
    try {
      const before = stores.auditTransactions;
      const document = await stores.audit.recordDocument(received);
      await stores.audit.beginEffect("create:ACME:PO1", { operation: "x3.create", documentId: document.id });
      expect(stores.auditTransactions - before).toBe(1);
      await settleCreatedOrder(stores.audit, document.id, "create:ACME:PO1", "SO1");
      await stores.audit.flush();
      expect(stores.auditTransactions - before).toBe(2);
      await stores.audit.flush();
      expect(stores.auditTransactions - before).toBe(2);
    } finally {
      await stores.close();
    }
  });

  it("commits writes nobody flushes by the end of the turn, and on close", async () => {
    const stores = open();
    const before = stores.auditTransactions;
    const document = await stores.audit.recordDocument(received);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(stores.auditTransactions - before).toBe(1);
    await stores.audit.updateDocument(document.id, { status: "rejected" });
    await stores.close();
    const again = createSqliteStores({ path: stores.path });
    try {
      expect((await again.audit.getDocument(document.id))?.status).toBe("rejected");
    } finally {
      await again.close();
    }
  });
});
