import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { runCli } from "../../src/index.js";
import { run, type Systems, sink, startSystems } from "../support/run.js";

let systems: Systems;
beforeAll(async () => {
  systems = await startSystems();
  // Something in the store: two of the demo's POs through orders-in.
  for (const order of demoOrders(2)) systems.sps.mailbox.putOutbound(order.fileName, order.content);
  expect((await systems.cli("sync", "--once", "--flow", "orders-in")).code).toBe(0);
});
afterAll(() => systems.close());

/** Waits (polling, bounded) until the text contains what it must. */
async function until(text: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 500; i++) {
    const match = text().match(pattern);
    if (match) return match;
    await delay(20);
  }
  throw new Error(`never printed ${pattern}: ${text()}`);
}

describe("ml-connector console", () => {
  it("serves the configured store until Ctrl-C, with the token from the environment", async () => {
    const stdout = sink();
    const stderr = sink();
    const controller = new AbortController();
    const token = "token-from-the-environment-42";
    const exit = runCli(["console", "--port", "0", "--config", systems.configPath], {
      stdout,
      stderr,
      env: { ...systems.env, ML_CONNECTOR_CONSOLE_TOKEN: token },
      cwd: systems.dir,
      signal: controller.signal,
    });
    const [, origin] = await until(stdout.text, /(http:\/\/127\.0\.0\.1:\d+\/)\n/);
    // The token came from the environment: it is not printed.
    expect(stdout.text()).not.toContain(token);
    expect(stdout.text()).toContain("ML_CONNECTOR_CONSOLE_TOKEN");

    expect((await fetch(`${origin}api/overview`)).status).toBe(401);
    const response = await fetch(`${origin}api/overview`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const overview = (await response.json()) as {
      store: string;
      total: number;
      flows: { flow: string; intervalMinutes: number }[];
    };
    expect(overview.store).toMatch(/sandbox\.sqlite$/);
    expect(overview.total).toBe(2);
    expect(overview.flows.map((f) => f.flow)).toEqual(["orders-in", "acks-out", "asns-out", "invoices-out"]);
    // Nothing secret in what the page gets: no credential of the config or the environment.
    const everything = JSON.stringify(overview);
    for (const secret of Object.values(systems.env)) expect(everything).not.toContain(secret);

    controller.abort();
    expect(await exit).toBe(0);
    expect(stdout.text()).toContain("Console stopped.");
    expect(stderr.text()).toBe("");
  });

  it("prints an address with a fresh token when none is set, and refuses a bad port", async () => {
    const bad = await run(["console", "--port", "70000", "--config", systems.configPath], { env: systems.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--port");

    const stdout = sink();
    const controller = new AbortController();
    const exit = runCli(["console", "--port", "0", "--config", systems.configPath], {
      stdout,
      stderr: sink(),
      env: systems.env,
      cwd: systems.dir,
      signal: controller.signal,
    });
    const [, origin, token] = await until(stdout.text, /(http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]+)\n/);
    expect(token?.length).toBeGreaterThanOrEqual(32);
    const response = await fetch(`${origin}api/documents?status=created`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    controller.abort();
    expect(await exit).toBe(0);
  });
});
