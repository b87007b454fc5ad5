import { tmpdir } from "node:os";
import { type SandboxClientSettings, sandboxShipmentSettings } from "@ml-connector/sandbox";
import { forkWithCalls } from "../support/child-calls.js";
import { benchMappings } from "../support/orders.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import type { ContenderFlow, ContenderInput, ContenderRequest, ContenderRun } from "./contender-run.js";

/** CPU per document of one contender in a side-by-side run. */
export interface BareClientRow {
  cpuMsPerDoc: number;
  /** CPU per document round by round (the first round's included). */
  cpuMsPerDocByRound?: number[];
  wallMs: number;
  requestsPerDoc: number;
}

export interface BareClientResult {
  concurrency: number;
  /** Documents per contender per round. */
  documents: number;
  latencyMs: number;
  /**
   * Rounds: each round runs the contenders one after the other, in turn, after each one's warm-up run. The
   * first is reported (`cpuMsPerDocByRound`, `roundRatios`) but not judged. The figures and ratios are those of the
   * later rounds, a warm process, which is what a connector running for hours is.
   */
  rounds: number;
  /**
   * The run each contender made first in its fresh process, before the rounds: how many documents, and their CPU per
   * document (V8 still compiling and optimising the contender's code, on background threads that process CPU time
   * counts). Absent in results from before it was reported.
   */
  warmup?: { documents: number; cpuMsPerDoc: ContenderFigures } | undefined;
  /**
   * Each contender ran in a process of its own (contender-run.ts), its CPU that process's. Absent in results from
   * before: the three ran in the bench's process, each paying for the others' garbage and compilation.
   */
  ownProcesses?: boolean | undefined;
  bare: BareClientRow;
  /**
   * The connector's SPS and Sage X3 clients making the same requests with nothing else around them
   * (support/clients-only.ts): the request stack's share. Absent in results from before it was measured.
   */
  clients?: BareClientRow | undefined;
  connectorMemory: BareClientRow;
  connectorSqlite: BareClientRow;
  /** Where the SQLite file was (tmpfs when /dev/shm exists). */
  sqliteDir: string;
  /** connector CPU per document / bare client CPU per document. */
  memoryRatio: number;
  sqliteRatio: number;
  /** The clients alone / the bare client (with `clients`). */
  clientsRatio?: number | undefined;
  /** The ratios round by round, the first round's included. */
  roundRatios?: { memory: number[]; sqlite: number[]; clients?: number[] | undefined };
}

/** One contender's timed runs, a round each. */
export type ContenderRounds = { cpuMs: number; wallMs: number; requests: number }[];

/**
 * The contenders of a side-by-side measure: the bare client, the connector's clients alone making the same requests,
 * the connector with the memory stores and with SQLite.
 */
export type Contender = "bare" | "clients" | "memory" | "sqlite";
export const CONTENDERS: readonly Contender[] = ["bare", "clients", "memory", "sqlite"];
/** A figure of each contender (the clients alone absent from results from before they were measured). */
export type ContenderFigures = Record<Exclude<Contender, "clients">, number> & { clients?: number | undefined };

/**
 * The order the contenders take their turns in, rotated every round: whoever runs first after a fill, or right after
 * another contender's garbage and the collections it triggers, changes from round to round instead of always being
 * the same one.
 */
export function turnOrder(round: number): Contender[] {
  const start = ((round % CONTENDERS.length) + CONTENDERS.length) % CONTENDERS.length;
  return [...CONTENDERS.slice(start), ...CONTENDERS.slice(0, start)];
}

/**
 * The side-by-side result: per-document figures over the warm rounds (every round but the first; the only one when
 * there is one), the connector's CPU over the bare client's.
 */
export function sideBySideResult(
  options: { concurrency: number; documents: number; latencyMs: number; rounds: number },
  rounds: Record<Contender, ContenderRounds>,
  warmup: { documents: number; cpuMs: ContenderFigures },
): BareClientResult {
  const warmFrom = options.rounds > 1 ? 1 : 0;
  const sum = (runs: ContenderRounds, of: "cpuMs" | "wallMs" | "requests") =>
    runs.reduce((total, run) => total + run[of], 0);
  const row = (runs: ContenderRounds): BareClientRow => {
    const warm = runs.slice(warmFrom);
    return {
      cpuMsPerDoc: sum(warm, "cpuMs") / (options.documents * warm.length),
      cpuMsPerDocByRound: runs.map((run) => run.cpuMs / options.documents),
      wallMs: sum(warm, "wallMs") / warm.length,
      requestsPerDoc: sum(runs, "requests") / (options.documents * runs.length),
    };
  };
  const ratios = (runs: ContenderRounds) =>
    runs.map((run, round) => run.cpuMs / (rounds.bare[round]?.cpuMs ?? Number.NaN));
  const [bare, connectorMemory, connectorSqlite] = [row(rounds.bare), row(rounds.memory), row(rounds.sqlite)];
  const clients = row(rounds.clients);
  const perDoc = (cpuMs: number) => cpuMs / warmup.documents;
  const warmupCpuMsPerDoc: ContenderFigures = {
    bare: perDoc(warmup.cpuMs.bare),
    memory: perDoc(warmup.cpuMs.memory),
    sqlite: perDoc(warmup.cpuMs.sqlite),
    ...(warmup.cpuMs.clients !== undefined ? { clients: perDoc(warmup.cpuMs.clients) } : {}),
  };
  return {
    concurrency: options.concurrency,
    documents: options.documents,
    latencyMs: options.latencyMs,
    rounds: options.rounds,
    warmup: { documents: warmup.documents, cpuMsPerDoc: warmupCpuMsPerDoc },
    ownProcesses: true,
    bare,
    clients,
    connectorMemory,
    connectorSqlite,
    sqliteDir: process.platform === "linux" ? "/dev/shm (tmpfs)" : tmpdir(),
    memoryRatio: connectorMemory.cpuMsPerDoc / bare.cpuMsPerDoc,
    sqliteRatio: connectorSqlite.cpuMsPerDoc / bare.cpuMsPerDoc,
    clientsRatio: clients.cpuMsPerDoc / bare.cpuMsPerDoc,
    roundRatios: {
      memory: ratios(rounds.memory),
      sqlite: ratios(rounds.sqlite),
      clients: ratios(rounds.clients),
    },
  };
}

/** A contender in a process of its own (contender-run.ts): one run per call, answered with that process's CPU. */
export interface ContenderProcess {
  /** One run of `flow` (named as the connector's, so it serves where a connector's `runOnce` is taken). */
  runOnce(flow: ContenderFlow): Promise<ContenderRun>;
  close(): Promise<void>;
}

export async function startContender(
  who: Contender,
  addresses: SandboxClientSettings,
  options: { concurrency: number; measured: ContenderFlow },
): Promise<ContenderProcess> {
  // The mappings are made here: the contender's process loads no sandbox code (see support/connector.ts).
  const input: ContenderInput = {
    who,
    addresses,
    mappings: benchMappings(100),
    shipment: sandboxShipmentSettings,
    ...options,
  };
  const child = await forkWithCalls<ContenderRequest, true>(new URL("./contender-run.ts", import.meta.url), {
    name: `${who} contender`,
    env: { ...process.env, BENCH_CONTENDER_INPUT: JSON.stringify(input) },
  });
  return { runOnce: (flow) => child.call<ContenderRun>({ op: "run", flow }), close: child.close };
}

/**
 * The bare client against the connector, side by side against one sandboxes process: orders-in's four requests per
 * 850 over node:http keep-alive agents and nothing else, the same requests through the connector's clients alone, the
 * connector with the memory stores, and with SQLite on tmpfs, each in a process of its own, taking turns for `rounds`
 * rounds (so a change of load hits all four; the order rotates every round), CPU per 850 summed over the warm rounds
 * (all but the first).
 */
export async function measureBareClient(options: {
  concurrency: number;
  documents: number;
  latencyMs: number;
  lines: number;
  rounds: number;
  /**
   * 850s of each contender's first run, before the rounds, not judged (default max(8, 2 C): tokens and sockets). V8
   * keeps optimising the connector's code over its first thousands of documents, with its CPU counted; a connector
   * runs for hours, so the bench warms each process with thousands before the judged rounds.
   */
  warmup?: number | undefined;
}): Promise<BareClientResult> {
  const { concurrency, documents, lines } = options;
  const sandboxes = await startRemoteSandboxes();
  const contenders = {} as Record<Contender, ContenderProcess>;
  try {
    for (const who of CONTENDERS) {
      contenders[who] = await startContender(who, sandboxes.addresses, { concurrency, measured: "orders-in" });
    }
    await sandboxes.call({ op: "setLatency", ms: options.latencyMs });
    // Warm-up: tokens, sockets and the JIT of each, in its own process.
    const warm = options.warmup ?? Math.max(8, concurrency * 2);
    const warmupCpuMs: ContenderFigures = { bare: 0, memory: 0, sqlite: 0 };
    for (const who of CONTENDERS) {
      await sandboxes.call({ op: "fill", count: warm, lines, tag: `W${tagOf(who)}` });
      const run = await contenders[who].runOnce("orders-in");
      if ((run.outcomes.created ?? 0) !== warm)
        throw new Error(`warm-up (${who}) created ${run.outcomes.created} of ${warm}`);
      warmupCpuMs[who] = run.cpuMs;
    }
    const rounds: Record<Contender, ContenderRounds> = { bare: [], clients: [], memory: [], sqlite: [] };
    for (let round = 0; round < options.rounds; round++) {
      for (const who of turnOrder(round)) {
        await sandboxes.call({ op: "fill", count: documents, lines, tag: `${tagOf(who)}${round}` });
        await sandboxes.call({ op: "resetCounters" });
        const run = await contenders[who].runOnce("orders-in");
        const created = run.outcomes.created ?? 0;
        if (created !== documents) throw new Error(`orders-in (${who}) created ${created} of ${documents}`);
        rounds[who].push({ cpuMs: run.cpuMs, wallMs: run.wallMs, requests: (await sandboxes.requests()).total });
      }
    }
    return sideBySideResult(options, rounds, { documents: warm, cpuMs: warmupCpuMs });
  } finally {
    for (const contender of Object.values(contenders)) await contender.close();
    await sandboxes.close();
  }
}

/** A contender's letter in the POs it is given (B, C, M, S). */
export const tagOf = (who: Contender) => who[0]?.toUpperCase() ?? "";
