import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { version } from "../../src/version.js";
import { run, tempDir } from "../support/run.js";

// An example copied out of the repository must install and run with npm: no `workspace:` ranges, no tsconfig that
// extends a file left behind, no links into folders the reader does not have. (The tarball smoke test in CI
// installs one and runs it.)

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function listFiles(dir: string, under = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = join(under, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(dir, path)));
    else files.push(path);
  }
  return files.sort();
}

describe("init --example", () => {
  it("writes the quickstart as an npm project of its own: published ranges, its own tsconfig, public links", async () => {
    const temp = await tempDir();
    cleanups.push(temp.remove);
    const result = await run(["init", "--example", "quickstart"], { cwd: temp.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("cd quickstart && npm install && npm start");
    const dir = join(temp.dir, "quickstart");
    const files = await listFiles(dir);
    expect(files).toContain("package.json");
    expect(files).toContain(join("src", "quickstart.ts"));
    expect(files).toContain(join("mappings", "items.csv"));
    expect(files.filter((file) => file.startsWith("orders"))).toHaveLength(3);
    expect(files.some((file) => file.startsWith("test") || file.includes("node_modules"))).toBe(false);

    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      "@ml-connector/sage-x3-client",
      "@ml-connector/sandbox",
      "@ml-connector/sps-client",
      "@ml-connector/sync-core",
    ]);
    for (const range of Object.values(pkg.dependencies)) expect(range).toBe(`^${version}`);
    expect(pkg.scripts.start).toBe("tsx src/main.ts");
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(["@types/node", "tsx", "typescript"]);
    for (const range of Object.values(pkg.devDependencies)) expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);

    const tsconfig = JSON.parse(await readFile(join(dir, "tsconfig.json"), "utf8")) as Record<string, unknown>;
    expect(tsconfig.extends).toBeUndefined();
    expect(JSON.stringify(tsconfig)).not.toContain("ml-connector-source");
    const readme = await readFile(join(dir, "README.md"), "utf8");
    expect(readme).not.toMatch(/\]\(\.\.\//);
    expect(readme).toContain("](https://github.com/ml-connector/ml-connector/blob/main/docs/");
  });

  it("--dir and --json; never overwrites without --force; an unknown name lists the examples", async () => {
    const temp = await tempDir();
    cleanups.push(temp.remove);
    const first = await run(["init", "--example", "parse-850", "--dir", "my-parser", "--json"], { cwd: temp.dir });
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout) as { ok: boolean; dir: string; files: string[] };
    expect(json).toMatchObject({ ok: true, dir: join(temp.dir, "my-parser") });
    expect(json.files).toContain(join("src", "main.ts"));

    const again = await run(["init", "--example", "parse-850", "--dir", "my-parser"], { cwd: temp.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("Pass --force");
    expect(
      (await run(["init", "--example", "parse-850", "--dir", "my-parser", "--force"], { cwd: temp.dir })).code,
    ).toBe(0);

    const unknown = await run(["init", "--example", "nope"], { cwd: temp.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("quickstart, embed-in-ipaas, partner-rules, parse-850");
  });
});
