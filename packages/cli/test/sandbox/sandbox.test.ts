import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/index.js";
import { run, sink, tempDir } from "../support/run.js";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("ml-connector sandbox", () => {
  it("prints URLs, credentials, exports and a config; init → doctor against it passes; sync moves orders both ways", async () => {
    const temp = await tempDir();
    const controller = new AbortController();
    const stdout = sink();
    const running = runCli(["sandbox", "--write", "sb.json", "--users", "1"], {
      stdout,
      stderr: sink(),
      env: {},
      cwd: temp.dir,
      signal: controller.signal,
    });
    cleanup = async () => {
      controller.abort();
      await running;
      await temp.remove();
    };
    await until(() => stdout.text().includes("Ready."));
    const text = stdout.text();
    expect(text).toMatch(/SPS Commerce\n\s+API\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toMatch(/connected app\s+client id app-\w+, secret sec-\w+, user WSUSER/);
    const env = Object.fromEntries([...text.matchAll(/^ {2}export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(env)).toEqual([
      "SPS_CLIENT_ID",
      "SPS_CLIENT_SECRET",
      "X3_CLIENT_ID",
      "X3_CLIENT_SECRET",
      "X3_USER",
    ]);
    const configPath = join(temp.dir, "sb.json");
    const config = JSON.parse(await readFile(configPath, "utf8")) as Record<string, Record<string, unknown>>;
    expect(config.sps?.clientSecret).toBe(`\${SPS_CLIENT_SECRET}`);
    expect(JSON.parse(await readFile(join(temp.dir, "ml-connector.schema.json"), "utf8"))).toHaveProperty("properties");

    // The docs' path: `init` in a folder of one's own, the printed URLs into the config, the printed exports set.
    const own = join(temp.dir, "own");
    expect((await run(["init", "--dir", own], { cwd: temp.dir, env })).code).toBe(0);
    const url = (pattern: RegExp) => pattern.exec(text)?.[1] ?? "";
    const ownConfig = join(own, "ml-connector.config.jsonc");
    await writeFile(
      ownConfig,
      (await readFile(ownConfig, "utf8"))
        .replace("https://api.spscommerce.com", url(/API\s+(http:\/\/\S+)/))
        .replace("https://auth.spscommerce.com", url(/auth\s+(http:\/\/\S+)/))
        .replace("https://x3.example.com:8124", url(/server\s+(http:\/\/\S+)/)),
    );
    const ownDoctor = await run(["doctor"], { cwd: own, env });
    expect(ownDoctor.stdout).toContain("All 7 checks passed.");
    expect(ownDoctor.code).toBe(0);

    const cli = (...argv: string[]) => run([...argv, "--config", "sb.json"], { env, cwd: temp.dir });
    const doctor = await cli("doctor");
    expect(doctor.stdout).toContain("SPS mailbox: 1 inbound folder listed, 5 files waiting");
    expect(doctor.stdout).toContain("out/: 5 files");
    expect(doctor.code).toBe(0);
    const ordersIn = await cli("sync", "--once", "--flow", "orders-in");
    expect(ordersIn.stdout).toContain('"outcomes":{"created":5}');

    // No safety lag, so the test need not wait 30 s for what the users did.
    const flows = config.flows as Record<string, Record<string, unknown>>;
    for (const flow of ["acks-out", "asns-out", "invoices-out"]) flows[flow] = { ...flows[flow], safetyLagMs: 0 };
    await writeFile(configPath, JSON.stringify(config));
    await until(() => (stdout.text().match(/invoiced SDH/g) ?? []).length >= 5);
    expect(stdout.text()).toContain("(in part)");
    // X3 stamps have second precision: the sync must start in a later second than the users' last change.
    const lastChangeSecond = Math.floor(Date.now() / 1000);
    await until(() => Math.floor(Date.now() / 1000) > lastChangeSecond);
    const outbound = await cli("sync", "--once");
    const summaries = outbound.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg?: string; flow?: string; outcomes?: Record<string, number> })
      .filter((line) => line.msg === "summary");
    expect(Object.fromEntries(summaries.map((s) => [s.flow, s.outcomes?.posted]))).toEqual({
      "orders-in": undefined,
      "acks-out": 5,
      "asns-out": 5,
      "invoices-out": 5,
    });

    const again = await run(["sandbox", "--write", "sb.json"], { cwd: temp.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("pass --force");

    controller.abort();
    expect(await running).toBe(0);
    expect(stdout.text()).toContain("Sandboxes stopped.");
  }, 40_000);
});
