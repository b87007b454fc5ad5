/**
 * One contender of the side-by-side measures (bare-client.ts; bare-invoices.ts for the outbound flows) in a process
 * of its own, as the connector runs in production (one connector per process): the bare node:http client, the connector's clients alone
 * making the same requests, or the connector with the memory stores or with SQLite on tmpfs. It lives for the whole
 * measure and makes one run per request, answering with this process's CPU over that run: no contender pays for another's garbage collections, heap or compiled code.
 * It loads no sandbox code: its mappings are made by the bench's process (see support/connector.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import type { MappingSetInput } from "@ml-connector/sync-core";
import { serveCalls } from "../support/child-calls.js";
import type { BenchConnectorOptions } from "../support/connector.js";
import { timed } from "../support/timed.js";
import type { Contender } from "./bare-client.js";

export type ContenderFlow = "orders-in" | "invoices-out" | "asns-out" | "acks-out";

export interface ContenderInput {
  who: Contender;
  addresses: SandboxClientSettings;
  concurrency: number;
  mappings: MappingSetInput;
  /** asns-out's GS1 prefix and ship-from, made by the bench's process as the mappings are. */
  shipment: BenchConnectorOptions["shipment"];
  /**
   * The flow the measure times. For an outbound flow (invoices-out, asns-out, acks-out) the connector gets that flow
   * too, its clock a minute ahead of X3's and a look-back of 0 as the bare client's (see bare-invoices.ts), and still
   * runs orders-in, untimed, to bring in the 850s the invoices, deliveries or allocations are made behind; the bare
   * client and the clients alone run the outbound flow alone (the bench brings their 850s in).
   */
  measured: ContenderFlow;
}

export type ContenderRequest = { op: "run"; flow: ContenderFlow } | { op: "close" };

export interface ContenderRun {
  /** This process's CPU over the run (ms, user + system). */
  cpuMs: number;
  wallMs: number;
  /** The connector's outcomes; the bare client's documents under the connector's name (`created`, `posted`). */
  outcomes: Record<string, number>;
}

interface Runner {
  run(flow: ContenderFlow): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * A contender that runs the measured flow's requests and nothing else (the bare client, the clients alone): its
 * documents under the connector's outcome name (`created` 850s, `posted` 810s, 856s and 855s).
 */
interface MeasuredClient {
  run(): Promise<number>;
  close?: () => void;
}

function measuredOnly(name: string, measured: ContenderFlow, client: MeasuredClient): Runner {
  return {
    async run(flow) {
      if (flow !== measured) throw new Error(`${name} of ${measured} does not run ${flow}`);
      return { [measured === "orders-in" ? "created" : "posted"]: await client.run() };
    },
    close: async () => client.close?.(),
  };
}

/** The contender, its code loaded alone: the bare client's process holds no connector code or heap, and vice versa. */
async function startRunner(input: ContenderInput): Promise<Runner> {
  const { who, addresses, concurrency, measured } = input;
  if (who === "bare" || who === "clients") {
    // Kept from run to run, as the connector keeps its own: tokens, the invoice cursor.
    const made: Record<ContenderFlow, (addresses: SandboxClientSettings, concurrency: number) => MeasuredClient> =
      who === "bare"
        ? await import("../support/bare-clients.js").then((m) => ({
            "orders-in": m.createBareOrdersClient,
            "invoices-out": m.createBareInvoicesClient,
            "asns-out": m.createBareAsnsClient,
            "acks-out": m.createBareAcksClient,
          }))
        : await import("../support/clients-only.js").then((m) => ({
            "orders-in": m.createClientsOrdersRunner,
            "invoices-out": m.createClientsInvoicesRunner,
            "asns-out": m.createClientsAsnsRunner,
            "acks-out": m.createClientsAcksRunner,
          }));
    const client = made[measured](addresses, concurrency);
    return measuredOnly(who === "bare" ? "the bare client" : "the clients alone", measured, client);
  }
  const [{ createMemoryStores }, { createBenchConnectorWithMappings }, { clockAhead }] = await Promise.all([
    import("@ml-connector/sync-core"),
    import("../support/connector.js"),
    import("../support/bare-clients.js"),
  ]);
  // SQLite on tmpfs on Linux (as sideBySideResult reports): the disk's fsync per transaction would be most of its CPU.
  const sqliteDir =
    who === "sqlite"
      ? mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-contender-"))
      : undefined;
  const stores = sqliteDir
    ? (await import("@ml-connector/store-sqlite")).createSqliteStores({ path: join(sqliteDir, "state.sqlite") })
    : createMemoryStores();
  const { connector } = createBenchConnectorWithMappings(addresses, {
    concurrency,
    stores,
    mappings: input.mappings,
    shipment: input.shipment,
    ...(measured === "orders-in" ? {} : { outbound: { flow: measured, now: clockAhead, lookbackMs: 0 } }),
  });
  return {
    run: async (flow) => (await connector.runOnce(flow)).outcomes as Record<string, number>,
    async close() {
      await stores.close?.();
      if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
    },
  };
}

const input = JSON.parse(process.env.BENCH_CONTENDER_INPUT ?? "null") as ContenderInput | null;
if (!input) throw new Error("BENCH_CONTENDER_INPUT is missing");
const runner = await startRunner(input);

serveCalls<ContenderRequest>(async (request) => {
  if (request.op === "close") return runner.close();
  const { value: outcomes, cpuMs, wallMs } = await timed(() => runner.run(request.flow));
  return { cpuMs, wallMs, outcomes } satisfies ContenderRun;
}, true);
