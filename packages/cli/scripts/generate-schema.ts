// Writes config.schema.json from the zod config schema (src/config/schema.ts); `--check` fails when it has drifted.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/config/schema.js";

const target = fileURLToPath(new URL("../config.schema.json", import.meta.url));
const generated = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;

if (process.argv.includes("--check")) {
  const committed = await readFile(target, "utf8").catch(() => "");
  if (committed !== generated) {
    console.error("config.schema.json is out of date: run pnpm --filter @ml-connector/cli generate");
    process.exit(1);
  }
  console.log("config.schema.json is up to date");
} else {
  await writeFile(target, generated, "utf8");
  console.log(`wrote ${target}`);
}
