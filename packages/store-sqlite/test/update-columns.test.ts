import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { receivedOrder } from "@ml-connector/state/testing";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-update-columns-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The columns a patch may set (every indexed one among them), each watched by an `UPDATE OF` trigger. */
const watched = ["status", "reasons", "x3_key", "po_number", "revision", "purpose_code", "file_name", "metadata"];

describe("updateDocument", () => {
  it("sets only the columns the patch gives: SQLite rewrites the index entries of every column it sets", async () => {
    const path = join(dir, "state.db");
    const stores = createSqliteStores({ path });
    const watcher = new Database(path);
    try {
      // An `UPDATE OF column` trigger fires when the column is in the statement's SET list, whatever its value.
      watcher.exec("CREATE TABLE set_columns (name TEXT NOT NULL)");
      for (const column of watched) {
        watcher.exec(
          `CREATE TRIGGER set_${column} AFTER UPDATE OF ${column} ON documents BEGIN INSERT INTO set_columns VALUES ('${column}'); END`,
        );
      }
      const document = await stores.audit.recordDocument(
        receivedOrder({ naturalKey: "850:ACME:PO1", poNumber: "PO1", fileName: "PO1.json" }),
      );
      const setBy = async (patch: Parameters<typeof stores.audit.updateDocument>[1]) => {
        await stores.audit.updateDocument(document.id, patch);
        await stores.audit.flush();
        const names = watcher.prepare<[], { name: string }>("SELECT name FROM set_columns").all();
        watcher.exec("DELETE FROM set_columns");
        return names.map((row) => row.name).sort();
      };
      expect(await setBy({ status: "created", reasons: [], x3Key: "SO1" })).toEqual(["reasons", "status", "x3_key"]);
      expect(await setBy({ status: "failed" })).toEqual(["status"]);
      expect(await setBy({ metadata: { note: "kept" }, revision: 2 })).toEqual(["metadata", "revision"]);
      // What was not given is kept as it was.
      expect(await stores.audit.getDocument(document.id)).toMatchObject({
        status: "failed",
        x3Key: "SO1",
        poNumber: "PO1",
        fileName: "PO1.json",
        revision: 2,
        metadata: { note: "kept" },
      });
    } finally {
      watcher.close();
      await stores.close();
    }
  });
});
