import { describe, expect, it, vi } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { jsonLines, run, type Systems, useSystems } from "../support/run.js";

const start = useSystems();

describe("sync --once", () => {
  it("one pass of every flow: orders in, then what X3 users did goes out as 855, 856, 810 (JSON lines off a TTY)", async () => {
    const s = await start();
    // X3's clock runs behind the connector's, so everything X3 stamps is already inside the connector's window.
    s.x3.clock.advance(-10_000);
    for (const order of demoOrders(4)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    const first = await s.cli("sync", "--once");
    expect(first.code).toBe(0);
    const lines = jsonLines(first.stdout);
    const summaries = lines.filter((l) => l.msg === "summary");
    expect(summaries.map((l) => [l.flow, l.outcomes])).toEqual([
      ["orders-in", { created: 4 }],
      ["acks-out", {}],
      ["asns-out", {}],
      ["invoices-out", {}],
    ]);
    expect(lines.some((l) => l.event === "document.created")).toBe(true);

    // X3 users: allocate two orders (one in part), deliver and invoice the first.
    const [a, b] = s.x3.data.list("SORDER").map((o) => String(o.SOHNUM));
    // They act a second later by X3's clock (its stamps have second precision), with no wait in real time.
    s.x3.clock.advance(1_000);
    s.x3.data.allocate(a ?? "");
    s.x3.data.allocate(b ?? "", { 1000: 1 });
    const delivery = s.x3.data.deliver(a ?? "", { carrier: "UPSN", billOfLading: "BOL-1" });
    s.x3.data.invoice(String(delivery.SDHNUM));

    const second = await s.cli("sync", "--once");
    expect(second.code).toBe(0);
    const outcomes = Object.fromEntries(
      jsonLines(second.stdout)
        .filter((l) => l.msg === "summary")
        .map((l) => [l.flow, l.outcomes]),
    );
    // The sandbox gives SPS's verdict at once: each run reads it right after its uploads and counts it.
    expect(outcomes).toEqual({
      "orders-in": {},
      "acks-out": { posted: 2, accepted_by_sps: 2 },
      "asns-out": { posted: 1, accepted_by_sps: 1 },
      "invoices-out": { posted: 1, accepted_by_sps: 1 },
    });
    expect(
      s.sps.mailbox
        .inbound()
        .map((f) => `${f.name.slice(0, 2)}:${f.status}`)
        .sort(),
    ).toEqual(["IN:accepted", "PR:accepted", "PR:accepted", "SH:accepted"]);
  });

  it("on a TTY: a progress display per flow, then the summaries", async () => {
    const s = await start();
    for (const order of demoOrders(3)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    const result = await run(["sync", "--once", "--flow", "orders-in", "--config", s.configPath], {
      env: s.env,
      cwd: s.dir,
      tty: true,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\x1b[2Korders-in     running  3 documents (3 created)");
    expect(result.stdout).toMatch(/orders-in\s+idle\s+last run \d\d:\d\d:\d\d: 3 documents \(3 created\)/);
    expect(result.stdout).toMatch(/orders-in\s+3 documents: 3 created in/);
    expect(result.stdout).not.toContain("acks-out");
  });

  it("exit codes: unknown flow 2, a refused SPS secret 3", async () => {
    const s = await start();
    const unknown = await s.cli("sync", "--once", "--flow", "orders-out");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown flow "orders-out"');
    const refused = await run(["sync", "--once", "--flow", "orders-in", "--config", s.configPath], {
      env: { ...s.env, SPS_CLIENT_SECRET: "not-the-secret-42" },
      cwd: s.dir,
    });
    expect(refused.code).toBe(3);
  });

  it("an auth failure names the system that refused and how to fix it there: SPS's secret, or `auth sage-x3`", async () => {
    const s = await start({ x3Auth: "authorization-code" });
    const sps = await run(["sync", "--once", "--flow", "orders-in", "--config", s.configPath], {
      env: { ...s.env, SPS_CLIENT_SECRET: "not-the-secret-42" },
      cwd: s.dir,
    });
    expect(sps.code).toBe(3);
    expect(sps.stderr).toMatch(/^SPS: /m);
    expect(sps.stderr).toContain(
      "Hint: SPS refused the connector's credentials: check sps.clientId and sps.clientSecret",
    );
    expect(sps.stderr).not.toMatch(/sage-x3|Sage X3/);
    // Never paired with the X3 gateway: the X3 flows say so, and name the command that pairs.
    const x3 = await s.cli("sync", "--once", "--flow", "acks-out");
    expect(x3.code).toBe(3);
    expect(x3.stderr).toMatch(/^Sage X3: ml-connector is not paired with Sage X3/m);
    expect(x3.stderr).toContain("Hint: Sage X3 refused the connector's credentials");
    expect(x3.stderr).toContain("pair again with `ml-connector auth sage-x3`");
    expect(x3.stderr).not.toContain("SPS");
  });
});

/** `sync` (the scheduler) running in-process on `s`'s config, its output kept in `chunks`; abort `controller` to stop it. */
async function runSync(s: Systems, terminal: { isTTY: boolean; columns?: number }) {
  const controller = new AbortController();
  const chunks: string[] = [];
  const stdout = { ...terminal, write: (chunk: string) => chunks.push(chunk) };
  const { runCli } = await import("../../src/index.js");
  const running = runCli(["sync", "--config", s.configPath], {
    stdout,
    stderr: stdout,
    env: s.env,
    cwd: s.dir,
    signal: controller.signal,
  });
  return { controller, chunks, running };
}

describe("sync (scheduler)", () => {
  it("runs every flow at once, keeps going, and stops gracefully on SIGINT (the abort signal)", async () => {
    const s = await start();
    for (const order of demoOrders(2)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    const { controller, chunks, running } = await runSync(s, { isTTY: false });
    const finished = () => chunks.join("").split('"event":"run.finished"').length - 1;
    await vi.waitFor(() => expect(finished()).toBe(4), { timeout: 25_000, interval: 50 });
    controller.abort();
    expect(await running).toBe(0);
    expect(chunks.join("")).toContain('"msg":"stopped"');
    expect(s.x3.data.list("SORDER")).toHaveLength(2);
  });

  it("on a TTY: one line per flow redrawn in place, and a clean stop", async () => {
    const s = await start();
    for (const order of demoOrders(2)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    const { controller, chunks, running } = await runSync(s, { isTTY: true, columns: 100 });
    const idle = () => chunks.join("").split("idle     last run").length - 1;
    // Every flow has run once (they start together: orders-in may still be busy when the others are idle).
    const done = () =>
      ["orders-in     idle", "acks-out      idle", "asns-out      idle", "invoices-out  idle"].every((line) =>
        chunks.join("").includes(line),
      );
    await vi.waitFor(() => expect(done()).toBe(true), { timeout: 25_000, interval: 50 });
    controller.abort();
    expect(await running).toBe(0);
    const text = chunks.join("");
    expect(text).toContain("ml-connector sync: orders-in, acks-out, asns-out, invoices-out on their schedules");
    expect(text).toMatch(/orders-in\s+idle\s+last run \d\d:\d\d:\d\d: 2 documents \(2 created\)/);
    expect(text).toContain("\x1b[4A"); // redrawn in place: four lines up
    expect(idle()).toBeGreaterThanOrEqual(4);
    expect(text).toContain("Stopped.");
  });
});
