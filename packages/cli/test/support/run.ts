import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SageX3Sandbox, type SpsSandbox, type SpsSandboxOptions, startSandboxPair } from "@ml-connector/sandbox";
import { afterEach } from "vitest";
import { sandboxConfig, sandboxEnv } from "../../src/commands/sandbox.js";
import type { X3AuthMode } from "../../src/config/template.js";
import { type CliIo, runCli } from "../../src/index.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** A text sink that keeps what is written. */
export function sink(isTTY = false) {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 120,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(""),
  };
}

/** Runs the CLI in-process and captures its output. */
export async function run(argv: readonly string[], io: Partial<CliIo> & { tty?: boolean } = {}): Promise<Captured> {
  const stdout = sink(io.tty ?? false);
  const stderr = sink();
  const code = await runCli(argv, { ...io, stdout, stderr, env: io.env ?? {}, cwd: io.cwd ?? process.cwd() });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "ml-connector-cli-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface Systems {
  sps: SpsSandbox;
  x3: SageX3Sandbox;
  dir: string;
  configPath: string;
  env: Record<string, string>;
  /** Runs the CLI with this config and environment. */
  cli(...argv: string[]): Promise<Captured>;
  close(): Promise<void>;
}

/**
 * Both sandboxes, and a config for them in a temp folder (what `ml-connector sandbox --write` produces). The outbound
 * flows get no safety lag, so what X3 users just did is read at once.
 */
export async function startSystems(
  options: {
    x3Auth?: X3AuthMode;
    spsSecret?: string;
    edit?: (config: Record<string, unknown>) => void;
    sps?: SpsSandboxOptions;
  } = {},
): Promise<Systems> {
  const pair = await startSandboxPair({
    sps: {
      ...options.sps,
      ...(options.spsSecret ? { credentials: { clientId: "cli-test-client", clientSecret: options.spsSecret } } : {}),
    },
  });
  const { sps, x3 } = pair;
  const mode = options.x3Auth ?? "connected-app";
  const { dir, remove } = await tempDir();
  const config = sandboxConfig(sps, x3, mode);
  const flows = config.flows as Record<string, Record<string, unknown>>;
  for (const flow of ["acks-out", "asns-out", "invoices-out"]) flows[flow] = { ...flows[flow], safetyLagMs: 0 };
  options.edit?.(config);
  const configPath = join(dir, "ml-connector.config.json");
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const env = sandboxEnv(sps, x3, mode);
  return {
    sps,
    x3,
    dir,
    configPath,
    env,
    cli: (...argv) => run([...argv, "--config", configPath], { env, cwd: dir }),
    close: async () => {
      await pair.close().catch(() => undefined);
      await remove();
    },
  };
}

/**
 * Systems for the tests of one file, each closed after the test that started them: call at the top level of the file,
 * then `await start(options)` in a test.
 */
export function useSystems(): typeof startSystems {
  const started: Systems[] = [];
  afterEach(async () => {
    for (const systems of started.splice(0)) await systems.close();
  });
  return async (options) => {
    const systems = await startSystems(options);
    started.push(systems);
    return systems;
  };
}

/** Output of `--json` commands that print one JSON object a line. */
export const jsonLines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The least a config needs (both systems' credentials), for tests of one of its other parts. */
export const minimalConfig = {
  sps: { clientId: "c", clientSecret: "s" },
  sageX3: {
    serverUrl: "https://x3.example.com",
    endpoint: "SEED",
    auth: { mode: "basic", username: "u", password: "p" },
  },
};
