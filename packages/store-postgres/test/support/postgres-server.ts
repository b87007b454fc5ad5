/**
 * A real PostgreSQL server for tests.
 *
 * - `ML_CONNECTOR_TEST_DATABASE_URL` set (CI: scripts/ci/start-postgres.sh): that server is used. Its role needs
 *   CREATEDB, since every test file gets a database of its own.
 * - Otherwise a throwaway cluster is started from the PostgreSQL binaries installed on the machine
 *   (/usr/lib/postgresql/<version>/bin, or `ML_CONNECTOR_TEST_PG_BIN`): initdb in a fresh temp dir, trust auth,
 *   127.0.0.1 on a free port, run as the `postgres` OS user when we are root. One cluster serves a whole vitest run
 *   (the test files share it, each in its own database); a watchdog stops it and deletes its files when the vitest
 *   process ends, however it ends.
 * - No binaries and no URL: `startTestPostgres` throws, saying how to install them. Tests are never silently skipped.
 *
 * API:
 * - `usePostgresDatabase()` in a test file: a fresh database for that file (created in `beforeAll`, dropped in
 *   `afterAll`); read `.url` inside tests and hooks.
 * - `createTestDatabase()` / `dropTestDatabase(url)`: the same by hand, e.g. for child processes.
 * - `startTestPostgres()`: the server itself (`adminUrl`, `databaseUrl(name)`), started on first use.
 * - `freshSchema()`: a new schema name, for an empty store inside the file's database.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isMainThread } from "node:worker_threads";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";

export const databaseUrlVariable = "ML_CONNECTOR_TEST_DATABASE_URL";

export interface TestPostgres {
  /** A URL to the server's maintenance database (the env URL as given, or `postgres` on the throwaway cluster). */
  adminUrl: string;
  /** The URL of another database on the same server, same credentials. */
  databaseUrl(name: string): string;
  /** `env` when `ML_CONNECTOR_TEST_DATABASE_URL` was used, `throwaway` when this harness started the cluster. */
  origin: "env" | "throwaway";
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** The directory holding initdb, pg_ctl and postgres, newest version first; undefined when none is installed. */
export function findPostgresBinaries(): string | undefined {
  const override = process.env.ML_CONNECTOR_TEST_PG_BIN;
  if (override !== undefined && override !== "") return existsSync(join(override, "postgres")) ? override : undefined;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "postgres")) && existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], "bin");
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the `postgres` OS user when we are root (the server refuses to run as root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

interface ClusterState {
  port: number;
  dir: string;
}

/**
 * Starts the cluster in `dir` (which we own), and a detached watchdog that stops it and removes `dir` once process
 * `ownerPid` is gone.
 */
async function startCluster(bin: string, dir: string, ownerPid: number): Promise<ClusterState> {
  const data = join(dir, "data");
  if (isRoot()) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), -1);
  const [initCmd, initArgs] = asPostgres(join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  execFileSync(initCmd, initArgs, { stdio: "pipe" });
  // The watchdog first, so that even a failed start leaves nothing behind.
  const watchdog = spawn(
    "bash",
    [
      "-c",
      `while kill -0 "$1" 2>/dev/null; do sleep 1; done
       if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$2/pg_ctl" -D "$3/data" -m immediate -w stop
       else "$2/pg_ctl" -D "$3/data" -m immediate -w stop; fi >/dev/null 2>&1
       rm -rf "$3"`,
      "watchdog",
      String(ownerPid),
      bin,
      dir,
    ],
    { detached: true, stdio: "ignore" },
  );
  watchdog.unref();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200 -c shared_buffers=32MB`;
    const [ctlCmd, ctlArgs] = asPostgres(join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      join(dir, "server.log"),
      "-o",
      options,
      "-w",
      "-t",
      "60",
      "start",
    ]);
    try {
      execFileSync(ctlCmd, ctlArgs, { stdio: "pipe" });
      return { port, dir };
    } catch (error) {
      lastError = error; // most likely the port was taken meanwhile: try another one
    }
  }
  const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8").slice(-2000) : "";
  throw new Error(`Could not start the test PostgreSQL cluster in ${dir}: ${String(lastError)}\n${log}`);
}

/**
 * One cluster per vitest run: the worker processes of one run share the parent's pid, and the first one to create the
 * run's directory starts the cluster while the others wait for its `state.json`.
 */
async function throwawayCluster(bin: string): Promise<ClusterState> {
  // vitest's forks pool: the workers are children of the vitest process, which owns the cluster. Its threads pool, or
  // no vitest at all: this process does.
  const forkedByVitest = process.env.VITEST !== undefined && isMainThread && typeof process.send === "function";
  const ownerPid = forkedByVitest ? process.ppid : process.pid;
  const dir = join(tmpdir(), `ml-connector-pg-${ownerPid}`);
  const stateFile = join(dir, "state.json");
  const errorFile = join(dir, "error.txt");
  let creator = false;
  try {
    mkdirSync(dir, { mode: 0o755 });
    creator = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (creator) {
    try {
      const state = await startCluster(bin, dir, ownerPid);
      writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
      execFileSync("mv", [`${stateFile}.tmp`, stateFile]);
      return state;
    } catch (error) {
      writeFileSync(errorFile, String(error));
      throw error;
    }
  }
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (existsSync(stateFile)) return JSON.parse(readFileSync(stateFile, "utf8")) as ClusterState;
    if (existsSync(errorFile)) throw new Error(readFileSync(errorFile, "utf8"));
    await sleep(100);
  }
  throw new Error(`Timed out waiting for another test process to start PostgreSQL in ${dir}`);
}

let started: Promise<TestPostgres> | undefined;

/** The test server: from `ML_CONNECTOR_TEST_DATABASE_URL`, or a throwaway cluster started on first call. */
export function startTestPostgres(): Promise<TestPostgres> {
  started ??= (async (): Promise<TestPostgres> => {
    const fromEnv = process.env[databaseUrlVariable];
    if (fromEnv !== undefined && fromEnv !== "") {
      return { adminUrl: fromEnv, databaseUrl: (name) => withDatabase(fromEnv, name), origin: "env" };
    }
    const bin = findPostgresBinaries();
    if (bin === undefined) {
      throw new Error(
        "The @ml-connector/store-postgres tests need a PostgreSQL server and none was found. Either install the " +
          "server binaries (Debian/Ubuntu: `apt-get install postgresql-15`; they are looked for in " +
          "/usr/lib/postgresql/*/bin, or set ML_CONNECTOR_TEST_PG_BIN to their directory), or point " +
          `${databaseUrlVariable} at a server whose role may CREATE DATABASE ` +
          '(e.g. `eval "$(scripts/ci/start-postgres.sh)"`).',
      );
    }
    const { port } = await throwawayCluster(bin);
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return { adminUrl, databaseUrl: (name) => withDatabase(adminUrl, name), origin: "throwaway" };
  })();
  return started;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const server = await startTestPostgres();
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a random name and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `mlc_test_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return (await startTestPostgres()).databaseUrl(name);
}

/** Drops a database made by `createTestDatabase`, closing whatever connections are still open to it. */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^mlc_test_[0-9a-f]+$/.test(name)) throw new Error(`Not a test database: ${name}`);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export interface TestDatabase {
  /** The database URL; available in tests and in hooks registered after `usePostgresDatabase()`. */
  readonly url: string;
}

/** Registers hooks giving the current test file a fresh database of its own, dropped after the file's tests. */
export function usePostgresDatabase(): TestDatabase {
  let url: string | undefined;
  beforeAll(async () => {
    url = await createTestDatabase();
  }, 120_000);
  afterAll(async () => {
    if (url !== undefined) await dropTestDatabase(url);
  });
  return {
    get url() {
      if (url === undefined) throw new Error("usePostgresDatabase(): the database is created in beforeAll");
      return url;
    },
  };
}

/** A schema name nobody used yet, for a fresh, empty store inside the file's database. */
export const freshSchema = (prefix = "t") => `${prefix}_${randomBytes(5).toString("hex")}`;
