import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/registry.js";
import { version } from "../../src/index.js";
import { run } from "../support/run.js";

describe("the command line", () => {
  it("--help lists every command with the exit codes; each command has its own --help", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    for (const name of [
      "demo",
      "init",
      "doctor",
      "sync",
      "audit list",
      "audit show",
      "replay",
      "mappings import",
      "auth sage-x3",
      "sandbox",
    ]) {
      expect(help.stdout).toContain(`  ${name}`);
    }
    expect(help.stdout).toContain(
      "Exit codes: 0 ok, 1 some documents rejected or failed, 2 configuration, 3 authentication",
    );
    for (const command of commands) {
      const own = await run([...command.name.split(" "), "--help"]);
      expect(own.code, command.name).toBe(0);
      expect(own.stdout, command.name).toContain(`Usage: ml-connector ${command.usage}`);
      const viaHelp = await run(["help", ...command.name.split(" ")]);
      expect(viaHelp.stdout).toBe(own.stdout);
    }
  });

  it("unknown commands and options, and wrong arguments, exit 2 with the usage", async () => {
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown command: frobnicate");
    const option = await run(["sync", "--everything"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Usage: ml-connector sync");
    const missing = await run(["replay"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("replay takes 1 argument");
    expect((await run(["demo", "--orders", "many"])).code).toBe(2);
  });

  it("--version is the package's version; the bin points at the ESM build of src/cli.ts", async () => {
    const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
      bin: Record<string, string>;
    };
    expect(version).toBe(pkg.version);
    expect((await run(["--version"])).stdout.trim()).toBe(pkg.version);
    expect(pkg.bin).toEqual({ "ml-connector": "./dist/cli.js" });
    expect(await readFile(new URL("../../src/cli.ts", import.meta.url), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
