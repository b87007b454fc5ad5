import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { createSqliteStores } from "../src/index.js";

const run = promisify(execFile);

it("the README example runs and leaves what it says in the file", async () => {
  const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toContain("createSqliteStores");
  const dir = mkdtempSync(join(tmpdir(), "store-sqlite-readme-"));
  const dbPath = join(dir, "readme.db");
  // Inside the package, so that its imports resolve as they would for a user.
  const script = join(import.meta.dirname, `.readme-example-${process.pid}.ts`);
  try {
    writeFileSync(script, code!.replace('"./ml-connector.db"', JSON.stringify(dbPath)));
    const { stdout } = await run(process.execPath, ["--conditions=ml-connector-source", "--import", "tsx", script], {
      cwd: join(import.meta.dirname, "../../.."),
      timeout: 60_000,
    });
    expect(stdout).toContain("BMS001");
    const stores = createSqliteStores({ path: dbPath });
    expect(await stores.audit.getEffect("x3.create:ACME:PO1")).toMatchObject({
      state: "done",
      result: { x3Key: "SO0001" },
    });
    await stores.close();
  } finally {
    rmSync(script, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
