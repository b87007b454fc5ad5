// Regenerates src/generated/sage-x3.ts from openapi/sage-x3-api1.yaml.
// `node scripts/generate.mjs` writes it; `node scripts/generate.mjs --check` fails when the committed file drifted.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = join(root, "openapi", "sage-x3-api1.yaml");
const target = join(root, "src", "generated", "sage-x3.ts");
const header = [
  "// GENERATED FILE: do not edit by hand.",
  "// Source: packages/sage-x3-client/openapi/sage-x3-api1.yaml (openapi-typescript 7).",
  "// Regenerate: pnpm --filter @ml-connector/sage-x3-client generate",
  "// Drift check (CI): pnpm run check:generated",
  "",
].join("\n");

const dir = mkdtempSync(join(tmpdir(), "sage-x3-gen-"));
try {
  const out = join(dir, "sage-x3.ts");
  const bin = join(
    root,
    "node_modules",
    ".bin",
    process.platform === "win32" ? "openapi-typescript.cmd" : "openapi-typescript",
  );
  execFileSync(bin, [spec, "-o", out], { stdio: ["ignore", "ignore", "inherit"] });
  const generated = header + readFileSync(out, "utf8");
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // Missing counts as drift.
    }
    if (current !== generated) {
      console.error(`${target} is out of date with ${spec}. Run: pnpm --filter @ml-connector/sage-x3-client generate`);
      process.exit(1);
    }
    console.log("src/generated/sage-x3.ts is up to date.");
  } else {
    writeFileSync(target, generated);
    console.log(`wrote ${target}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
