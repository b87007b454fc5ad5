import { access, mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { mappingKinds } from "@ml-connector/sync-core";
import { configJsonSchema } from "../config/schema.js";
import { configTemplate, csvFileNames, csvTemplate, type X3AuthMode } from "../config/template.js";
import type { Output } from "../output/io.js";
import { configurationError, ExitCode } from "../runtime/errors.js";

export const SCHEMA_FILE = "ml-connector.schema.json";

export interface InitOptions {
  dir: string;
  configFile: string;
  force: boolean;
  x3Auth: X3AuthMode;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Writes the commented config, its JSON Schema and one CSV template per mapping kind; never overwrites without force. */
export async function runInit(out: Output, options: InitOptions): Promise<ExitCode> {
  const dir = resolve(options.dir);
  const files = new Map<string, string>();
  files.set(
    resolve(dir, options.configFile),
    configTemplate({ schemaFile: SCHEMA_FILE, x3Auth: options.x3Auth, mappingsDir: "mappings" }),
  );
  files.set(join(dir, SCHEMA_FILE), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  for (const kind of mappingKinds) files.set(join(dir, "mappings", csvFileNames[kind]), csvTemplate(kind));

  const existing: string[] = [];
  for (const path of files.keys()) if (await exists(path)) existing.push(path);
  if (existing.length > 0 && !options.force) {
    throw configurationError(
      `Not overwriting ${existing.map((p) => relative(dir, p) || p).join(", ")} in ${dir}. Pass --force to replace them.`,
    );
  }
  await mkdir(join(dir, "mappings"), { recursive: true });
  for (const [path, content] of files) await writeFile(path, content, "utf8");
  if (out.isJsonOnly) {
    out.json({ ok: true, dir, files: [...files.keys()].map((path) => relative(dir, path)) });
    return ExitCode.ok;
  }
  out.line(`Wrote to ${dir}:`);
  for (const path of files.keys()) out.line(`  ${relative(dir, path)}`);
  out.line();
  out.line("Next:");
  out.line("  1. Fill in the URLs in the config; set the secrets it names as environment variables, e.g.");
  out.line("       export SPS_CLIENT_ID=... SPS_CLIENT_SECRET=... X3_CLIENT_ID=... X3_CLIENT_SECRET=... X3_USER=...");
  out.line("  2. Replace the example rows in mappings/*.csv with your partners, ship-tos, items, units, cost centres.");
  out.line(
    `  3. ml-connector doctor${options.configFile === "ml-connector.config.jsonc" ? "" : ` --config ${options.configFile}`}`,
  );
  return ExitCode.ok;
}
