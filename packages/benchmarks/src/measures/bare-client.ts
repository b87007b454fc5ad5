import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { createMemoryStores } from "@ml-connector/sync-core";
import { createBareHttp } from "../support/bare-http.js";
import { type RemoteSandboxes, startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";
import { timed } from "./orders-in.js";

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
   * Rounds: each round runs the three contenders one after the other, in turn. The first starts a few dozen documents
   * into a fresh process, while V8 is still compiling the code of all three (on background threads, which process CPU
   * time counts): it is reported (`cpuMsPerDocByRound`, `roundRatios`) but not judged. The figures and ratios are those of the later rounds,
   * a warm process, which is what a connector running for hours is.
   */
  rounds: number;
  bare: BareClientRow;
  connectorMemory: BareClientRow;
  connectorSqlite: BareClientRow;
  /** Where the SQLite file was (tmpfs when /dev/shm exists). */
  sqliteDir: string;
  /** connector CPU per document / bare client CPU per document. */
  memoryRatio: number;
  sqliteRatio: number;
  /** The ratios round by round, the first round's included. */
  roundRatios?: { memory: number[]; sqlite: number[] };
}

/** The same requests as orders-in over node:http keep-alive agents and nothing else (one per server, C sockets). */
export function createBareClient(addresses: SandboxClientSettings, concurrency: number) {
  const bare = createBareHttp(addresses, concurrency);
  const { call, headers } = bare;
  const { sps } = addresses;
  const x3Class = `${bare.x3Api}/SORDER`;

  return {
    token: () => bare.token(),
    async list(): Promise<string[]> {
      const paths: string[] = [];
      let next: string | undefined = `${sps.baseUrl}/transactions/v5/data/out/?limit=1000`;
      while (next) {
        const page = JSON.parse((await call(next, "GET", headers.sps)).text) as {
          results?: { path: string; type?: string }[];
          paging?: { next?: { url?: string } | string | null };
        };
        for (const item of page.results ?? []) if (item.type !== "directory") paths.push(item.path);
        const link = page.paging?.next;
        const url = typeof link === "string" ? link : link?.url;
        next = url ? new URL(url, sps.baseUrl).href : undefined;
      }
      return paths;
    },
    /** The four requests of one 850: download, look the order up, create it, delete the file. */
    async order(path: string) {
      const file = `${sps.baseUrl}/transactions/v5/data/${path.replace(/^\//, "")}`;
      const order = JSON.parse((await call(file, "GET", headers.sps)).text) as {
        Header: { OrderHeader: { PurchaseOrderNumber: string } };
        LineItem: { OrderLine: { OrderQty: number; PurchasePrice: number } }[];
      };
      const po = order.Header.OrderHeader.PurchaseOrderNumber;
      const where = encodeURIComponent(`(BPCORD eq 'C0001') and (CUSORDREF eq '${po}')`);
      await call(`${x3Class}?representation=SORDER.$query&count=2&where=${where}`, "GET", headers.x3);
      const record = {
        BPCORD: "C0001",
        SALFCY: "US01",
        SOHTYP: "SON",
        CUR: "USD",
        CUSORDREF: po,
        BPAADD: "DC01",
        SOHSOP: order.LineItem.map((item, i) => ({
          ITMREF: ["WID-001", "WID-002", "GAD-100", "GIZ-200"][i % 4],
          QTY: item.OrderLine.OrderQty,
          SAU: "EA",
          GROPRI: item.OrderLine.PurchasePrice,
        })),
      };
      await call(
        `${x3Class}?representation=SORDER.$create`,
        "POST",
        { ...headers.x3, "content-type": "application/json" },
        JSON.stringify(record),
      );
      await call(file, "DELETE", headers.sps);
    },
    close: () => bare.close(),
  };
}

export async function bareRun(
  sandboxes: RemoteSandboxes,
  client: ReturnType<typeof createBareClient>,
  concurrency: number,
) {
  return timed(async () => {
    await client.token();
    const paths = await client.list();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < paths.length) await client.order(paths[next++] as string);
      }),
    );
    return paths.length;
  }).then(async (run) => ({ ...run, requests: (await sandboxes.requests()).total }));
}

/** One contender's timed runs, a round each. */
export type ContenderRounds = { cpuMs: number; wallMs: number; requests: number }[];

/** The three contenders of a side-by-side measure. */
export const CONTENDERS = ["bare", "memory", "sqlite"] as const;
export type Contender = (typeof CONTENDERS)[number];

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
  rounds: { bare: ContenderRounds; memory: ContenderRounds; sqlite: ContenderRounds },
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
  return {
    concurrency: options.concurrency,
    documents: options.documents,
    latencyMs: options.latencyMs,
    rounds: options.rounds,
    bare,
    connectorMemory,
    connectorSqlite,
    sqliteDir: process.platform === "linux" ? "/dev/shm (tmpfs)" : tmpdir(),
    memoryRatio: connectorMemory.cpuMsPerDoc / bare.cpuMsPerDoc,
    sqliteRatio: connectorSqlite.cpuMsPerDoc / bare.cpuMsPerDoc,
    roundRatios: { memory: ratios(rounds.memory), sqlite: ratios(rounds.sqlite) },
  };
}

/**
 * The bare client against the connector, side by side in one process and one sandbox process: orders-in's four
 * requests per 850 over node:http keep-alive agents and nothing else, the connector with the memory stores, and with
 * SQLite on tmpfs, taking turns for `rounds` rounds (so a change of load hits all three; the order rotates every
 * round), CPU per 850 summed over the warm rounds (all but the first).
 */
export async function measureBareClient(options: {
  concurrency: number;
  documents: number;
  latencyMs: number;
  lines: number;
  rounds: number;
}): Promise<BareClientResult> {
  const sandboxes = await startRemoteSandboxes();
  const sqliteDir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-bare-"));
  const sqlite = createSqliteStores({ path: join(sqliteDir, "state.sqlite") });
  try {
    const { concurrency, documents, lines } = options;
    const bare = createBareClient(sandboxes.addresses, concurrency);
    const memory = createBenchConnector(sandboxes.addresses, { concurrency, stores: createMemoryStores() }).connector;
    const onSqlite = createBenchConnector(sandboxes.addresses, { concurrency, stores: sqlite }).connector;
    await sandboxes.call({ op: "setLatency", ms: options.latencyMs });
    // Warm-up: tokens, sockets and the JIT of all three.
    const warm = Math.max(8, concurrency * 2);
    await sandboxes.call({ op: "fill", count: warm, lines, tag: "WB" });
    await bareRun(sandboxes, bare, concurrency);
    for (const [tag, connector] of [
      ["WM", memory],
      ["WS", onSqlite],
    ] as const) {
      await sandboxes.call({ op: "fill", count: warm, lines, tag });
      await connector.runOnce("orders-in");
    }
    const rounds: { bare: ContenderRounds; memory: ContenderRounds; sqlite: ContenderRounds } = {
      bare: [],
      memory: [],
      sqlite: [],
    };
    for (let round = 0; round < options.rounds; round++) {
      for (const who of turnOrder(round)) {
        await sandboxes.call({ op: "fill", count: documents, lines, tag: `${who[0]?.toUpperCase()}${round}` });
        await sandboxes.call({ op: "resetCounters" });
        if (who === "bare") {
          const run = await bareRun(sandboxes, bare, concurrency);
          if (run.value !== documents) throw new Error(`the bare client found ${run.value} of ${documents} 850s`);
          rounds.bare.push({ cpuMs: run.cpuMs, wallMs: run.wallMs, requests: run.requests });
        } else {
          const connector = who === "memory" ? memory : onSqlite;
          const run = await timed(() => connector.runOnce("orders-in"));
          const created = run.value.outcomes.created ?? 0;
          if (created !== documents) throw new Error(`orders-in (${who}) created ${created} of ${documents}`);
          rounds[who].push({ cpuMs: run.cpuMs, wallMs: run.wallMs, requests: (await sandboxes.requests()).total });
        }
      }
    }
    bare.close();
    return sideBySideResult(options, rounds);
  } finally {
    await sqlite.close();
    rmSync(sqliteDir, { recursive: true, force: true });
    await sandboxes.close();
  }
}
