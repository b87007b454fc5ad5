import type { CliIo, Output } from "../output/io.js";
import { documentJson, formatReasons } from "../output/report.js";
import { ExitCode } from "../runtime/errors.js";
import { openRuntime } from "../runtime/runtime.js";

/** `replay ID`: a rejected or failed document again, with today's mappings (inbound) or X3 data (outbound). */
export async function runReplay(
  io: CliIo,
  out: Output,
  options: { config: string | undefined; id: string },
): Promise<ExitCode> {
  const runtime = await openRuntime(io, out, options.config);
  try {
    const result = await runtime.connector.replay(options.id);
    const document = result.document;
    const failed = result.outcome === "rejected" || result.outcome === "failed";
    if (out.isJsonOnly) {
      out.json({ ok: !failed, outcome: result.outcome, document: documentJson(document) });
      return failed ? ExitCode.rejected : ExitCode.ok;
    }
    out.line(
      `Replayed ${options.id}: ${result.outcome} (${document.type} ${document.fileName ?? document.naturalKey}${document.x3Key ? ` → X3 ${document.x3Key}` : ""})`,
    );
    if (failed) {
      for (const line of formatReasons(document).slice(1)) out.line(line);
      return ExitCode.rejected;
    }
    return ExitCode.ok;
  } finally {
    await runtime.close();
  }
}
