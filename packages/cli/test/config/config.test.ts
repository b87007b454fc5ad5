import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadMappingsFromConfig } from "@ml-connector/sync-core";
import { afterEach, describe, expect, it } from "vitest";
import { jsonPathPosition, parseJsonc } from "../../src/config/jsonc.js";
import { configJsonSchema, configSchema, loadConfig } from "../../src/index.js";
import { run, tempDir } from "../support/run.js";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const committedSchema = fileURLToPath(new URL("../../config.schema.json", import.meta.url));

const env = {
  SPS_CLIENT_ID: "client-1",
  SPS_CLIENT_SECRET: "sps-secret-abc",
  X3_CLIENT_ID: "app-1",
  X3_CLIENT_SECRET: "x3-secret-def",
  X3_USER: "WSUSER",
};

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function initIn(...args: string[]) {
  const temp = await tempDir();
  cleanup = temp.remove;
  const result = await run(["init", ...args], { cwd: temp.dir, env });
  return { dir: temp.dir, result };
}

describe("the config file", () => {
  it("the committed config.schema.json is the one generated from the zod schema", async () => {
    const committed = JSON.parse(await readFile(committedSchema, "utf8")) as unknown;
    expect(committed).toEqual(configJsonSchema());
    const schema = configJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual([
      "$schema",
      "sps",
      "sageX3",
      "store",
      "instance",
      "flows",
      "mappings",
      "partnerRules",
    ]);
    expect(schema.required).toEqual(["sps", "sageX3"]);
  });

  it("init writes a commented config referencing its JSON Schema, and CSV templates with sync-core's columns", async () => {
    const { dir, result } = await initIn();
    expect(result.code).toBe(0);
    const text = await readFile(join(dir, "ml-connector.config.jsonc"), "utf8");
    expect(text).toMatch(/^\/\/ ml-connector configuration/);
    expect(text).toContain('"$schema": "./ml-connector.schema.json"');
    expect(text).toContain(`"clientSecret": "\${SPS_CLIENT_SECRET}"`);
    expect(JSON.parse(await readFile(join(dir, "ml-connector.schema.json"), "utf8"))).toEqual(configJsonSchema());
    const items = await readFile(join(dir, "mappings", "items.csv"), "utf8");
    expect(items.split("\n")[0]).toBe("itemRef,partnerId,vendorPartNumber,buyerPartNumber,upc,gtin");
    const costCentres = await readFile(join(dir, "mappings", "cost-centres.csv"), "utf8");
    expect(costCentres).toBe("partnerId,dimensions,department\nACME,CCT=RETAIL,\n");
    // The template is valid once its variables are set (URLs with // inside strings survive comment stripping).
    const loaded = await loadConfig(join(dir, "ml-connector.config.jsonc"), env);
    expect(loaded.config.sps.baseUrl).toBe("https://api.spscommerce.com");
    expect(loaded.config.sageX3.auth).toMatchObject({ mode: "connected-app", secret: "x3-secret-def" });
    expect(loaded.secrets.sort()).toEqual(["sps-secret-abc", "x3-secret-def"]);
  });

  it("init refuses to overwrite without --force, and replaces with it", async () => {
    const { dir } = await initIn("--x3-auth", "authorization-code");
    await writeFile(join(dir, "mappings", "items.csv"), "mine\n");
    const again = await run(["init"], { cwd: dir, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("Not overwriting ml-connector.config.jsonc");
    expect(again.stderr).toContain("--force");
    expect(await readFile(join(dir, "mappings", "items.csv"), "utf8")).toBe("mine\n");
    const forced = await run(["init", "--force"], { cwd: dir, env });
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, "mappings", "items.csv"), "utf8")).toContain("itemRef");
  });

  it("a missing environment variable is a configuration error (exit 2) naming it and the field", async () => {
    const { dir } = await initIn();
    const { X3_CLIENT_SECRET: _, ...partial } = env;
    for (const argv of [["doctor"], ["sync", "--once"], ["audit", "list"]]) {
      const result = await run(argv, { cwd: dir, env: partial });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout + result.stderr).toContain(
        "Environment variable X3_CLIENT_SECRET is not set (used by sageX3.auth.secret at line",
      );
    }
  });

  it("config items are checked as the mapping loader checks them: a cross-reference loads, a misspelt key is refused", async () => {
    const { dir } = await initIn();
    const path = join(dir, "ml-connector.config.jsonc");
    const template = parseJsonc(await readFile(path, "utf8")) as Record<string, unknown>;
    const withItems = async (items: unknown[]) => {
      await writeFile(path, JSON.stringify({ ...template, mappings: { items } }));
      return loadConfig(path, env);
    };
    const crossReference = { partnerId: "ACME", itemRef: "WID-001", vendorPartNumber: "V-1", upc: "012345678905" };
    const loaded = await withItems([crossReference, { kind: "gtin", value: "00012345678905", itemRef: "WID-002" }]);
    expect(loaded.config.mappings.items).toEqual([
      crossReference,
      { kind: "gtin", value: "00012345678905", itemRef: "WID-002" },
    ]);
    // The same record the loader would refuse: an unknown key in a cross-reference is an error at its path.
    const { upc: _, ...withoutUpc } = crossReference;
    await expect(withItems([{ ...withoutUpc, upcCode: "012345678905" }])).rejects.toThrow(
      /mappings\.items\.0: Unrecognized key: "upcCode"/,
    );
    expect(() => loadMappingsFromConfig({ items: [{ ...withoutUpc, upcCode: "012345678905" }] })).toThrow(
      /Invalid mappings/,
    );
  });

  it("an invalid field is a configuration error naming its path; no config at all says how to make one", async () => {
    const { dir } = await initIn();
    const path = join(dir, "ml-connector.config.jsonc");
    const text = await readFile(path, "utf8");
    await writeFile(
      path,
      text.replace('"endpoint": "SEED",', '"endpoint": "",').replace('"intervalMinutes": 5', '"intervalMinutes": 500'),
    );
    const result = await run(["sync", "--once"], { cwd: dir, env });
    expect(result.code).toBe(2);
    // Each field with the line and column of its value in the file, as an editor shows them.
    const changed = (await readFile(path, "utf8")).split("\n");
    const at = (needle: string) => {
      const line = changed.findIndex((l) => l.includes(needle));
      return `(line ${line + 1}, column ${(changed[line] ?? "").indexOf(needle) + 1})`;
    };
    expect(result.stderr).toMatch(new RegExp(`sageX3\\.endpoint: .*${escapeRegExp(at('""'))}`));
    expect(result.stderr).toMatch(new RegExp(`flows\\.orders-in\\.intervalMinutes: .*${escapeRegExp(at("500"))}`));
    const empty = await tempDir();
    const missing = await run(["doctor"], { cwd: empty.dir, env });
    await empty.remove();
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("Create one with `ml-connector init`");
  });

  it("a mapping CSV named by the config with a bad row: doctor fails the mappings step (exit 2) naming row and column", async () => {
    const { dir } = await initIn();
    await writeFile(
      join(dir, "mappings", "partners.csv"),
      "partnerId,site,orderType,currency,x3Customer\nACME,US01,SON,dollars,C0001\n",
    );
    // No real system is contacted by the tests: the URLs point at a closed loopback port.
    const path = join(dir, "ml-connector.config.jsonc");
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace(/https:\/\/[a-z0-9.-]+(:\d+)?/g, "http://127.0.0.1:9"),
    );
    const result = await run(["doctor"], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("FAIL  mappings");
    expect(result.stdout).toContain("FAIL  SPS token");
    expect(result.stdout).toMatch(/partners\.csv, row 2, column currency: expected a 3-letter ISO 4217 code/);
  });

  it("a JSONC syntax error never shows part of an inline secret, and says where it is", async () => {
    const { dir } = await initIn();
    const path = join(dir, "ml-connector.config.jsonc");
    const text = await readFile(path, "utf8");
    const inline = "Zq9Xk7Wv3Tp5Jm";
    const secretLine = '"secret": "\u0024{X3_CLIENT_SECRET}"';
    for (const broken of [
      text.replace(secretLine, `"secret": ${inline}`), // unquoted: V8 quotes the text
      text.replace(secretLine, `"secret": "${inline}" x`),
      text.replace(secretLine, `"secret": "${inline}`),
    ]) {
      expect(broken).not.toBe(text);
      await writeFile(path, broken);
      const result = await run(["doctor"], { cwd: dir, env });
      expect(result.code).toBe(2);
      const output = result.stdout + result.stderr;
      expect(output).toContain("is not valid JSON");
      for (let i = 0; i + 4 <= inline.length; i++) expect(output).not.toContain(inline.slice(i, i + 4));
    }
    await writeFile(path, text.replace(secretLine, `"secret": "${inline}" x`));
    const located = await run(["doctor"], { cwd: dir, env });
    expect(located.stdout + located.stderr).toMatch(/at line \d+, column \d+/);
  });

  it("a config nested 200,000 deep is a configuration error (exit 2), not a stack overflow", async () => {
    const { dir } = await initIn();
    const path = join(dir, "ml-connector.config.jsonc");
    for (const deep of [
      `${"[".repeat(200_000)}${"]".repeat(200_000)}`,
      `{"a":${'{"a":'.repeat(200_000)}1${"}".repeat(200_001)}`,
    ]) {
      await writeFile(path, deep);
      const result = await run(["doctor"], { cwd: dir, env });
      expect(result.code).toBe(2);
      expect(result.stdout + result.stderr).toContain("more than 64 levels deep");
    }
  });

  it("a missing environment variable says where the field is", async () => {
    const { dir } = await initIn();
    const lines = (await readFile(join(dir, "ml-connector.config.jsonc"), "utf8")).split("\n");
    const reference = `"$\{X3_CLIENT_SECRET}"`;
    const line = lines.findIndex((l) => l.includes(reference));
    const column = (lines[line] ?? "").indexOf(reference) + 1;
    const { X3_CLIENT_SECRET: _, ...partial } = env;
    const result = await run(["doctor"], { cwd: dir, env: partial });
    expect(result.stdout + result.stderr).toContain(`sageX3.auth.secret at line ${line + 1}, column ${column}`);
  });

  it("a field's place in JSONC: comments, strings holding brackets, arrays, and a missing field's parent", () => {
    const text = [
      '// a comment with { braces [ and quotes "',
      "{",
      '  "a": { "s": "x}]\\"", /* "b": 1 */ "b": [10, { "c": true }, 30], },',
      '  "d": null',
      "}",
    ].join("\n");
    expect(parseJsonc(text)).toEqual({ a: { s: 'x}]"', b: [10, { c: true }, 30] }, d: null });
    expect(jsonPathPosition(text, ["a", "b", 1, "c"])).toEqual({ line: 3, column: 54 });
    expect(jsonPathPosition(text, ["a", "b", 2])).toEqual({ line: 3, column: 62 });
    expect(jsonPathPosition(text, ["d"])).toEqual({ line: 4, column: 8 });
    // Not there: the object it belongs in.
    expect(jsonPathPosition(text, ["a", "missing"])).toEqual({ line: 3, column: 8 });
    expect(jsonPathPosition(text, [])).toEqual({ line: 2, column: 1 });
  });

  it("JSON with comments: comments and trailing commas go, strings stay intact", () => {
    expect(parseJsonc('// c\n{ "a": "http://x//y", /* b */ "b": [1, 2,], "c": "/* no */", }')).toEqual({
      a: "http://x//y",
      b: [1, 2],
      c: "/* no */",
    });
    expect(configSchema.safeParse({}).success).toBe(false);
  });
});
