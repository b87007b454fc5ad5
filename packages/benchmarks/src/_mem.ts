import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { startRemoteSandboxes } from "./support/remote-sandboxes.js";
import { createBenchConnector } from "./support/systems.js";

const sb = await startRemoteSandboxes();
await sb.call({ op: "fill", count: Number(process.env.N ?? 3000), lines: 3, tag: "S" });
const stores = createSqliteStores({ path: join(mkdtempSync("/dev/shm/memtry-"), "c.db") });
const { connector } = createBenchConnector(sb.addresses, { concurrency: 8, stores });
const gc = (globalThis as { gc?: () => void }).gc!;
const t = setInterval(() => {
  gc();
  const m = process.memoryUsage();
  console.error(
    `heap ${(m.heapUsed / 1e6).toFixed(1)} rss ${(m.rss / 1e6).toFixed(1)} ext ${(m.external / 1e6).toFixed(1)} ab ${(m.arrayBuffers / 1e6).toFixed(1)}`,
  );
}, 3000);
const s = await connector.runOnce("orders-in");
clearInterval(t);
console.error(s.outcomes);
const v8 = await import("node:v8");
gc();
console.error("final heap", (process.memoryUsage().heapUsed / 1e6).toFixed(1));
v8.writeHeapSnapshot("/tmp/after.heapsnapshot");
await sb.close();
