import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "store-sqlite-processes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ContenderResult {
  name: string;
  serials: number[];
  started: string[];
  holds: [number, number][];
}

describe("several processes on one file", () => {
  it("share sequences, the ledger and locks without duplicates or overlap", async () => {
    const path = join(dir, "shared.db");
    await createSqliteStores({ path }).close();
    const rounds = 150;
    const startAt = Date.now() + 6_000;
    const contender = join(import.meta.dirname, "support/contender.ts");
    const results = await Promise.all(
      ["p1", "p2", "p3"].map(async (name) => {
        const { stdout } = await run(
          process.execPath,
          [
            "--conditions=ml-connector-source",
            "--import",
            "tsx",
            contender,
            path,
            name,
            String(rounds),
            String(startAt),
          ],
          { cwd: join(import.meta.dirname, "../../.."), timeout: 60_000 },
        );
        return JSON.parse(stdout) as ContenderResult;
      }),
    );

    const serials = results.flatMap((r) => r.serials).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 3 * rounds }, (_, i) => i + 1));

    const started = results.flatMap((r) => r.started).sort();
    expect(started).toHaveLength(rounds);
    expect(new Set(started).size).toBe(rounds);

    const holds = results.flatMap((r) => r.holds).sort((a, b) => a[0] - b[0]);
    expect(holds.length).toBeGreaterThan(0);
    // They did contend: the serials of some process are not one contiguous block.
    expect(results.some((r) => Math.max(...r.serials) - Math.min(...r.serials) + 1 > rounds)).toBe(true);
    for (let i = 1; i < holds.length; i++) expect(holds[i]![0]).toBeGreaterThanOrEqual(holds[i - 1]![1]);

    const stores = createSqliteStores({ path });
    expect(await stores.sequences.current("sscc")).toBe(3 * rounds);
    expect(await stores.audit.listInProgress({ limit: 1000 })).toHaveLength(rounds);
    await stores.close();
  }, 90_000);
});
