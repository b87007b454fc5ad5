import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { hostileXmlKinds } from "@ml-connector/sandbox";
import type { XmlCostRunOutput } from "./xml-cost-run.js";

export interface XmlCostCase extends XmlCostRunOutput {
  kind: string;
}

export interface XmlCostResult {
  cases: XmlCostCase[];
}

const run = promisify(execFile);

/** The JSON case: a 9.9 MB JSON 850 whose every line has an unknown field (refused on its first 100 issues). */
export const BAD_LINES_JSON = "json-450k-bad-lines";

/** The cases: every hostile file (just under 10 MB), a valid 45,000-line XML 850 and a JSON 850 of 450,000 bad lines. */
export const xmlCostKinds = [...hostileXmlKinds, "large-valid", BAD_LINES_JSON] as const;

/**
 * What one XML file costs `parseRsx`: each case in a fresh process with a 1 GB heap (as an operator would cap the
 * connector), so a case that runs out of memory shows as such instead of taking the bench down.
 */
export async function measureXmlCost(kinds: readonly string[] = xmlCostKinds): Promise<XmlCostResult> {
  const cases: XmlCostCase[] = [];
  for (const kind of kinds) {
    const { stdout } = await run(
      process.execPath,
      [
        ...process.execArgv,
        "--max-old-space-size=1024",
        "--expose-gc",
        fileURLToPath(new URL("./xml-cost-run.ts", import.meta.url)),
      ],
      { env: { ...process.env, BENCH_XML_CASE: kind }, maxBuffer: 1024 * 1024 },
    );
    cases.push({ kind, ...(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as XmlCostRunOutput) });
  }
  return { cases };
}
