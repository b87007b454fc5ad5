import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseUrlVariable, startTestPostgres, usePostgresDatabase } from "../support/postgres-server.js";

const run = promisify(execFile);
const database = usePostgresDatabase();

describe("the test server harness", () => {
  it("fails loudly, saying how to get a server, when there is neither a URL nor binaries", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ML_CONNECTOR_TEST_PG_BIN: "/nonexistent/bin" };
    delete env[databaseUrlVariable];
    delete env.VITEST;
    const result = await run(
      process.execPath,
      ["--conditions=ml-connector-source", "--import", "tsx", join(import.meta.dirname, "no-server.fixture.ts")],
      { cwd: join(import.meta.dirname, "../../../.."), env, timeout: 60_000 },
    ).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("apt-get install postgresql-15");
    expect(result.stdout).toContain(databaseUrlVariable);
  }, 60_000);

  it("gives this file a database of its own on the test server", async () => {
    const server = await startTestPostgres();
    expect(["env", "throwaway"]).toContain(server.origin);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
      expect(rows[0]?.name).toMatch(/^mlc_test_[0-9a-f]{12}$/);
    } finally {
      await client.end();
    }
  });
});
