import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);

it("the README's first example runs and prints what it says", async () => {
  const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toContain("createMemoryStores");
  // Inside the package, so that its imports resolve as they would for a user.
  const script = join(import.meta.dirname, `.readme-example-${process.pid}.ts`);
  try {
    writeFileSync(script, code!);
    const { stdout } = await run(process.execPath, ["--conditions=ml-connector-source", "--import", "tsx", script], {
      cwd: join(import.meta.dirname, "../../.."),
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe("{ page: 1 }");
  } finally {
    rmSync(script, { force: true });
  }
});
