import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { supportedSchemaVersion } from "@ml-connector/store-postgres";
import { describe, expect, it } from "vitest";
import { usePostgresDatabase } from "../../../store-postgres/test/support/postgres-server.js";
import { demoOrders } from "../../src/demo/seed.js";
import { loadConfig } from "../../src/index.js";
import { describePostgres } from "../../src/runtime/wiring.js";
import { minimalConfig, run, tempDir, useSystems } from "../support/run.js";

// `store: { postgres: { connectionString: "${VAR}" } }` in the config: the CLI runs on a PostgreSQL schema, and the
// connection string (its password above all) is treated as a secret everywhere.

const database = usePostgresDatabase();

/** `${NAME}` in a config: substituted from the environment. */
const envRef = (name: string) => `\${${name}}`;

/** The test database's URL with a password in it (trust authentication ignores it when the server has none). */
function urlWithPassword(): { url: string; password: string } {
  const url = new URL(database.url);
  if (url.password === "") url.password = "pg-s3cret-pass";
  return { url: url.toString(), password: decodeURIComponent(url.password) };
}

const start = useSystems();

describe("store.postgres in the config", () => {
  it("is validated, defaults its schema and pool size, and counts as a secret", async () => {
    const temp = await tempDir();
    try {
      const path = join(temp.dir, "ml-connector.config.json");
      const base = minimalConfig;
      await writeFile(path, JSON.stringify({ ...base, store: { postgres: { connectionString: envRef("DB_URL") } } }));
      const loaded = await loadConfig(path, { DB_URL: "postgres://app:pa%24%24word@db.internal:5432/edi" });
      expect(loaded.config.store).toEqual({
        postgres: {
          connectionString: "postgres://app:pa%24%24word@db.internal:5432/edi",
          schema: "ml_connector",
          poolSize: 10,
          preparedStatements: true,
          groupWrites: false,
        },
      });
      expect(loaded.secrets).toEqual(
        expect.arrayContaining(["postgres://app:pa%24%24word@db.internal:5432/edi", "pa$$word"]),
      );
      expect(describePostgres("postgres://app:pa%24%24word@db.internal:5432/edi", "ml_connector")).toBe(
        "PostgreSQL db.internal:5432/edi, schema ml_connector",
      );

      await writeFile(path, JSON.stringify(base));
      expect((await loadConfig(path, {})).config.store).toEqual({ sqlite: ".ml-connector/state.sqlite" });

      await writeFile(
        path,
        JSON.stringify({ ...base, store: { sqlite: "a.sqlite", postgres: { connectionString: "postgres://h/d" } } }),
      );
      await expect(loadConfig(path, {})).rejects.toThrow(/store.sqlite or store.postgres, not both/);
      await writeFile(
        path,
        JSON.stringify({ ...base, store: { postgres: { connectionString: "postgres://h/d", schema: "Bad-Name" } } }),
      );
      await expect(loadConfig(path, {})).rejects.toThrow(/store.postgres.schema/);
      await writeFile(
        path,
        JSON.stringify({
          ...base,
          store: { postgres: { connectionString: "postgres://h/d", preparedStatements: false } },
        }),
      );
      expect((await loadConfig(path, {})).config.store).toMatchObject({ postgres: { preparedStatements: false } });
      await writeFile(
        path,
        JSON.stringify({
          ...base,
          store: { postgres: { connectionString: "postgres://h/d", preparedStatements: "no" } },
        }),
      );
      await expect(loadConfig(path, {})).rejects.toThrow(/store.postgres.preparedStatements/);
    } finally {
      await temp.remove();
    }
  });

  it("sync, audit and doctor run on the PostgreSQL schema and never print the connection string", async () => {
    const { url, password } = urlWithPassword();
    const s = await start({
      edit: (config) => {
        config.store = { postgres: { connectionString: envRef("ML_CONNECTOR_DATABASE_URL"), schema: "cli_store" } };
      },
    });
    s.env.ML_CONNECTOR_DATABASE_URL = url;
    for (const order of demoOrders(3)) s.sps.mailbox.putOutbound(order.fileName, order.content);

    const sync = await s.cli("sync", "--once");
    expect(sync.code).toBe(0);
    expect(s.x3.data.list("SORDER")).toHaveLength(3);

    const audit = await s.cli("audit", "list");
    expect(audit.code).toBe(0);
    expect(audit.stdout.match(/created/g)?.length).toBeGreaterThanOrEqual(3);

    const doctor = await s.cli("doctor");
    expect(doctor.stdout).toMatch(
      new RegExp(`pass {2}store: PostgreSQL [^ ]+, schema cli_store \\(schema v${supportedSchemaVersion}\\)`),
    );

    // A second sync finds the orders already done: the state lives in PostgreSQL, not in the process.
    const again = await s.cli("sync", "--once", "--flow", "orders-in");
    expect(again.code).toBe(0);
    expect(s.x3.data.list("SORDER")).toHaveLength(3);

    for (const output of [sync, audit, doctor, again]) {
      expect(output.stdout + output.stderr).not.toContain(password);
      expect(output.stdout + output.stderr).not.toContain(url);
    }
  }, 120_000);

  it("two instances with instance.workClaims run orders-in at the same time on one mailbox, each PO once", async () => {
    const s = await start({
      edit: (config) => {
        config.store = { postgres: { connectionString: envRef("ML_CONNECTOR_DATABASE_URL"), schema: "cli_shared" } };
        config.instance = { id: envRef("INSTANCE_ID"), workClaims: true };
      },
    });
    s.env.ML_CONNECTOR_DATABASE_URL = database.url;
    for (const order of demoOrders(24)) s.sps.mailbox.putOutbound(order.fileName, order.content);

    const instance = (id: string) =>
      run(["sync", "--once", "--flow", "orders-in", "--config", s.configPath], {
        env: { ...s.env, INSTANCE_ID: id },
        cwd: s.dir,
      });
    const [a, b] = await Promise.all([instance("cli-a"), instance("cli-b")]);
    for (const output of [a, b]) {
      expect(output.code).toBe(0);
      expect(output.stdout).not.toMatch(/run\.skipped/);
    }
    // Off a terminal, sync logs one JSON line per event: count each instance's creations.
    const created = (output: { stdout: string }) => output.stdout.match(/"event":"document\.created"/g)?.length ?? 0;
    // Neither waited on the other's flow lock (no run.skipped above); between them each PO was created once. (Which
    // instance got how many depends on who listed first: the split is the in-process and PostgreSQL tests' concern.)
    expect(created(a) + created(b)).toBe(24);
    expect(s.x3.data.list("SORDER")).toHaveLength(24);
    expect(s.sps.mailbox.paths("out")).toEqual([]);
  }, 120_000);

  it("reports an unreachable server as a store failure without the password", async () => {
    const s = await start({
      edit: (config) => {
        config.store = { postgres: { connectionString: envRef("ML_CONNECTOR_DATABASE_URL") } };
      },
    });
    s.env.ML_CONNECTOR_DATABASE_URL = "postgres://app:unreachable-s3cret@127.0.0.1:1/edi";
    const result = await s.cli("sync", "--once");
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/PostgreSQL connection failed/);
    expect(result.stdout + result.stderr).not.toContain("unreachable-s3cret");
  }, 60_000);
});
