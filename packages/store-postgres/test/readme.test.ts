import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { createPostgresStores } from "../src/index.js";
import { usePostgresDatabase } from "./support/postgres-server.js";

const run = promisify(execFile);
const database = usePostgresDatabase();

it("the README example runs and leaves what it says in the database", async () => {
  const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toContain("createPostgresStores");
  // Inside the package, so that its imports resolve as they would for a user.
  const script = join(import.meta.dirname, `.readme-example-${process.pid}.ts`);
  try {
    writeFileSync(script, code!);
    const { stdout } = await run(process.execPath, ["--conditions=ml-connector-source", "--import", "tsx", script], {
      cwd: join(import.meta.dirname, "../../.."),
      env: { ...process.env, DATABASE_URL: database.url },
      timeout: 60_000,
    });
    expect(stdout).toContain("SO0001");
    const stores = await createPostgresStores({ connectionString: database.url, schema: "ml_connector" });
    expect(await stores.audit.getEffect("x3.create:ACME:PO1")).toMatchObject({
      state: "done",
      result: { x3Key: "SO0001" },
    });
    expect(await stores.locks.holder("flow:orders-in")).toBeUndefined();
    await stores.close();
  } finally {
    rmSync(script, { force: true });
  }
}, 60_000);
