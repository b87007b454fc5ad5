/**
 * The bare-client measure alone (the connector with the memory stores and with SQLite against a bare node:http
 * client and the connector's clients alone, each in a process of its own, in turn), for A/B comparisons of two builds: run it alternately from two
 * checkouts and compare the ratios.
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx src/profile/bare-client.ts
 *
 * PROFILE_DOCS (default 400), PROFILE_ROUNDS (default 2), PROFILE_WARMUP (850s of each contender's warm-up run;
 * default the measure's). Prints one JSON line: CPU ms per 850 of each contender, the ratios to the bare client, and
 * the warm-up run's CPU ms per 850 of each.
 */
import { measureBareClient } from "../measures/bare-client.js";

const result = await measureBareClient({
  concurrency: 8,
  documents: Number(process.env.PROFILE_DOCS ?? 400),
  latencyMs: 20,
  lines: 5,
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
  })}\n`,
);
