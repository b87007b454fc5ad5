// Writes config.schema.json from the zod config schema (src/config/schema.ts), formatted by biome like every file of
// the repository; `--check` fails when the committed file says something else than the schema.
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { configJsonSchema } from "../src/config/schema.js";

const target = fileURLToPath(new URL("../config.schema.json", import.meta.url));
const schema = configJsonSchema();

if (process.argv.includes("--check")) {
  const committed: unknown = JSON.parse(await readFile(target, "utf8").catch(() => "null"));
  if (!isDeepStrictEqual(committed, schema)) {
    console.error("config.schema.json is out of date: run pnpm --filter @ml-connector/cli generate");
    process.exit(1);
  }
  console.log("config.schema.json is up to date");
} else {
  await writeFile(target, `${JSON.stringify(schema, null, 2)}\n`, "utf8");
  execFileSync("npx", ["biome", "format", "--write", target], { stdio: "inherit" });
  console.log(`wrote ${target}`);
}
