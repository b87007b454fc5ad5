/**
 * What one document writes to SQLite's WAL, by b-tree: the frames (one per page a commit changed) of a run of DOCS
 * documents with the SQLite store on tmpfs, warm, as the side-by-side measures run them (C = 8, 20 ms on every route):
 * 850s on orders-in (default 48), or with FLOW=invoices-out, 810s (FLOW=asns-out, 856s; FLOW=acks-out, 855s; default
 * 30; their 850s brought in and invoiced, delivered or allocated, before the WAL is emptied). A commit's cost grows
 * with its frames (each is written with two system calls and checksummed), so this says what a schema or write change
 * would save before it is measured:
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx src/profile/wal-frames.ts
 *   FLOW=invoices-out node --conditions=ml-connector-source --import tsx src/profile/wal-frames.ts
 *
 * Prints one JSON line: commits and frames per document, then the frames per document of each b-tree (its leaf,
 * internal and overflow pages apart; `page 1` is the file's header page, written when the file grows). The WAL is
 * emptied before the run and read after it: the run must stay within SQLite's automatic checkpoint (1,000 frames),
 * which is checked.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import Database from "better-sqlite3";
import { batchConnectorOptions, batchFlowOf, checkBatch, stageBatch } from "../support/flow-batch.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";

const flow = batchFlowOf(process.env.FLOW);
// An outbound document's commit writes more pages than an 850's: fewer of them keep the run within the automatic
// checkpoint.
const documents = Number(process.env.DOCS ?? (flow === "orders-in" ? 48 : 30));
const warmRuns = 2;

const sandboxes = await startRemoteSandboxes();
const dir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-wal-frames-"));
const path = join(dir, "state.sqlite");
const stores = createSqliteStores({ path });
const { connector } = createBenchConnector(sandboxes.addresses, {
  concurrency: 8,
  stores,
  ...batchConnectorOptions(flow),
});
/**
 * Everything a run's documents need before it (outbound: their 850s in, invoiced, delivered or allocated), then
 * `before`, then the run.
 */
const run = async (tag: string, count: number, before?: () => void) => {
  await stageBatch(flow, sandboxes, connector, count, tag);
  await stores.audit.flush();
  before?.();
  const { outcomes } = await connector.runOnce(flow);
  checkBatch(flow, outcomes, count);
};

/** The WAL's frames, in order, as far as they belong to its current generation (their salts are the header's). */
function framesOf(wal: Buffer): { page: number; commit: boolean }[] {
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  const frames: { page: number; commit: boolean }[] = [];
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    if (wal.readUInt32BE(offset + 8) !== salts[0] || wal.readUInt32BE(offset + 12) !== salts[1]) break;
    frames.push({ page: wal.readUInt32BE(offset), commit: wal.readUInt32BE(offset + 4) !== 0 });
  }
  return frames;
}

const reader = new Database(path);
try {
  await sandboxes.call({ op: "setLatency", ms: 20 });
  for (let index = 0; index < warmRuns; index++) await run(`W${index}`, 200);
  let commitsBefore = 0;
  await run("T", documents, () => {
    // Everything so far into the database file, and the WAL started over: what it holds after the run is the run's.
    reader.pragma("wal_checkpoint(TRUNCATE)");
    commitsBefore = stores.auditTransactions;
  });
  await stores.audit.flush();
  const commits = stores.auditTransactions - commitsBefore;

  const frames = framesOf(readFileSync(`${path}-wal`));
  const committed = frames.filter((frame) => frame.commit).length;
  // The run's own commits, plus those of its lock (taken and released by the run).
  if (committed < commits) {
    throw new Error(`The WAL holds ${committed} commits of the run's ${commits}: it was checkpointed; lower DOCS`);
  }
  const treeOf = new Map<number, string>();
  for (const row of reader.prepare("SELECT name, pageno, pagetype FROM dbstat").all() as {
    name: string;
    pageno: number;
    pagetype: string;
  }[]) {
    treeOf.set(row.pageno, `${row.name} ${row.pagetype}`);
  }
  const byTree = new Map<string, number>();
  for (const { page } of frames) {
    const tree = page === 1 ? "page 1" : (treeOf.get(page) ?? "free pages");
    byTree.set(tree, (byTree.get(tree) ?? 0) + 1);
  }
  const perDocument = (count: number) => Number((count / documents).toFixed(2));
  process.stdout.write(
    `${JSON.stringify({
      flow,
      documents,
      commitsPerDocument: perDocument(committed),
      framesPerDocument: perDocument(frames.length),
      framesPerCommit: Number((frames.length / committed).toFixed(1)),
      framesPerDocumentByTree: Object.fromEntries(
        [...byTree].sort((a, b) => b[1] - a[1]).map(([tree, count]) => [tree, perDocument(count)]),
      ),
    })}\n`,
  );
} finally {
  reader.close();
  await stores.close();
  await sandboxes.close();
  rmSync(dir, { recursive: true, force: true });
}
