// Generates src/generated/sps.ts from openapi/sps.yaml with openapi-typescript.
//   node scripts/generate-types.mjs          writes the file   (pnpm run generate)
//   node scripts/generate-types.mjs --check  fails when the file drifted from the spec (pnpm run check:generated)
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = join(root, "openapi", "sps.yaml");
const outPath = join(root, "src", "generated", "sps.ts");

const header = `/**
 * GENERATED FILE: do not edit by hand.
 * Source: packages/sps-client/openapi/sps.yaml, turned into types by openapi-typescript.
 * Regenerate: pnpm --filter @ml-connector/sps-client run generate
 * CI runs \`pnpm run check:generated\`, which fails when this file and the spec drift apart.
 */

`;

async function render() {
  const spec = await readFile(specPath, "utf8");
  const ast = await openapiTS(spec, {
    alphabetize: false,
    // Raw file bodies are bytes, not strings.
    transform(schemaObject) {
      if (schemaObject.contentMediaType === "application/octet-stream") {
        return ts.factory.createTypeReferenceNode("Uint8Array");
      }
      return undefined;
    },
  });
  return header + astToString(ast);
}

const generated = await render();
if (process.argv.includes("--check")) {
  const tempDir = await mkdtemp(join(tmpdir(), "sps-generated-"));
  const tempPath = join(tempDir, "sps.ts");
  try {
    await writeFile(tempPath, generated);
    const current = await readFile(outPath, "utf8").catch(() => "");
    const fresh = await readFile(tempPath, "utf8");
    if (current !== fresh) {
      const currentLines = current.split("\n");
      const freshLines = fresh.split("\n");
      const line = freshLines.findIndex((text, index) => text !== currentLines[index]);
      console.error(
        `src/generated/sps.ts is out of date with openapi/sps.yaml (first difference at line ${line + 1}).\n` +
          `  expected: ${JSON.stringify(freshLines[line] ?? "")}\n  found:    ${JSON.stringify(currentLines[line] ?? "")}\n` +
          "Run: pnpm --filter @ml-connector/sps-client run generate",
      );
      process.exitCode = 1;
    } else {
      console.log("src/generated/sps.ts matches openapi/sps.yaml.");
    }
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
} else {
  await writeFile(outPath, generated);
  console.log(`Wrote ${outPath}`);
}
