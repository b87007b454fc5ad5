/**
 * Some of the bare-client measure's contenders, each in its process (as the measure runs them), taking turns in a
 * fixed order, round after round: how a contender's CPU per 850 changes with the company it keeps. One contender
 * alone runs its rounds back to back; several interleave, each idle while the others run, as in the measure.
 *
 *   cd packages/benchmarks
 *   PROFILE_WHOS=memory node --import tsx src/profile/contender-turns.ts
 *   PROFILE_WHOS=bare,clients,memory,sqlite node --import tsx src/profile/contender-turns.ts
 *
 * PROFILE_WHOS (comma-separated: bare, clients, memory, sqlite; default memory), PROFILE_ROUNDS (default 6),
 * PROFILE_DOCS per round (default 400), PROFILE_WARM (each contender's warm-up run, default 2000). C = 8, 5-line
 * 850s, 20 ms on every route, one sandboxes process. Prints each round's CPU ms per 850 of each contender (the
 * process's user + system time over its run), then one JSON line with every round's figures.
 */
import { CONTENDERS, type Contender, type ContenderProcess, startContender, tagOf } from "../measures/bare-client.js";
import { startRemoteSandboxes } from "../support/remote-sandboxes.js";

const whos = (process.env.PROFILE_WHOS ?? "memory").split(",").map((who) => who.trim()) as Contender[];
for (const who of whos) if (!CONTENDERS.includes(who)) throw new Error(`PROFILE_WHOS: unknown contender "${who}"`);
const rounds = Number(process.env.PROFILE_ROUNDS ?? 6);
const documents = Number(process.env.PROFILE_DOCS ?? 400);
const warm = Number(process.env.PROFILE_WARM ?? 2000);

const sandboxes = await startRemoteSandboxes();
const contenders = new Map<Contender, ContenderProcess>();
const byRound: Record<string, number[]> = {};
try {
  for (const who of whos) {
    contenders.set(who, await startContender(who, sandboxes.addresses, { concurrency: 8, measured: "orders-in" }));
    byRound[who] = [];
  }
  await sandboxes.call({ op: "setLatency", ms: 20 });
  const runOf = async (who: Contender, count: number, tag: string) => {
    await sandboxes.call({ op: "fill", count, lines: 5, tag });
    const run = await (contenders.get(who) as ContenderProcess).runOnce("orders-in");
    if ((run.outcomes.created ?? 0) !== count) throw new Error(`${who} created ${run.outcomes.created} of ${count}`);
    return run.cpuMs / count;
  };
  for (const who of whos) await runOf(who, warm, `W${tagOf(who)}`);
  for (let round = 0; round < rounds; round++) {
    const line: string[] = [];
    for (const who of whos) {
      const cpuMsPerDoc = await runOf(who, documents, `${tagOf(who)}${round}`);
      byRound[who]?.push(Number(cpuMsPerDoc.toFixed(3)));
      line.push(`${who} ${cpuMsPerDoc.toFixed(3)}`);
    }
    console.log(`round ${round}: ${line.join("  ")}`);
  }
  console.log(JSON.stringify({ whos, documents, warm, cpuMsPerDocByRound: byRound }));
} finally {
  for (const contender of contenders.values()) await contender.close();
  await sandboxes.close();
}
