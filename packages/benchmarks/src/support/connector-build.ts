import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The loader flag that makes the workspace's packages resolve to their TypeScript sources (see package.json exports). */
export const SOURCE_CONDITION = "--conditions=ml-connector-source";

/**
 * Which connector a measure runs: the packages as built (`dist/`, what `npx ml-connector` and an importing
 * application run) or their TypeScript sources through tsx, which wraps every named function (`__name`) and keeps
 * its transpiled modules and source maps in the heap: neither is in what users run.
 */
export type ConnectorBuild = "built" | "source";

/** How this process resolves the workspace's packages; child processes started with its flags do the same. */
export const connectorBuild = (): ConnectorBuild => (process.execArgv.includes(SOURCE_CONDITION) ? "source" : "built");

const packagesDir = fileURLToPath(new URL("../../../", import.meta.url));

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Refuses to measure a stale build: every workspace package that is built must have a `dist/index.js` newer than its
 * newest source file, or the measures would report code that is no longer there. Returns the packages checked.
 */
export function assertFreshBuild(): string[] {
  const stale: string[] = [];
  const checked: string[] = [];
  for (const name of readdirSync(packagesDir)) {
    const manifest = join(packagesDir, name, "package.json");
    const src = join(packagesDir, name, "src");
    if (!existsSync(manifest) || !existsSync(src)) continue;
    const { scripts } = JSON.parse(readFileSync(manifest, "utf8")) as { scripts?: Record<string, string> };
    if (!scripts?.build) continue;
    checked.push(name);
    const built = join(packagesDir, name, "dist", "index.js");
    if (!existsSync(built)) stale.push(`${name} (no dist/index.js)`);
    else if (statSync(built).mtimeMs < newestSourceMs(src)) stale.push(`${name} (sources changed since its build)`);
  }
  if (stale.length > 0) {
    throw new Error(
      `The bench measures the packages as built, and these are not built or are older than their sources: ${stale.join(", ")}. Run \`npx -y pnpm@12.4.2 build\` at the repository root first (the root bench scripts do), or set BENCH_CONNECTOR=source to measure the sources through tsx.`,
    );
  }
  return checked;
}
