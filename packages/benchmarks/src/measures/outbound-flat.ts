import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { type ConnectorStores, createMemoryStores } from "@ml-connector/sync-core";
import type { OutboundFlow } from "../support/connector.js";
import { batchConnectorOptions } from "../support/flow-batch.js";
import { type RemoteSandboxes, startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";
import { timed } from "../support/timed.js";
import { outboundSetUp } from "./bare-invoices.js";

export type FlatStore = "memory" | "sqlite";

/** One store at one size of history: the same batches, CPU summed over the rounds. */
export interface OutboundFlatCase {
  store: FlatStore;
  /** Documents the flow had handled, in the stores with their 850s, before the first counted round and after the last. */
  historyBefore: number;
  historyAfter: number;
  documents: number;
  cpuMsPerDoc: number;
  wallMsPerDoc: number;
  /** The sandboxes' process's CPU per document in the same runs (it answers on the same cores). */
  sandboxCpuMsPerDoc: number;
  /** CPU per document of each counted round, in order. */
  roundCpuMsPerDoc: number[];
}

export interface OutboundFlatResult {
  /** The flow measured. Results recorded before the measure took a flow have none: they measured invoices-out. */
  flow?: OutboundFlow;
  concurrency: number;
  batch: number;
  rounds: number;
  cases: OutboundFlatCase[];
}

/**
 * An outbound flow's CPU per document as its stores fill up (invoices-out's per invoice, asns-out's per delivery,
 * acks-out's per allocated order): for each store, two connectors, one whose stores hold `small` documents already
 * handled (and their 850s) and one holding `large`, each with its own sandboxes process. Then in each round both get
 * the same batch (posted invoices, validated deliveries or allocated orders behind new 850s) and run the flow once
 * (C = `concurrency`, no latency, look-back 0 so that a run reads only its batch), taking turns, the order swapped
 * every round; a first round warms up and is not counted. Same batch, same process, same load: what differs is only
 * how much history the stores hold, which is what a scan instead of an index would make grow. (Comparing one run of
 * 500 documents with one of 5,000 instead mostly measures the run's fixed costs and V8 warming up, both of which weigh
 * more on the short run.)
 */
export async function measureOutboundFlat(options: {
  flow: OutboundFlow;
  concurrency: number;
  small: number;
  large: number;
  batch: number;
  rounds: number;
  stores: readonly FlatStore[];
}): Promise<OutboundFlatResult> {
  const { flow, concurrency, batch } = options;
  const post = outboundSetUp[flow];
  const sqliteDir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-flat-"));
  const opened: { host: RemoteSandboxes; stores: ConnectorStores }[] = [];
  try {
    const contenders: {
      store: FlatStore;
      history: number;
      host: RemoteSandboxes;
      connector: ReturnType<typeof createBenchConnector>["connector"];
      cpuMs: number;
      wallMs: number;
      sandboxCpuMs: number;
      rounds: number[];
    }[] = [];
    // A process's first connector runs its documents for less CPU than the ones made after it, whatever they hold:
    // 500 against 600 handled read 1.19x and 1.26x with the 500 made first, 0.89x with it made second, over 8 rounds
    // (src/profile/outbound-flat.ts, FIRST=small|large). A connector made and run first, in every round and not
    // counted, takes that place (1.05x to 1.12x then, and 0.98x the other way round).
    /**
     * A connector with its own sandboxes process and `history` documents handled untimed (the warm-up round below adds
     * a last batch to the contenders'); it also warms the connector (tokens, sockets, the JIT).
     */
    const connectorWithHistory = async (stores: ConnectorStores, history: number) => {
      const host = await startRemoteSandboxes();
      opened.push({ host, stores });
      // The connector's clock a minute ahead of X3's (past the safety lag), a look-back of 0.
      const { connector } = createBenchConnector(host.addresses, {
        concurrency,
        stores,
        ...batchConnectorOptions(flow),
      });
      await post(host, connector, history, "H");
      const handled = (await connector.runOnce(flow)).outcomes;
      if ((handled.posted ?? 0) !== history) {
        throw new Error(`set-up: ${flow} posted ${handled.posted ?? 0} of ${history}: ${JSON.stringify(handled)}`);
      }
      return { host, connector };
    };
    const decoy = await connectorWithHistory(createMemoryStores(), options.small);
    for (const store of options.stores) {
      for (const history of [options.small, options.large]) {
        const stores =
          store === "memory"
            ? createMemoryStores()
            : createSqliteStores({ path: join(sqliteDir, `${store}-${history}.sqlite`) });
        const { host, connector } = await connectorWithHistory(stores, history - batch);
        contenders.push({ store, history, host, connector, cpuMs: 0, wallMs: 0, sandboxCpuMs: 0, rounds: [] });
      }
    }
    // Round -1 is a warm-up, not counted: its run also reads again the history's last second (the window's start is
    // inclusive), which the small and the large history do not share alike.
    for (let round = -1; round < options.rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      await post(decoy.host, decoy.connector, batch, round < 0 ? "W" : `R${round}`);
      await decoy.connector.runOnce(flow);
      for (const contender of order) {
        await post(contender.host, contender.connector, batch, round < 0 ? "W" : `R${round}`);
        const sandboxCpuStart = await contender.host.cpuMs();
        const run = await timed(() => contender.connector.runOnce(flow));
        const sandboxCpuMs = (await contender.host.cpuMs()) - sandboxCpuStart;
        if ((run.value.outcomes.posted ?? 0) !== batch) {
          throw new Error(`${flow} posted ${run.value.outcomes.posted ?? 0} of ${batch}`);
        }
        if (round < 0) continue;
        contender.sandboxCpuMs += sandboxCpuMs;
        contender.cpuMs += run.cpuMs;
        contender.rounds.push(run.cpuMs / batch);
        contender.wallMs += run.wallMs;
      }
    }
    const documents = batch * options.rounds;
    return {
      flow,
      concurrency,
      batch,
      rounds: options.rounds,
      cases: contenders.map((c) => ({
        store: c.store,
        historyBefore: c.history,
        historyAfter: c.history + documents,
        documents,
        cpuMsPerDoc: c.cpuMs / documents,
        wallMsPerDoc: c.wallMs / documents,
        sandboxCpuMsPerDoc: c.sandboxCpuMs / documents,
        roundCpuMsPerDoc: c.rounds,
      })),
    };
  } finally {
    for (const { host, stores } of opened) {
      await stores.close();
      await host.close();
    }
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}
