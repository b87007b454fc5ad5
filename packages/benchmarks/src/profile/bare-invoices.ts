/**
 * The bare-invoices measure alone (invoices-out with the memory stores and with SQLite against a bare node:http client
 * and the connector's clients alone making the same requests, each in a process of its own, in turn), for A/B comparisons of two builds: run it
 * alternately from two checkouts and compare the ratios.
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx src/profile/bare-invoices.ts
 *
 * PROFILE_DOCS (default 200), PROFILE_ROUNDS (default 2), PROFILE_WARMUP (invoices of the warm-up round; default the
 * measure's). Prints one JSON line: CPU ms per 810 of each contender,
 * the ratios to the bare client and the requests per 810 of each (bare, clients alone, memory, SQLite).
 */
import { measureBareInvoices } from "../measures/bare-invoices.js";

const result = await measureBareInvoices({
  concurrency: 8,
  documents: Number(process.env.PROFILE_DOCS ?? 200),
  latencyMs: 20,
  rounds: Number(process.env.PROFILE_ROUNDS ?? 2),
  warmup: process.env.PROFILE_WARMUP === undefined ? undefined : Number(process.env.PROFILE_WARMUP),
});
const ms = (value: number) => Number(value.toFixed(3));
process.stdout.write(
  `${JSON.stringify({
    bare: ms(result.bare.cpuMsPerDoc),
    clients: result.clients && ms(result.clients.cpuMsPerDoc),
    memory: ms(result.connectorMemory.cpuMsPerDoc),
    sqlite: ms(result.connectorSqlite.cpuMsPerDoc),
    memoryRatio: ms(result.memoryRatio),
    sqliteRatio: ms(result.sqliteRatio),
    clientsRatio: result.clientsRatio && ms(result.clientsRatio),
    warmup: result.warmup && {
      documents: result.warmup.documents,
      bare: ms(result.warmup.cpuMsPerDoc.bare),
      clients: result.warmup.cpuMsPerDoc.clients && ms(result.warmup.cpuMsPerDoc.clients),
      memory: ms(result.warmup.cpuMsPerDoc.memory),
      sqlite: ms(result.warmup.cpuMsPerDoc.sqlite),
    },
    requests: [result.bare, result.clients, result.connectorMemory, result.connectorSqlite].map(
      (row) => row && ms(row.requestsPerDoc),
    ),
  })}\n`,
);
