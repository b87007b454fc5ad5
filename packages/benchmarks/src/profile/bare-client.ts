/**
 * The bare-client measure alone (the connector with the memory stores and with SQLite against a bare node:http
 * client, each in a process of its own, in turn), for A/B comparisons of two builds: run it alternately from two
 * checkouts and compare the ratios.
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx src/profile/bare-client.ts
 *
 * PROFILE_DOCS (default 400), PROFILE_ROUNDS (default 2). Prints one JSON line: CPU ms per 850 of each contender and
 * the two ratios.
 */
import { measureBareClient } from "../measures/bare-client.js";

const result = await measureBareClient({
  concurrency: 8,
  documents: Number(process.env.PROFILE_DOCS ?? 400),
  latencyMs: 20,
  lines: 5,
  rounds: Number(process.env.PROFILE_ROUNDS ?? 2),
});
const ms = (value: number) => Number(value.toFixed(3));
process.stdout.write(
  `${JSON.stringify({
    bare: ms(result.bare.cpuMsPerDoc),
    memory: ms(result.connectorMemory.cpuMsPerDoc),
    sqlite: ms(result.connectorSqlite.cpuMsPerDoc),
    memoryRatio: ms(result.memoryRatio),
    sqliteRatio: ms(result.sqliteRatio),
  })}\n`,
);
