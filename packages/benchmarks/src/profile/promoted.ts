/**
 * What the connector's old generation grows by between full collections: one scale case (measure 4, latency 0) with
 * V8's sampling heap profiler keeping only the allocations that outlived the young generation's collections.
 *
 *   cd packages/benchmarks
 *   node --conditions=ml-connector-source --import tsx src/profile/promoted.ts
 *
 * PROFILE_DOCS (default 2000), PROFILE_C (default 8), PROFILE_TOP (default 25). Prints one JSON line per allocating
 * function (MB promoted per 1,000 documents, share of all that was promoted, where), largest first, then the total.
 * The raw profile is left in the OS temp directory (open it in Chrome DevTools' Memory tab).
 */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureScale } from "../measures/scale.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: ProfileNode[];
}
interface SamplingProfile {
  head: ProfileNode;
  samples: { size: number; nodeId: number }[];
}

const documents = Number(process.env.PROFILE_DOCS ?? 2000);
const concurrency = Number(process.env.PROFILE_C ?? 8);
const top = Number(process.env.PROFILE_TOP ?? 25);
const path = join(tmpdir(), `ml-connector-promoted-${process.pid}.heapprofile`);

await measureScale({ documents, latencyMs: 0, concurrency, lines: 3, promotedProfilePath: path });
const profile = JSON.parse(readFileSync(path, "utf8")) as SamplingProfile;

const frames = new Map<number, string>();
const visit = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/(packages|node_modules)\//, "$1/");
  frames.set(node.id, `${functionName || "(anonymous)"} ${where || "(native)"}:${lineNumber + 1}`);
  for (const child of node.children ?? []) visit(child);
};
visit(profile.head);
const bySite = new Map<string, number>();
let total = 0;
for (const sample of profile.samples) {
  const site = frames.get(sample.nodeId) ?? "(unknown)";
  bySite.set(site, (bySite.get(site) ?? 0) + sample.size);
  total += sample.size;
}
const perThousand = (bytes: number) => Number(((bytes / 1024 ** 2) * (1000 / documents)).toFixed(2));
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(
    `${JSON.stringify({ mbPer1000Docs: perThousand(bytes), share: Number((bytes / total).toFixed(3)), site })}\n`,
  );
}
process.stdout.write(
  `${JSON.stringify({ documents, concurrency, totalMbPer1000Docs: perThousand(total), profile: path })}\n`,
);
