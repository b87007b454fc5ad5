import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../support/run.js";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

function expectDemoOutput(stdout: string, received = /SPS in\/ received 53 files: 53 accepted/) {
  // Every PO created, the bad file rejected with the field that failed.
  expect(stdout).toMatch(/orders-in\s+26 documents: 25 created, 1 rejected/);
  expect(stdout).toContain("LineItem[1].OrderLine.VendorPartNumber");
  expect(stdout).toContain("MYSTERY-9");
  // A summary per flow: 15 full + 5 partial allocations acknowledged, 18 deliveries, 15 invoices.
  // SPS's verdicts from its history (every upload accepted), then the retailer's 997s: one per upload, one of which
  // refuses an 855.
  expect(stdout).toMatch(/orders-in\s+54 documents: 1 rejected_by_sps, 53 applied/);
  expect(stdout).toMatch(
    /rejected_by_sps PRSO\d+-1-v7\.7-MultiStore\.json[^\n]*\n[^\n]*AK502 5: One or More Segments in Error/,
  );
  expect(stdout).toContain('AK403 7: Invalid code value (segment ACK at position 9, element 1, value "IQ")');
  expect(stdout).toMatch(
    /Summary per flow:\n\s+orders-in\s+80 documents: 25 created, 1 rejected, 53 applied, 1 rejected_by_sps/,
  );
  expect(stdout).toMatch(/\n\s+acks-out\s+\d+ documents: 20 posted, 20 accepted_by_sps/);
  expect(stdout).toMatch(/\n\s+asns-out\s+36 documents: 18 posted, 18 accepted_by_sps/);
  expect(stdout).toMatch(/\n\s+invoices-out\s+30 documents: 15 posted, 15 accepted_by_sps/);
  expect(stdout).toMatch(received);
  // The chain of one PO from 850 to 810.
  const chain = stdout.slice(stdout.indexOf("Audit trail of PO"));
  expect(chain).toMatch(/850\s+in\s+created\s+PO4500010001-v7\.7-BulkImport\.json\s+created SORDER SO\d+/);
  expect(chain).toMatch(/855\s+out\s+accepted_by_sps\s+PRSO\d+-1-v7\.7-BulkImport\.json\s+acknowledges SORDER/);
  expect(chain).toMatch(/856\s+out\s+accepted_by_sps\s+SHSDH\d+-1-v7\.7-BulkImport\.json\s+ships SDELIVERY/);
  expect(chain).toMatch(/810\s+out\s+accepted_by_sps\s+ININV\d+-1-v7\.7-BulkImport\.json\s+bills SINVOICE/);
  expect(chain).toMatch(/997\s+in\s+applied\s+FA\d+\.json\s+acknowledges PRSO\d+-1-v7\.7-BulkImport\.json/);
  expect(chain).toMatch(/997\s+in\s+applied\s+FA\d+\.json\s+acknowledges ININV\d+-1-v7\.7-BulkImport\.json/);
}

describe("ml-connector demo", () => {
  it("runs the four flows over both sandboxes and prints a summary per flow and the chain of one PO (in-process)", async () => {
    const result = await run(["demo"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expectDemoOutput(result.stdout);
  }, 60_000);

  it("--routes-pending: a by-type account whose routes SPS has not set up: the first run warns, fails nothing", async () => {
    const result = await run(["demo", "--routes-pending"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("by-type mailbox");
    expect(result.stdout).toMatch(
      /orders-in\s+0 documents in [^\n]+\n\s+warning: out\/ has no subfolders: SPS has not set up the per-type routes under it yet/,
    );
    expect(result.stdout).toContain("SPS sets up the account's routes");
    expectDemoOutput(result.stdout, /SPS in\/IN\/, in\/PR\/, in\/SH\/ received 53 files: 53 accepted/);
  }, 60_000);

  // How fast the demo runs is measured by the benchmarks, not asserted here.
  it("runs as a child process from source, as `pnpm demo` does", () => {
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=ml-connector-source", "src/cli.ts", "demo"],
      { cwd: packageDir, encoding: "utf8", timeout: 90_000, env: { ...process.env, NODE_OPTIONS: "" } },
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expectDemoOutput(child.stdout);
  }, 90_000);
});
