import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "../../src/commands/registry.js";
import { demoBadOrder, demoOrders } from "../../src/demo/seed.js";
import { type Captured, run, type Systems, startSystems, tempDir } from "../support/run.js";

// `--json` is for scripts: stdout is exactly one JSON document (nothing for people around it), failures included.

let systems: Systems | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await systems?.close();
  systems = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The whole of stdout parsed as one JSON value: fails if anything else was printed. */
const onlyJson = (result: Captured) => JSON.parse(result.stdout) as Record<string, unknown>;

describe("--json", () => {
  it("every command that prints results takes it; the servers and the interactive pairing do not", () => {
    const withJson = commands.filter((command) => command.json).map((command) => command.name);
    expect(withJson.sort()).toEqual(
      ["audit list", "audit show", "demo", "doctor", "init", "mappings import", "replay", "sandbox", "sync"].sort(),
    );
    for (const command of commands.filter((c) => c.json)) expect(command.usage).toContain("[--json]");
  });

  it("init --json lists the files it wrote", async () => {
    const temp = await tempDir();
    cleanups.push(temp.remove);
    const result = await run(["init", "--json"], { cwd: temp.dir });
    expect(result.code).toBe(0);
    const json = onlyJson(result);
    expect(json.ok).toBe(true);
    expect(json.files).toContain("ml-connector.config.jsonc");
    expect(json.files).toContain(join("mappings", "items.csv"));
  });

  it("a failure under --json is a JSON document with the exit code and the error's kind; the message also on stderr", async () => {
    const temp = await tempDir();
    cleanups.push(temp.remove);
    const result = await run(["doctor", "--json"], { cwd: temp.dir });
    expect(result.code).toBe(2);
    const json = onlyJson(result);
    expect(json).toMatchObject({ ok: false, exitCode: 2, checks: [{ step: "config", ok: false }] });
    const sync = await run(["sync", "--json"], { cwd: temp.dir });
    expect(sync.code).toBe(2);
    expect(onlyJson(sync)).toMatchObject({ ok: false, exitCode: 2, error: { kind: "configuration" } });
    expect(onlyJson(sync).error).toMatchObject({ message: expect.stringContaining("--json needs --once") });
    expect(sync.stderr).toContain("--json needs --once");
  });

  it("doctor, sync --once, mappings import, audit and replay against both sandboxes", async () => {
    const s = await startSystems();
    systems = s;
    const [good] = demoOrders(1);
    if (!good) throw new Error("no demo order");
    const unmapped = demoBadOrder(); // its second line's item MYSTERY-9 is in no mapping
    s.sps.mailbox.putOutbound(good.fileName, good.content);
    s.sps.mailbox.putOutbound(unmapped.fileName, unmapped.content);

    const doctor = await s.cli("doctor", "--json");
    expect(doctor.code).toBe(0);
    const report = onlyJson(doctor) as { ok: boolean; checks: { step: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.step)).toEqual([
      "config",
      "mappings",
      "sps-token",
      "sps-mailbox",
      "x3-token",
      "x3-read",
      "store",
    ]);
    expect(report.checks.every((check) => check.ok)).toBe(true);

    const synced = await s.cli("sync", "--once", "--flow", "orders-in", "--json");
    expect(synced.code).toBe(1);
    const summaries = onlyJson(synced).summaries as { flow: string; documents: number; outcomes: object }[];
    expect(onlyJson(synced)).toMatchObject({ ok: false, exitCode: 1 });
    expect(summaries).toMatchObject([{ flow: "orders-in", documents: 2, outcomes: { created: 1, rejected: 1 } }]);

    const csv = join(s.dir, "more-items.csv");
    await writeFile(csv, "itemRef,partnerId,vendorPartNumber,buyerPartNumber,upc,gtin\nGAD-100,,MYSTERY-9,,,\n");
    const imported = await s.cli("mappings", "import", csv, "--kind", "items", "--json");
    expect(imported.code).toBe(0);
    expect(onlyJson(imported)).toMatchObject({ ok: true, kind: "items", imported: 1 });

    const rejected = await s.cli("audit", "list", "--status", "rejected", "--json");
    const [document] = JSON.parse(rejected.stdout) as { id: string; poNumber: string }[];
    expect(document?.poNumber).toBe(unmapped.po);
    const replayed = await s.cli("replay", document?.id ?? "", "--json");
    expect(replayed.code).toBe(0);
    const replay = onlyJson(replayed) as {
      outcome: string;
      document: { id: string; status: string; createdAt: string };
    };
    expect(replay).toMatchObject({ ok: true, outcome: "created", document: { id: document?.id, status: "created" } });
    expect(replay.document.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("demo --json: every run's summary, what SPS received and one PO's chain", async () => {
    const result = await run(["demo", "--orders", "3", "--json"]);
    expect(result.code).toBe(0);
    const json = onlyJson(result) as {
      runs: { flow: string; outcomes: Record<string, number> }[];
      spsReceived: { path: string; status: string }[];
      chain: { poNumber: string; documents: { type: string }[] };
    };
    expect(json.runs.map((r) => r.flow)).toEqual([
      "orders-in",
      "acks-out",
      "asns-out",
      "invoices-out",
      "acks-out",
      "orders-in",
    ]);
    expect(json.runs[0]?.outcomes).toMatchObject({ created: 3, rejected: 1 });
    // The last orders-in reads the retailer's 997s (one per upload, one refusing an 855).
    expect(json.runs[5]?.outcomes).toMatchObject({ rejected_by_sps: 1 });
    expect(json.runs[5]?.outcomes.applied).toBe(json.spsReceived.length);
    expect(json.spsReceived.length).toBeGreaterThan(0);
    expect(json.chain.documents.map((d) => d.type)).toContain("850");
    const refused = await run(["demo", "--json", "--console"]);
    expect(refused.code).toBe(2);
  });
});
