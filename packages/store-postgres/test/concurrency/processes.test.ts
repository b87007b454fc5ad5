import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPostgresStores, migrations } from "../../src/index.js";
import { freshSchema, usePostgresDatabase } from "../support/postgres-server.js";

const database = usePostgresDatabase();

interface ContenderResult {
  name: string;
  serials: number[];
  started: string[];
  holds: [number, number][];
}

describe("several processes on one schema", () => {
  it("migrate once, then share sequences, the ledger and locks without duplicates or overlap", async () => {
    const schema = freshSchema("procs");
    const rounds = 100;
    const contender = join(import.meta.dirname, "../support/contender.ts");
    const children = ["p1", "p2", "p3"].map((name) => {
      const child = spawn(
        process.execPath,
        ["--conditions=ml-connector-source", "--import", "tsx", contender, database.url, schema, name, String(rounds)],
        { cwd: join(import.meta.dirname, "../../../.."), stdio: ["pipe", "pipe", "inherit"] },
      );
      let out = "";
      child.stdout.setEncoding("utf8");
      const ready = new Promise<void>((resolve) => {
        child.stdout.on("data", (chunk: string) => {
          out += chunk;
          if (out.includes("ready\n")) resolve();
        });
      });
      const done = new Promise<ContenderResult>((resolve, reject) => {
        child.on("error", reject);
        child.on("exit", (code) => {
          if (code !== 0) reject(new Error(`${name} exited with ${code}`));
          else resolve(JSON.parse(out.slice(out.indexOf("ready\n") + "ready\n".length)) as ContenderResult);
        });
      });
      return { child, ready, done };
    });
    // A child that dies before it is ready fails the test instead of hanging it.
    await Promise.all(children.map((c) => Promise.race([c.ready, c.done.then(() => undefined)])));
    for (const { child } of children) child.stdin.end("go\n");
    const results = await Promise.all(children.map((c) => c.done));

    const serials = results.flatMap((r) => r.serials).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 3 * rounds }, (_, i) => i + 1));
    // They did contend: the serials of some process are not one contiguous block.
    expect(results.some((r) => Math.max(...r.serials) - Math.min(...r.serials) + 1 > rounds)).toBe(true);
    const started = results.flatMap((r) => r.started);
    expect(started).toHaveLength(rounds);
    expect(new Set(started).size).toBe(rounds);
    const holds = results.flatMap((r) => r.holds).sort((a, b) => a[0] - b[0]);
    expect(holds.length).toBeGreaterThan(0);
    for (let i = 1; i < holds.length; i++) expect(holds[i]![0]).toBeGreaterThanOrEqual(holds[i - 1]![1]);

    const stores = await createPostgresStores({ connectionString: database.url, schema });
    expect(await stores.sequences.current("sscc")).toBe(3 * rounds);
    expect(await stores.audit.listInProgress({ limit: 1000 })).toHaveLength(rounds);
    // Each migration applied exactly once, whichever process got there first.
    const versions = await stores.pool.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(versions.rows.map((row) => Number(row.version))).toEqual(migrations.map((m) => m.version));
    await stores.close();
  }, 120_000);
});
