import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SqliteStores } from "@ml-connector/store-sqlite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/index.js";
import { openStores } from "../../src/runtime/wiring.js";
import { minimalConfig, tempDir } from "../support/run.js";

// `store: { sqlite: FILE, commitHoldMs: N }`: how long a document's last writes wait for the next document's commit.

const base = minimalConfig;

afterEach(() => {
  vi.useRealTimers();
});

describe("store.commitHoldMs in the config", () => {
  it("is checked: a whole number of milliseconds up to 1000, and only with SQLite", async () => {
    const temp = await tempDir();
    try {
      const path = join(temp.dir, "ml-connector.config.json");
      const load = async (store: unknown) => {
        await writeFile(path, JSON.stringify({ ...base, store }));
        return loadConfig(path, {});
      };
      expect((await load({ sqlite: "a.sqlite", commitHoldMs: 200 })).config.store).toEqual({
        sqlite: "a.sqlite",
        commitHoldMs: 200,
      });
      expect((await load({ commitHoldMs: 0 })).config.store).toEqual({
        sqlite: ".ml-connector/state.sqlite",
        commitHoldMs: 0,
      });
      await expect(load({ commitHoldMs: 1001 })).rejects.toThrow(/store.commitHoldMs/);
      await expect(load({ commitHoldMs: 2.5 })).rejects.toThrow(/store.commitHoldMs/);
      await expect(load({ postgres: { connectionString: "postgres://h/d" }, commitHoldMs: 50 })).rejects.toThrow(
        /store.commitHoldMs is for store.sqlite/,
      );
    } finally {
      await temp.remove();
    }
  });

  it("is the hold of the SQLite store the CLI opens", async () => {
    const temp = await tempDir();
    try {
      const path = join(temp.dir, "ml-connector.config.json");
      await writeFile(path, JSON.stringify({ ...base, store: { sqlite: "state.sqlite", commitHoldMs: 400 } }));
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const stores = (await openStores(await loadConfig(path, {}))) as unknown as SqliteStores;
      try {
        const before = stores.auditTransactions;
        await stores.audit.recordDocument({
          direction: "in",
          type: "850",
          partnerId: "ACME",
          naturalKey: "850:ACME:PO1",
          poNumber: "PO1",
          status: "received",
        });
        vi.advanceTimersByTime(399);
        expect(stores.auditTransactions - before).toBe(0);
        vi.advanceTimersByTime(1);
        expect(stores.auditTransactions - before).toBe(1);
      } finally {
        await stores.close();
      }
    } finally {
      await temp.remove();
    }
  });
});
