import { expect, it } from "vitest";
import { runChaos } from "../src/chaos.js";

// The chaos run (docs/reliability.md): both sandboxes here with seeded faults (10% 5xx, 5% 429 with Retry-After 1 s,
// 2% latency beyond the 1 s client timeout, 1% connection resets, a token revocation every 100 calls), the connector
// in a child process over a SQLite file, SIGKILLed at random points and restarted, X3 users moving orders along and
// keying duplicate orders by hand (same customer + CUSORDREF) for one PO in 40,
// and the retailer changing about one PO in 8 with 860s (some before their 850 is processed).
// 1,000 POs, as the issue asks: about 4 minutes on a loaded 2-core runner (docs/reliability.md, "Size").
const orders = Number(process.env.CHAOS_ORDERS ?? 1000);
const kills = Number(process.env.CHAOS_KILLS ?? 20);
const seed = Number(process.env.CHAOS_SEED ?? 1);

it(`chaos: ${orders} POs, ${kills} SIGKILLs, all four flows under faults: every invariant holds`, async () => {
  const result = await runChaos({
    orders,
    kills,
    seed,
    log: (line) => {
      if (line.startsWith("PO ") || line.startsWith("audit ")) console.log(line);
    },
  });
  console.log(result.line);
  expect(result.violations).toEqual([]);
  expect(result.kills).toBeGreaterThanOrEqual(20);
  expect(result.faults).toBeGreaterThan(0);
}, 600_000);
