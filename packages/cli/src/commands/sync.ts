import {
  type AuthSystem,
  type ConnectorEvent,
  type FlowName,
  type FlowRunSummary,
  flowNames,
} from "@ml-connector/sync-core";
import { boundLogValue, type Logger } from "@ml-connector/transport";
import type { CliIo, Output } from "../output/io.js";
import { printable } from "../output/printable.js";
import { formatRunSummary } from "../output/report.js";
import { authHint, configurationError, ExitCode, systemNames } from "../runtime/errors.js";
import { openRuntime } from "../runtime/runtime.js";

export interface SyncOptions {
  once: boolean;
  flow: string | undefined;
  config: string | undefined;
}

const counted = new Set<ConnectorEvent["type"]>([
  "document.created",
  "document.updated",
  "document.cancelled",
  "document.duplicate",
  "document.ignored",
  "document.posted",
  "document.accepted_by_sps",
  "document.rejected_by_sps",
  "document.rejected",
  "document.failed",
  "document.parked",
]);

/**
 * One JSON object per line on stdout: what log shippers read when stdout is not a terminal. No `debug`: a level left
 * out costs nothing, where a no-op `debug` had every debug line of the clients redacted and bounded first (see
 * createSafeLogger), a few microseconds per request.
 */
function jsonLogger(out: Output): Partial<Logger> {
  const write = (level: string) => (fields: Record<string, unknown>, message?: string) =>
    out.line(JSON.stringify({ time: new Date().toISOString(), level, msg: message ?? "", ...fields }));
  return { info: write("info"), warn: write("warn"), error: write("error") };
}

/** Warnings and errors as text on stderr (the TTY shows progress on stdout). */
function textLogger(out: Output): Partial<Logger> {
  return {
    warn: (fields, message) => out.error(`warn: ${printable(message ?? "")} ${JSON.stringify(fields)}`),
    error: (fields, message) => out.error(`error: ${printable(message ?? "")} ${JSON.stringify(fields)}`),
  };
}

interface FlowState {
  running: boolean;
  documents: number;
  outcomes: Map<string, number>;
  last?: FlowRunSummary | undefined;
}

/** The TTY display: one line per flow, redrawn in place as documents are done. */
class Progress {
  readonly #out: Output;
  readonly #flows: readonly FlowName[];
  readonly #state = new Map<FlowName, FlowState>();
  #drawn = 0;

  constructor(out: Output, flows: readonly FlowName[]) {
    this.#out = out;
    this.#flows = flows;
    for (const flow of flows) this.#state.set(flow, { running: false, documents: 0, outcomes: new Map() });
  }

  onEvent(event: ConnectorEvent): void {
    if (!("flow" in event)) return;
    const state = this.#state.get(event.flow);
    if (!state) return;
    if (event.type === "run.started") {
      state.running = true;
      state.documents = 0;
      state.outcomes.clear();
    } else if (event.type === "run.finished") {
      state.running = false;
      state.last = event.summary;
    } else if (event.type === "run.failed") {
      state.running = false;
    } else if (counted.has(event.type)) {
      state.documents += 1;
      const outcome = event.type.slice("document.".length);
      state.outcomes.set(outcome, (state.outcomes.get(outcome) ?? 0) + 1);
    }
    this.draw();
  }

  draw(): void {
    const lines = this.#flows.map((flow) => {
      const state = this.#state.get(flow);
      if (!state) return flow;
      const detail = [...state.outcomes].map(([outcome, count]) => `${count} ${outcome}`).join(", ");
      if (state.running)
        return `${flow.padEnd(13)} running  ${state.documents} documents${detail ? ` (${detail})` : ""}`;
      if (state.last) {
        const at = state.last.finishedAt.slice(11, 19);
        return `${flow.padEnd(13)} idle     last run ${at}: ${state.last.documents} documents${detail ? ` (${detail})` : ""}`;
      }
      return `${flow.padEnd(13)} waiting`;
    });
    const width = Math.max(20, this.#out.columns - 1);
    const up = this.#drawn > 0 ? `\x1b[${this.#drawn}A` : "";
    this.#out.write(`${up}${lines.map((line) => `\x1b[2K${line.slice(0, width)}\n`).join("")}`);
    this.#drawn = lines.length;
  }
}

function exitCodeOf(summaries: readonly FlowRunSummary[]): ExitCode {
  const failed = summaries.find((s) => s.error);
  if (failed?.error) {
    if (failed.error.kind === "auth") return ExitCode.authentication;
    if (failed.error.kind === "configuration" || failed.error.kind === "security") return ExitCode.configuration;
    return ExitCode.unavailable;
  }
  const bad = summaries.some(
    (s) => (s.outcomes.rejected ?? 0) + (s.outcomes.failed ?? 0) + (s.outcomes.rejected_by_sps ?? 0) > 0,
  );
  return bad ? ExitCode.rejected : ExitCode.ok;
}

/**
 * `sync --once`: each enabled flow (or `--flow NAME`) once, in order, and a summary; `sync`: the scheduler until
 * SIGINT/SIGTERM, then a graceful stop (the documents in hand are finished, locks released).
 */
export async function runSync(io: CliIo, out: Output, options: SyncOptions): Promise<ExitCode> {
  if (options.flow !== undefined && !(flowNames as readonly string[]).includes(options.flow)) {
    throw configurationError(`Unknown flow "${options.flow}"; the flows are ${flowNames.join(", ")}.`);
  }
  if (out.isJsonOnly && !options.once) {
    throw configurationError(
      "--json needs --once: without it, sync runs until stopped and writes JSON log lines when stdout is not a terminal.",
    );
  }
  const tty = out.isTTY && !out.isJsonOnly;
  const onlyFlow = flowNames.find((flow) => flow === options.flow);
  const runtime = await openRuntime(io, out, options.config, tty ? textLogger(out) : jsonLogger(out), onlyFlow);
  try {
    const { connector } = runtime;
    const selected = [...connector.flows];
    if (options.flow && selected.length === 0) {
      throw configurationError(`Flow ${options.flow} is disabled in ${runtime.loaded.path}.`);
    }
    const progress = tty ? new Progress(out, selected) : undefined;
    const hinted = new Set<AuthSystem>();
    const unsubscribe = connector.on((event) => {
      if (progress) progress.onEvent(event);
      // Bounded like every log line: a document's reasons or a server's words never make a 100 MB line.
      else
        out.line(
          JSON.stringify(boundLogValue({ time: new Date().toISOString(), level: "info", event: event.type, ...event })),
        );
      if (event.type === "auth.repair-needed") {
        out.error(printable(`${systemNames[event.system]}: ${event.message}`));
        // Once per system: every flow that calls it fails the same way.
        if (!hinted.has(event.system)) out.error(authHint(event.system));
        hinted.add(event.system);
      }
    });
    try {
      if (options.once) {
        progress?.draw();
        const summaries: FlowRunSummary[] = [];
        for (const flow of selected) {
          if (io.signal?.aborted) break;
          summaries.push(await connector.runOnce(flow, { signal: io.signal }));
        }
        if (out.isJsonOnly) {
          out.json({ ok: exitCodeOf(summaries) === ExitCode.ok, exitCode: exitCodeOf(summaries), summaries });
        } else if (tty) {
          out.line();
          for (const summary of summaries) out.line(formatRunSummary(summary));
        } else {
          for (const summary of summaries) out.line(JSON.stringify({ level: "info", msg: "summary", ...summary }));
        }
        return exitCodeOf(summaries);
      }
      if (tty) {
        out.line(
          `ml-connector sync: ${selected.join(", ")} on their schedules; Ctrl-C stops after the documents in hand.`,
        );
        progress?.draw();
      }
      const stopped = new Promise<void>((resolve) => {
        if (!io.signal) return;
        if (io.signal.aborted) resolve();
        else io.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      connector.start(io.signal);
      await stopped;
      if (tty) out.line("Stopping: finishing the documents in hand...");
      await connector.stop();
      if (!tty) out.line(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "stopped" }));
      else out.line("Stopped.");
      return ExitCode.ok;
    } finally {
      unsubscribe();
    }
  } finally {
    await runtime.close();
  }
}
