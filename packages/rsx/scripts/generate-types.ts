// Generates the named document types of @ml-connector/rsx from its zod schemas:
//   src/generated/document-types.ts  one named type per exported schema (Order, OrderHeader, Address, ...)
//   src/generated/schemas.ts         the published schemas, each declared as z.ZodType<ThatInterface>
// Why: declaration emit writes a zod-inferred type out in full at every use, which made the package's .d.ts
// megabytes long and slow for consumers to type-check; a named type is written once and referenced by name.
// The names are object type aliases rather than interfaces so that a document stays assignable to
// Record<string, unknown>, exactly as the inferred types were (interfaces have no implicit index signature).
//   tsx scripts/generate-types.ts          writes the files   (pnpm --filter @ml-connector/rsx run generate)
//   tsx scripts/generate-types.ts --check  fails when they drifted from the schemas (pnpm run check:generated)
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import * as codeLists from "../src/code-lists/index.js";
import * as schemas from "../src/schemas/index.js";

type AnySchema = z.core.$ZodType;

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Interface names that do not follow `fooBarSchema` -> `FooBar`. */
const typeNameOverrides: Readonly<Record<string, string>> = {
  metaSchema: "RsxMeta",
  fobRelatedInstructionSchema: "FOBRelatedInstruction",
  nrfStandardColorAndSizeSchema: "NRFStandardColorAndSize",
};

function typeNameOf(exportName: string): string {
  const override = typeNameOverrides[exportName];
  if (override) return override;
  const base = exportName.slice(0, -"Schema".length);
  return base.charAt(0).toUpperCase() + base.slice(1);
}

function isSchema(value: unknown): value is AnySchema {
  return typeof value === "object" && value !== null && "_zod" in value;
}

const header = (what: string) => `/**
 * GENERATED FILE: do not edit by hand.
 * ${what}
 * Source: the zod schemas in packages/rsx/src/schemas, read by packages/rsx/scripts/generate-types.ts.
 * Regenerate: pnpm --filter @ml-connector/rsx run generate
 * CI runs \`pnpm run check:generated\`, which fails when this file and the schemas drift apart, and
 * packages/rsx/test/generated-types.test.ts proves each named type equals what zod infers from its schema.
 */
`;

interface NamedSchema {
  readonly exportName: string;
  readonly typeName: string;
  readonly schema: AnySchema;
}

/** Every exported object schema of src/schemas (`*Schema`), in export-name order. */
function namedSchemas(): NamedSchema[] {
  const named: NamedSchema[] = [];
  for (const [exportName, value] of Object.entries(schemas)) {
    if (!exportName.endsWith("Schema") || !isSchema(value)) continue;
    if (value._zod.def.type !== "object") throw new Error(`${exportName}: expected an object schema`);
    named.push({ exportName, typeName: typeNameOf(exportName), schema: value });
  }
  return named.sort((a, b) => a.typeName.localeCompare(b.typeName));
}

/** The code-list names of each code-list enum schema (an aliased list such as ItemScheduleQualifier has several). */
function codeListNames(): Map<AnySchema, string[]> {
  const names = new Map<AnySchema, string[]>();
  for (const [name, value] of Object.entries(codeLists)) {
    if (typeof value !== "object" || value === null || !("schema" in value) || !isSchema(value.schema)) continue;
    const list = names.get(value.schema) ?? [];
    list.push(name);
    names.set(value.schema, list);
  }
  for (const list of names.values()) list.sort();
  return names;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function renderDocumentTypes(named: readonly NamedSchema[]): string {
  const typeNames = new Map(named.map((entry) => [entry.schema, entry.typeName]));
  const codeListTypes = codeListNames();
  const usedCodeLists = new Set<string>();

  /** The TypeScript type of a schema's output; `key` picks among aliases of a code list (the field's own name). */
  function typeOf(schema: AnySchema, key: string, indent: string): string {
    const named = typeNames.get(schema);
    if (named) return named;
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case "string":
        return "string";
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "optional":
        return `${typeOf(def.innerType as AnySchema, key, indent)} | undefined`;
      case "array": {
        const element = typeOf(def.element as AnySchema, key, indent);
        return /^[A-Za-z0-9_]+$/.test(element) ? `${element}[]` : `(${element})[]`;
      }
      case "enum": {
        const aliases = codeListTypes.get(schema);
        if (aliases) {
          const name = aliases.includes(key) ? key : (aliases[0] as string);
          usedCodeLists.add(name);
          return name;
        }
        return Object.values(def.entries as Record<string, string>)
          .map((value) => JSON.stringify(value))
          .join(" | ");
      }
      case "object":
        return objectBody(schema, indent);
      default:
        throw new Error(`No TypeScript rendering for a zod "${def.type}" schema (field ${key})`);
    }
  }

  function objectBody(schema: AnySchema, indent: string): string {
    const def = schema._zod.def as unknown as { shape: Record<string, AnySchema>; catchall?: AnySchema };
    if (def.catchall && def.catchall._zod.def.type !== "never") {
      throw new Error("Objects with a catchall are not rendered: every RSX object is strict");
    }
    const inner = `${indent}  `;
    const lines = Object.keys(def.shape).map((key) => {
      const field = def.shape[key] as AnySchema;
      const optional = field._zod.def.type === "optional";
      const name = IDENTIFIER.test(key) ? key : JSON.stringify(key);
      return `${inner}${name}${optional ? "?" : ""}: ${typeOf(field, key, inner)};`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }

  const bodies = named.map(
    ({ exportName, typeName, schema }) =>
      `/** RSX \`${typeName}\`: the output of \`${exportName}\`. */\nexport type ${typeName} = ${objectBody(schema, "")};\n`,
  );
  const imports = [...usedCodeLists].sort();
  return `${header("Named types of the RSX document model, one per exported zod schema.")}
import type {
${imports.map((name) => `  ${name},`).join("\n")}
} from "../code-lists/index.js";

${bodies.join("\n")}`;
}

function renderPublishedSchemas(named: readonly NamedSchema[]): string {
  const byExport = [...named].sort((a, b) => a.exportName.localeCompare(b.exportName));
  return `${header("The published schemas: the same objects as src/schemas, declared with their named output type.")}
import type { z } from "zod";
import * as source from "../schemas/index.js";
import type {
${byExport.map(({ typeName }) => `  ${typeName},`).join("\n")}
} from "./document-types.js";

${byExport
  .map(
    ({ exportName, typeName }) =>
      `export const ${exportName}: z.ZodType<${typeName}, ${typeName}> = source.${exportName};`,
  )
  .join("\n")}
`;
}

/** The generated files, by path relative to the package root. */
export function renderGeneratedFiles(): Record<string, string> {
  const named = namedSchemas();
  return {
    "src/generated/document-types.ts": renderDocumentTypes(named),
    "src/generated/schemas.ts": renderPublishedSchemas(named),
  };
}

async function main(check: boolean): Promise<void> {
  const files = renderGeneratedFiles();
  for (const [path, fresh] of Object.entries(files)) {
    const target = join(packageRoot, path);
    if (!check) {
      await writeFile(target, fresh);
      console.log(`Wrote ${path}`);
      continue;
    }
    const current = await readFile(target, "utf8").catch(() => "");
    if (current === fresh) {
      console.log(`${path} matches the schemas.`);
      continue;
    }
    const currentLines = current.split("\n");
    const freshLines = fresh.split("\n");
    const line = freshLines.findIndex((text, index) => text !== currentLines[index]);
    console.error(
      `${path} is out of date with src/schemas (first difference at line ${line + 1}).\n` +
        `  expected: ${JSON.stringify(freshLines[line] ?? "")}\n  found:    ${JSON.stringify(currentLines[line] ?? "")}\n` +
        "Run: pnpm --filter @ml-connector/rsx run generate",
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.includes("--check"));
}
