import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { useSystems } from "../support/run.js";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

const start = useSystems();

describe("ml-connector sync as a process", () => {
  it("JSON log lines on a pipe; SIGINT stops it gracefully with exit code 0", async () => {
    const s = await start();
    for (const order of demoOrders(3)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=ml-connector-source", "src/cli.ts", "sync", "--config", s.configPath],
      { cwd: packageDir, env: { ...process.env, ...s.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 40_000;
    while (stdout.split('"event":"run.finished"').length - 1 < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l.event === "document.created")).toHaveLength(3);
    expect(lines.at(-1)).toMatchObject({ level: "info", msg: "stopped" });
    expect(s.x3.data.list("SORDER")).toHaveLength(3);
  }, 60_000);
});
