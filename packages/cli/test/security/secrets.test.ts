import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoBadOrder, demoOrders } from "../../src/demo/seed.js";
import { run, type Systems, startSystems } from "../support/run.js";

const SPS_SECRET = "SPS-SECRET-canary-5b1e7d";
const WRONG_SECRET = "WRONG-SECRET-canary-93af2c";
const outputs: string[] = [];
let systems: Systems | undefined;

afterAll(async () => {
  await systems?.close();
});

async function cli(s: Systems, argv: string[], env: Record<string, string> = s.env) {
  const result = await run([...argv, "--config", s.configPath], { env, cwd: s.dir });
  outputs.push(result.stdout, result.stderr);
  return result;
}

describe("secrets never appear in output", () => {
  it("through every command, successes and failures, in text, JSON and log lines", async () => {
    const s = await startSystems({ spsSecret: SPS_SECRET });
    systems = s;
    const x3Secret = s.env.X3_CLIENT_SECRET ?? "";
    expect(x3Secret).toMatch(/^sec-/);
    for (const order of [...demoOrders(2), demoBadOrder()]) s.sps.mailbox.putOutbound(order.fileName, order.content);

    expect((await cli(s, ["doctor"])).code).toBe(0);
    expect((await cli(s, ["sync", "--once"])).code).toBe(1);
    await cli(s, ["audit", "list"]);
    const listed = await cli(s, ["audit", "list", "--json"]);
    const ids = (JSON.parse(listed.stdout) as { id: string }[]).map((d) => d.id);
    for (const id of ids) {
      await cli(s, ["audit", "show", id]);
      await cli(s, ["audit", "show", id, "--json"]);
    }
    await cli(s, ["replay", ids[0] ?? ""]);
    // Failures: wrong secrets, an invalid config holding a secret, X3 down.
    expect((await cli(s, ["doctor"], { ...s.env, SPS_CLIENT_SECRET: WRONG_SECRET })).code).toBe(3);
    s.sps.revokeAccessTokens(); // the cached token is refused: the client asks for a new one with the wrong secret
    expect((await cli(s, ["sync", "--once"], { ...s.env, SPS_CLIENT_SECRET: WRONG_SECRET })).code).toBe(3);
    expect((await cli(s, ["doctor"], { ...s.env, X3_CLIENT_SECRET: WRONG_SECRET })).code).toBe(3);
    const inline = join(s.dir, "inline.json");
    await writeFile(
      inline,
      JSON.stringify({ sps: { clientId: "x", clientSecret: SPS_SECRET, baseUrl: "not a url" }, sageX3: {} }),
    );
    const invalid = await run(["doctor", "--config", inline], { env: s.env, cwd: s.dir });
    outputs.push(invalid.stdout, invalid.stderr);
    expect(invalid.code).toBe(2);
    await s.x3.close();
    expect((await cli(s, ["sync", "--once", "--flow", "acks-out"])).code).toBe(4);

    const all = outputs.join("\n");
    expect(all.length).toBeGreaterThan(5_000);
    for (const secret of [SPS_SECRET, WRONG_SECRET, x3Secret]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/Bearer\s+(?!\[)/);
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  }, 60_000);
});
