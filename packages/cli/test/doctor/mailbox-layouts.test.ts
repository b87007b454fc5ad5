import { describe, expect, it } from "vitest";
import { demoOrders } from "../../src/demo/seed.js";
import { useSystems } from "../support/run.js";

const start = useSystems();

const byTypeMailbox = (config: Record<string, unknown>) => {
  const sps = config.sps as Record<string, unknown>;
  sps.mailbox = { inbound: ["out/PO/"], outbound: { "855": "in/PR/", "856": "in/SH/", "810": "in/IN/" } };
};

describe("sps.mailbox: by-type accounts in doctor and sync --once", () => {
  it("doctor lists the folders, their files and the files that are not ours", async () => {
    const s = await start({ sps: { layout: "by-type" }, edit: byTypeMailbox });
    for (const order of demoOrders(2)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    s.sps.mailbox.putOutbound("PO/notes.txt", "not an order");
    s.sps.mailbox.putOutbound("PO/PR77-v7.7-BulkImport.json", "{}");
    s.sps.mailbox.putOutbound("PO/FA000000001.json", "{}");
    const result = await s.cli("doctor");
    expect(result.stdout).toContain("pass  SPS mailbox: 1 inbound folder listed, 5 files waiting");
    // What orders-in reads (850, 860, 997) counted by type; the rest by type too, named.
    expect(result.stdout).toContain(
      "out/PO/: 5 files (2 850, 1 997), 2 not ours (1 855, 1 other: PR77-v7.7-BulkImport.json, notes.txt)",
    );
    for (const folder of ["in/PR/", "in/SH/", "in/IN/"]) expect(result.stdout).toContain(`${folder}: uploads go here`);
    expect(result.stdout).toContain("All 7 checks passed.");
    expect(result.code).toBe(0);
  });

  it("routes not set up: doctor says so plainly without failing other checks; sync --once warns, does not fail", async () => {
    const s = await start({ sps: { layout: "by-type", routesReady: false }, edit: byTypeMailbox });
    for (const order of demoOrders(2)) s.sps.mailbox.putOutbound(order.fileName, order.content);
    const doctor = await s.cli("doctor");
    expect(doctor.stdout).toContain(
      "warn  SPS has not set up the route for out/PO/ yet: ask your SPS implementation contact",
    );
    expect(doctor.stdout).toContain("warn  SPS has not set up the route for in/PR/ yet");
    expect(doctor.stdout).toContain("pass  Sage X3 read BPCUSTOMER");
    expect(doctor.stdout).toMatch(/All 7 checks passed \(\d+ warnings above\)/);
    expect(doctor.code).toBe(0);

    const sync = await s.cli("sync", "--once", "--flow", "orders-in");
    expect(sync.code).toBe(0);
    const summary = sync.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === "summary");
    expect(summary).toMatchObject({
      flow: "orders-in",
      documents: 0,
      warnings: ["SPS has not set up the route for out/PO/ yet: ask your SPS implementation contact"],
    });
    expect(summary?.error).toBeUndefined();
    expect(s.sps.mailbox.paths("out")).toHaveLength(2);

    s.sps.mailbox.setRoutesReady(true);
    const again = await s.cli("sync", "--once", "--flow", "orders-in");
    expect(again.code).toBe(0);
    expect(s.sps.mailbox.paths("out")).toEqual([]);
    expect(s.x3.data.list("SORDER")).toHaveLength(2);
  });
});
