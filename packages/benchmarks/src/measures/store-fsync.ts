import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface StoreFsyncCase {
  /** `850`: an order orders-in creates in X3; `810`: an invoice invoices-out posts; `856`: a one-pack 856 asns-out posts. */
  kind: "850" | "810" | "856";
  /** `each`: every write committed on its own (before group commit); `grouped`: as the store commits them now. */
  mode: "each" | "grouped";
  documents: number;
  transactionsPerDoc: number;
  /** fsync + fdatasync calls per document, counted by strace; undefined without strace. */
  fsyncsPerDoc?: number | undefined;
  /**
   * Of those, the WAL checkpoints' (each time SQLite copies the WAL into the database file, every 1,000 pages by
   * default: the WAL synced before it, the file after it, the WAL's new header): the rest are one per commit.
   */
  checkpointFsyncsPerDoc?: number | undefined;
  /** Transactions the run's end commits once (what no next document committed, the last removals' attempts). */
  runEndTransactions?: number | undefined;
  cpuMsPerDoc: number;
}

export interface StoreFsyncResult {
  /** How the fsyncs were counted. */
  counter: string;
  cases: StoreFsyncCase[];
}

async function hasStrace(): Promise<boolean> {
  try {
    await run("strace", ["-V"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write transactions and fsyncs per document of the SQLite audit store, one process per case, the cases interleaved
 * (each / grouped, twice) so that the machine's load falls on both alike. fsyncs are counted with strace when it is
 * installed (`apt-get install strace`), from the case's first measured document to its last one's writes (the run's
 * end, once per run, is reported apart); transactions by the store's own counter over the same span; CPU from a run
 * without strace.
 */
export async function measureStoreFsync(documents: number): Promise<StoreFsyncResult> {
  const strace = await hasStrace();
  const script = fileURLToPath(new URL("./store-fsync-run.ts", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "ml-connector-bench-strace-"));
  const runs: StoreFsyncCase[] = [];
  try {
    for (const round of [1, 2]) {
      for (const kind of ["850", "810", "856"] as const) {
        for (const mode of ["each", "grouped"] as const) {
          const env = {
            ...process.env,
            BENCH_FSYNC_KIND: kind,
            BENCH_FSYNC_MODE: mode,
            BENCH_FSYNC_DOCS: String(documents),
          };
          const trace = join(dir, `${kind}-${mode}-${round}.trace`);
          const node = [process.execPath, ...process.execArgv, script];
          // CPU and transactions from a run of its own: strace slows every system call the process makes.
          const { stdout } = await run(node[0]!, node.slice(1), { env });
          const traced = strace
            ? await run("strace", ["-f", "-qq", "-e", "trace=fsync,fdatasync,write", "-o", trace, ...node], { env })
            : undefined;
          const last = (output: string) =>
            JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as {
              transactions: number;
              runEndTransactions: number;
              cpuMsPerDoc: number;
            };
          const out = last(stdout);
          let fsyncsPerDoc: number | undefined;
          let checkpointFsyncsPerDoc: number | undefined;
          if (traced) {
            const lines = readFileSync(trace, "utf8").split("\n");
            const marker = (event: string) => lines.findIndex((line) => line.includes(`{\\"event\\":\\"${event}\\"}`));
            const fsyncs = lines
              .slice(marker("start") + 1, marker("end"))
              .filter((line) => /\b(fsync|fdatasync)\(/.test(line)).length;
            fsyncsPerDoc = fsyncs / documents;
            // A commit is one fsync of the WAL; the rest are the checkpoints' (the WAL before it, the database file,
            // the WAL's new header after it), counted against the traced run's own commits.
            checkpointFsyncsPerDoc = (fsyncs - last(traced.stdout).transactions) / documents;
          }
          runs.push({
            kind,
            mode,
            documents,
            transactionsPerDoc: out.transactions / documents,
            fsyncsPerDoc,
            checkpointFsyncsPerDoc,
            runEndTransactions: out.runEndTransactions,
            cpuMsPerDoc: out.cpuMsPerDoc,
          });
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // One row per kind and mode: the mean of the two rounds.
  const cases: StoreFsyncCase[] = [];
  for (const kind of ["850", "810", "856"] as const) {
    for (const mode of ["each", "grouped"] as const) {
      const same = runs.filter((r) => r.kind === kind && r.mode === mode);
      const mean = (pick: (r: StoreFsyncCase) => number | undefined) => {
        const values = same.map(pick).filter((v): v is number => v !== undefined);
        return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
      };
      cases.push({
        kind,
        mode,
        documents,
        transactionsPerDoc: mean((r) => r.transactionsPerDoc)!,
        fsyncsPerDoc: mean((r) => r.fsyncsPerDoc),
        checkpointFsyncsPerDoc: mean((r) => r.checkpointFsyncsPerDoc),
        runEndTransactions: mean((r) => r.runEndTransactions),
        cpuMsPerDoc: mean((r) => r.cpuMsPerDoc)!,
      });
    }
  }
  return { counter: strace ? "strace -f -e trace=fsync,fdatasync" : "none (strace not installed)", cases };
}
