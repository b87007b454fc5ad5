import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type ConnectorBuild, connectorBuild } from "../support/connector-build.js";
import { benchMappings } from "../support/orders.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import type { ScaleRunInput, ScaleRunOutput } from "./scale-run.js";

/** The 1,000 case measured just before a larger case in the same run: what the scale goals compare it with. */
export interface ScaleBaseline {
  documents: number;
  msPerDoc: number;
  cpuMsPerDoc: number;
  peakRssBytes: number;
  /** When that case started, and the load then. */
  measuredAt: string;
  loadAtStart: [number, number, number];
}

export interface ScaleResult extends ScaleRunOutput {
  /** The same run's 1,000 case (absent in results from before it was kept, and in the 1,000 case itself). */
  baseline?: ScaleBaseline | undefined;
  documents: number;
  latencyMs: number;
  concurrency: number;
  msPerDoc: number;
  cpuMsPerDoc: number;
  /** The sandboxes' process RSS once the mailbox was filled (not part of the connector's). */
  sandboxRssBytes: number;
  /** The packages as built or their sources through tsx (absent in results from before: the sources). */
  connector?: ConnectorBuild | undefined;
}

const run = promisify(execFile);

/**
 * The heap budget of the scale measure's second series (`--max-old-space-size`): the one the XML cost measure runs
 * the reader with, room for the largest files the connector reads, far above what it holds at once.
 */
export const SCALE_HEAP_BUDGET_MB = 1024;

/** `documents` 850s in SPS `out/`, then one orders-in run over all of them in a fresh connector process. */
export async function measureScale(options: {
  documents: number;
  latencyMs: number;
  concurrency: number;
  lines: number;
  /** Where the connector's SQLite file goes (default: tmpfs when there is one; see scale-run.ts). */
  dbDir?: string | undefined;
  /** Node flags for the connector's process, e.g. `--max-old-space-size=64` (a fixed heap budget). */
  nodeFlags?: string[] | undefined;
  /** Diagnostics: where the connector's process writes its profile of promoted allocations (scale-run.ts). */
  promotedProfilePath?: string | undefined;
  /** Diagnostics: given everything the connector's process wrote on stdout (e.g. V8's GC traces, see nodeFlags). */
  onStdout?: ((stdout: string) => void) | undefined;
}): Promise<ScaleResult> {
  const sandboxes = await startRemoteSandboxes();
  try {
    await sandboxes.call({ op: "fill", count: options.documents, lines: options.lines, tag: "S" });
    await sandboxes.call({ op: "setLatency", ms: options.latencyMs });
    const { rssBytes: sandboxRssBytes } = await sandboxes.call<{ rssBytes: number }>({ op: "memory" });
    const input: ScaleRunInput = {
      addresses: sandboxes.addresses,
      concurrency: options.concurrency,
      mappings: benchMappings(100),
      nodeFlags: options.nodeFlags,
      promotedProfilePath: options.promotedProfilePath,
    };
    const { stdout } = await run(
      process.execPath,
      [
        // This process's flags: the connector's process resolves the packages as this one does (connectorBuild).
        ...process.execArgv,
        ...(options.nodeFlags ?? []),
        "--expose-gc",
        fileURLToPath(new URL("./scale-run.ts", import.meta.url)),
      ],
      {
        env: {
          ...process.env,
          BENCH_SCALE_INPUT: JSON.stringify(input),
          ...(options.dbDir ? { BENCH_DB_DIR: options.dbDir } : {}),
        },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    options.onStdout?.(stdout);
    // The report is the line that starts with its first field: with V8's trace flags (gc-trace.ts) the trace may go on
    // after it, up to the process's exit.
    const report = stdout.split("\n").findLast((line) => line.startsWith('{"wallMs"'));
    const output = JSON.parse(report ?? "{}") as ScaleRunOutput;
    const created = output.outcomes.created ?? 0;
    if (created !== options.documents) {
      throw new Error(`orders-in created ${created} of ${options.documents}: ${JSON.stringify(output.outcomes)}`);
    }
    const {
      dbDir: _dbDir,
      nodeFlags: _nodeFlags,
      promotedProfilePath: _profile,
      onStdout: _onStdout,
      ...rest
    } = options;
    return {
      ...output,
      ...rest,
      connector: connectorBuild(),
      msPerDoc: output.wallMs / options.documents,
      cpuMsPerDoc: output.cpuMs / options.documents,
      sandboxRssBytes,
    };
  } finally {
    await sandboxes.close();
  }
}
