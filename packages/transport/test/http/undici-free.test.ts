import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("the default path without Node's fetch implementation", () => {
  it("sends TransportRequests over node:http without loading undici", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--conditions=ml-connector-source", "--import", "tsx", join(import.meta.dirname, "undici-free-child.ts")],
      { cwd: join(import.meta.dirname, "../../../..") },
    );
    const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    // The requests went through (so the check below is about a transport that did its work).
    expect(result.got).toEqual({ method: "GET", body: "" });
    expect(JSON.parse(result.posted)).toEqual({ method: "POST", body: '{"name":"one"}' });
    expect(result).toMatchObject({ atStart: false, afterCreate: false, afterRequests: false });
  });
});
