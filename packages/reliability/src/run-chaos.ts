import { runChaos } from "./chaos.js";

const result = await runChaos({
  orders: Number(process.env.CHAOS_ORDERS ?? 1000),
  kills: Number(process.env.CHAOS_KILLS ?? 20),
  seed: Number(process.env.CHAOS_SEED ?? 1),
  log: (l) => console.log(new Date().toISOString().slice(11, 19), l),
});
console.log(result.line, `(${result.durationMs} ms; uploads per name max ${result.uploadsPerName.max})`);
for (const v of result.violations.slice(0, 30)) console.log("VIOLATION", v);
