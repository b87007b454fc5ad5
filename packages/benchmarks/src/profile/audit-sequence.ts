/**
 * The store writes and reads of one 850 on orders-in (look the file up, record it with its payload, read the
 * partner and map the order: ship-to, five lines' items, unit, cost centre; begin and complete the create, its
 * attempt, link and status, flush, the delete's attempt), in a loop
 * with no network: the stores' own CPU per document. With COMPARE_WITH set to another checkout of the repository,
 * that checkout's stores run in the same process, alternated with this one's (an A/B that the machine's load hits
 * alike):
 *
 *   cd packages/benchmarks
 *   STORE=sqlite COMPARE_WITH=/path/to/other/checkout node --conditions=ml-connector-source --import tsx src/profile/audit-sequence.ts
 *
 * STORE memory or sqlite (default sqlite, the file on tmpfs), ROUNDS (default 8), DOCS per round (default 500).
 * Prints the median CPU µs per document of each build and every round's figure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acmeMappings } from "@ml-connector/sandbox";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { type ConnectorStores, createMemoryStores } from "@ml-connector/sync-core";

type StoresFactory = (options: { path: string }) => ConnectorStores;

const kind = process.env.STORE ?? "sqlite";
const rounds = Number(process.env.ROUNDS ?? 8);
const docs = Number(process.env.DOCS ?? 500);
const other = process.env.COMPARE_WITH;
const dir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-audit-"));

async function otherFactory(root: string): Promise<StoresFactory> {
  if (kind === "sqlite") {
    const module = (await import(`${root}/packages/store-sqlite/src/index.ts`)) as {
      createSqliteStores: StoresFactory;
    };
    return module.createSqliteStores;
  }
  const module = (await import(`${root}/packages/state/src/index.ts`)) as { createMemoryStores: () => ConnectorStores };
  return () => module.createMemoryStores();
}

const thisFactory: StoresFactory = kind === "sqlite" ? createSqliteStores : () => createMemoryStores();
const builds: Record<string, ConnectorStores> = { this: thisFactory({ path: join(dir, "this.sqlite") }) };
if (other) builds.other = (await otherFactory(other))({ path: join(dir, "other.sqlite") });

const payload = new TextEncoder().encode(JSON.stringify({ Header: { OrderHeader: { Note: "x".repeat(2500) } } }));
// The sandbox's order lines: items mapped globally, found by vendor part number or, for some, by UPC.
const lines = [
  { vendorPartNumber: "WID-001" },
  { vendorPartNumber: "WID-002" },
  { vendorPartNumber: "GAD-100", upc: "012345678929" },
  { vendorPartNumber: "WID-001" },
  { vendorPartNumber: "WID-002" },
];
let sequence = 0;

async function oneDocument(stores: ConnectorStores): Promise<void> {
  const i = sequence++;
  const fileName = `PO${i}-1-v7.7-BulkImport.json`;
  await stores.audit.findDocuments({ fileName, direction: "in", limit: 100 });
  const document = await stores.audit.recordDocument({
    direction: "in",
    type: "850",
    partnerId: "ACME",
    naturalKey: `850:ACME:PO${i}`,
    poNumber: `PO${i}`,
    purposeCode: "00",
    status: "received",
    fileName,
    payload,
    flow: "orders-in",
    metadata: { rsxVersion: "7.7" },
  });
  const partner = await stores.mappings.getPartner("ACME");
  await stores.mappings.getShipTo("ACME", "0042");
  for (const line of lines) await stores.mappings.findItem("ACME", line, partner?.itemLookupOrder);
  await stores.mappings.findUom("ACME", "EA");
  await stores.mappings.findCostCentre("ACME", "042");
  const key = `orders-in:create:ACME:PO${i}`;
  await stores.audit.beginEffect(key, {
    operation: "x3.create-order",
    documentId: document.id,
    naturalKey: document.naturalKey,
    data: { kind: "sales", partyCode: "C0001", reference: `PO${i}` },
  });
  await stores.audit.completeEffect(key, { x3Key: `SO${i}` });
  await stores.audit.recordAttempt(document.id, { operation: "x3.create", outcome: "success", durationMs: 20 });
  await stores.audit.link(
    { kind: "document", id: document.id },
    { kind: "x3", entity: "SORDER", key: `SO${i}` },
    "created",
  );
  await stores.audit.updateDocument(document.id, { status: "created", x3Key: `SO${i}` });
  await stores.audit.flush();
  await stores.audit.recordAttempt(document.id, { operation: "sps.delete", outcome: "success", durationMs: 20 });
  // The next document's writes start after the network: the group commit ends its transaction at the end of a turn.
  await new Promise((resolve) => setImmediate(resolve));
}

try {
  const names = Object.keys(builds);
  for (const name of names) {
    await builds[name]?.mappings.upsertMany(acmeMappings);
    for (let i = 0; i < 100; i++) await oneDocument(builds[name] as ConnectorStores);
  }
  const perDoc: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const start = process.cpuUsage();
      for (let i = 0; i < docs; i++) await oneDocument(builds[name] as ConnectorStores);
      const used = process.cpuUsage(start);
      perDoc[name]?.push((used.user + used.system) / docs);
    }
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  const round1 = (value: number) => Number(value.toFixed(1));
  process.stdout.write(
    `${JSON.stringify({
      store: kind,
      cpuMicrosPerDoc: Object.fromEntries(names.map((name) => [name, round1(median(perDoc[name] ?? []))])),
      rounds: Object.fromEntries(names.map((name) => [name, (perDoc[name] ?? []).map(round1)])),
    })}\n`,
  );
} finally {
  for (const stores of Object.values(builds)) await stores.close();
  rmSync(dir, { recursive: true, force: true });
}
