import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectFairContention, runContenders } from "@ml-connector/state/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-processes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("several processes on one file", () => {
  it("share sequences, the ledger and locks without duplicates or overlap", async () => {
    const path = join(dir, "shared.db");
    await createSqliteStores({ path }).close();
    const rounds = 150;
    const contender = join(import.meta.dirname, "support/contender.ts");
    const results = await runContenders(
      ["p1", "p2", "p3"],
      (name) => ["--conditions=ml-connector-source", "--import", "tsx", contender, path, name, String(rounds)],
      join(import.meta.dirname, "../../.."),
    );
    expectFairContention(results, rounds);

    const stores = createSqliteStores({ path });
    expect(await stores.sequences.current("sscc")).toBe(3 * rounds);
    expect(await stores.audit.listInProgress({ limit: 1000 })).toHaveLength(rounds);
    await stores.close();
  }, 90_000);
});
