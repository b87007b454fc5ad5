import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { configurationError } from "../runtime/errors.js";
import { substituteEnv } from "./env.js";
import { jsonPathPosition, parseJsonc, positionAt } from "./jsonc.js";
import { type ConnectorConfig, configSchema } from "./schema.js";

/** The config file names looked for, in this order, when `--config` is not given. */
export const defaultConfigNames = ["ml-connector.config.jsonc", "ml-connector.config.json"] as const;

export interface LoadedConfig {
  config: ConnectorConfig;
  /** The config file. */
  path: string;
  /** Its folder: relative paths in the config (store, CSV files) are resolved from here. */
  dir: string;
  /** Every secret value in the config: redacted from all output. */
  secrets: string[];
  /** Resolves a path written in the config. */
  resolvePath(path: string): string;
}

/** Config fields holding secrets, whether written inline or through `${ENV}`. */
const secretFields = new Set(["clientSecret", "refreshToken", "secret", "password", "connectionString"]);

/** The password inside a connection string, which may also appear alone (in a driver's message, say). */
function passwordOf(connectionString: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(connectionString).password);
    return password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}

function collectSecrets(value: unknown, into: Set<string>, key = ""): void {
  if (typeof value === "string") {
    if (secretFields.has(key) && value.length > 0) into.add(value);
    if (key === "connectionString") {
      const password = passwordOf(value);
      if (password !== undefined) into.add(password);
    }
    return;
  }
  if (Array.isArray(value)) for (const item of value) collectSecrets(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) collectSecrets(v, into, k);
  }
}

/** Where the config is: `--config`, else the first default name that exists in `cwd`. */
export function configPathFrom(cwd: string, given: string | undefined): string {
  if (given) return resolve(cwd, given);
  const found = defaultConfigNames.map((name) => resolve(cwd, name)).find((path) => existsSync(path));
  return found ?? resolve(cwd, defaultConfigNames[0]);
}

/** A config nests a few levels (flows.orders-in.maxBytes); far deeper is not a config, and would exhaust the stack. */
const MAX_CONFIG_DEPTH = 64;

function tooDeep(path: string) {
  return configurationError(
    `${path} nests objects and arrays more than ${MAX_CONFIG_DEPTH} levels deep: this is not an ml-connector config.`,
  );
}

/** How deep a parsed JSON value nests, without recursion, stopping past the limit. */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (node === null || typeof node !== "object") continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > MAX_CONFIG_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * The parser's complaint with its place as a line and column, but never the piece of the file V8 quotes in some
 * messages (`"{"password": hunt"... is not valid JSON`): it may hold an inline secret.
 */
function jsonSyntaxMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message)?.[1];
  const what = message
    .replace(/,\s.*is not valid JSON$/s, "")
    .replace(/^Unexpected token '.*?'$/s, "Unexpected character (not JSON syntax)")
    .replace(/\s*in JSON at position \d+.*$/s, "");
  if (position === undefined) return what;
  const { line, column } = positionAt(text, Number(position));
  return `${what} at line ${line}, column ${column}`;
}

/**
 * Reads a config file: JSON with comments, `${ENV}` substituted, validated by the zod schema. Every problem is a
 * `configuration` ConnectorError (exit code 2) whose message names the file and the field; secrets are never in it.
 */
export async function loadConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw configurationError(
      code === "ENOENT"
        ? `No config file at ${path}. Create one with \`ml-connector init\` or pass --config FILE.`
        : `Cannot read the config file ${path}: ${code ?? String(error)}`,
    );
  }
  let raw: unknown;
  try {
    raw = parseJsonc(text);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(path);
    throw configurationError(`${path} is not valid JSON: ${jsonSyntaxMessage(text, error)}`);
  }
  // Checked before anything walks the value recursively (the ${ENV} substitution, the schema).
  if (nestingDepth(raw) > MAX_CONFIG_DEPTH) throw tooDeep(path);
  const { value } = substituteEnv(raw, env, (fieldPath) => jsonPathPosition(text, fieldPath));
  const secrets = new Set<string>();
  collectSecrets(value, secrets);
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
      ...jsonPathPosition(text, issue.path),
    }));
    const lines = issues.map(
      (issue) => `  ${issue.path || "(root)"}: ${issue.message} (line ${issue.line}, column ${issue.column})`,
    );
    throw configurationError(`Invalid config ${path}:\n${lines.join("\n")}`, { issues });
  }
  const dir = dirname(path);
  return {
    config: parsed.data,
    path,
    dir,
    secrets: [...secrets],
    resolvePath: (p) => (isAbsolute(p) ? p : resolve(dir, p)),
  };
}
