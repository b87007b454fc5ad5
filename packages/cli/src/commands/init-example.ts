import { existsSync } from "node:fs";
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Output } from "../output/io.js";
import { configurationError, ExitCode } from "../runtime/errors.js";
import { version } from "../version.js";

/** The examples `init --example` writes: each runs with `npm start` once copied out. */
export const exampleNames = ["quickstart", "embed-in-ipaas", "partner-rules", "parse-850"] as const;

/** Where the project's public documents live, for the links of an example's README once it is copied out. */
const REPOSITORY_BLOB = "https://github.com/ml-connector/ml-connector/blob/main/";

/**
 * The examples' folder: dist/examples in the published package (the build copies them there, with the toolchain's
 * versions), else the repository's examples/ when the CLI runs from its sources.
 */
function examplesRoot(): string {
  const candidates = [
    fileURLToPath(new URL("./examples/", import.meta.url)),
    fileURLToPath(new URL("../../../../examples/", import.meta.url)),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, "quickstart", "package.json")));
  if (!found) throw configurationError("This build of ml-connector has no examples (dist/examples is missing).");
  return found;
}

/** The versions of tsx, typescript and @types/node the examples are tested with, as `^` ranges. */
async function toolchain(root: string): Promise<Record<string, string>> {
  const bundled = join(root, "toolchain.json");
  if (existsSync(bundled)) return JSON.parse(await readFile(bundled, "utf8")) as Record<string, string>;
  const workspace = JSON.parse(await readFile(join(root, "..", "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return toolchainOf(workspace.devDependencies);
}

/** Also used by the build (scripts/bundle-examples.mjs writes its result as toolchain.json). */
export function toolchainOf(devDependencies: Record<string, string>): Record<string, string> {
  const ranges: Record<string, string> = {};
  for (const name of ["tsx", "typescript", "@types/node"]) {
    const pinned = devDependencies[name];
    if (pinned) ranges[name] = `^${pinned.replace(/^[\^~]/, "")}`;
  }
  return ranges;
}

interface ExamplePackageJson {
  name: string;
  description?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** The example's package.json as an npm project outside the workspace: real version ranges, plain `tsx`. */
function standalonePackageJson(source: ExamplePackageJson, name: string, tools: Record<string, string>) {
  const dependencies = Object.fromEntries(
    Object.entries(source.dependencies ?? {}).map(([dependency, range]) => [
      dependency,
      range.startsWith("workspace:") ? `^${version}` : range,
    ]),
  );
  const start = (source.scripts?.start ?? "tsx src/main.ts").replace(" --conditions=ml-connector-source", "");
  return {
    name: `ml-connector-example-${name}`,
    version: "0.0.0",
    private: true,
    description: source.description,
    type: "module",
    engines: { node: ">=20" },
    scripts: { start, typecheck: "tsc -p tsconfig.json" },
    dependencies,
    devDependencies: tools,
  };
}

/** The compiler options the examples are checked with in the repository, without its source-only condition. */
const standaloneTsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2023", "DOM"],
    types: ["node"],
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    skipLibCheck: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    resolveJsonModule: true,
    noEmit: true,
  },
  include: ["src"],
};

/** Relative links into the repository become links to its public copy. */
function standaloneMarkdown(text: string): string {
  return text
    .replace(/\]\(\.\.\/\.\.\/([^)]+)\)/g, `](${REPOSITORY_BLOB}$1)`)
    .replace(/\]\(\.\.\/([^)]+)\)/g, `](${REPOSITORY_BLOB}examples/$1)`);
}

/** Every file of an example, except what belongs to the repository (its tests, installed modules). */
async function exampleFiles(dir: string, under = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = join(under, entry.name);
    if (entry.isDirectory()) {
      if (!["node_modules", "test", "dist"].includes(entry.name)) files.push(...(await exampleFiles(dir, path)));
    } else files.push(path);
  }
  return files.sort();
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * `init --example NAME`: writes one of the repository's examples as an npm project of its own (dependencies on the
 * published packages with `^` ranges, its own tsconfig, README links to the repository), ready for
 * `npm install && npm start`. Never overwrites without `--force`.
 */
export async function runInitExample(
  out: Output,
  options: { name: string; dir: string | undefined; cwd: string; force: boolean },
): Promise<ExitCode> {
  const name = exampleNames.find((known) => known === options.name);
  if (!name) {
    throw configurationError(`No example "${options.name}". The examples are: ${exampleNames.join(", ")}.`);
  }
  const root = examplesRoot();
  const source = join(root, name);
  const target = resolve(options.cwd, options.dir ?? name);
  const tools = await toolchain(root);

  const files = new Map<string, string | Buffer>();
  for (const path of await exampleFiles(source)) {
    const content = await readFile(join(source, path));
    if (path === "package.json") {
      const json = JSON.parse(content.toString("utf8")) as ExamplePackageJson;
      files.set(path, `${JSON.stringify(standalonePackageJson(json, name, tools), null, 2)}\n`);
    } else if (path === "tsconfig.json") {
      files.set(path, `${JSON.stringify(standaloneTsconfig, null, 2)}\n`);
    } else if (path.endsWith(".md")) {
      files.set(path, standaloneMarkdown(content.toString("utf8")));
    } else files.set(path, content);
  }

  const existing: string[] = [];
  for (const path of files.keys()) if (await exists(join(target, path))) existing.push(path);
  if (existing.length > 0 && !options.force) {
    throw configurationError(`Not overwriting ${existing.join(", ")} in ${target}. Pass --force to replace them.`);
  }
  for (const [path, content] of files) {
    await mkdir(dirname(join(target, path)), { recursive: true });
    await writeFile(join(target, path), content);
  }
  if (out.isJsonOnly) {
    out.json({ ok: true, example: name, dir: target, files: [...files.keys()] });
    return ExitCode.ok;
  }
  out.line(`Wrote the ${name} example to ${target} (${files.size} files).`);
  out.line();
  out.line("Next:");
  const into = relative(options.cwd, target) || ".";
  out.line(`  cd ${into.includes(" ") ? JSON.stringify(into) : into} && npm install && npm start`);
  out.line(`Its README.md says what it does and what to look at${basename(target) === name ? "" : ` (${name})`}.`);
  return ExitCode.ok;
}
