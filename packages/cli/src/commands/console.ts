import type { Connector, ConnectorStores, FlowName } from "@ml-connector/sync-core";
import type { ConsoleData } from "../console/queries.js";
import { isLoopback, newConsoleToken, type RunningConsole, startConsole } from "../console/server.js";
import { type CliIo, type Output, untilStopped } from "../output/io.js";
import { configurationError, ExitCode } from "../runtime/errors.js";
import { openRuntime } from "../runtime/runtime.js";

export interface ConsoleListen {
  host: string;
  port: number;
}

/** `--port` and `--host`, checked. */
export function consoleListen(port: string | undefined, host: string | undefined): ConsoleListen {
  const number = Number(port ?? "8484");
  if (!Number.isInteger(number) || number < 0 || number > 65_535) {
    throw configurationError("--port must be a port number (0-65535; 0 picks a free one).");
  }
  return { host: host ?? "127.0.0.1", port: number };
}

/** Starts the console over a store and its connector, prints how to open it, and serves until Ctrl-C. */
export async function serveConsole(
  io: CliIo,
  out: Output,
  parts: {
    stores: Pick<ConnectorStores, "audit" | "cursors" | "mappings">;
    connector: Pick<Connector, "replay">;
    storeLabel: string;
    flows: ConsoleData["flows"];
  },
  listen: ConsoleListen,
): Promise<RunningConsole> {
  const token = io.env.ML_CONNECTOR_CONSOLE_TOKEN || newConsoleToken();
  const running = await startConsole({
    data: {
      audit: parts.stores.audit,
      cursors: parts.stores.cursors,
      mappings: parts.stores.mappings,
      storeLabel: parts.storeLabel,
      flows: parts.flows,
    },
    replay: (id) => parts.connector.replay(id),
    token,
    host: listen.host,
    port: listen.port,
    onError: (error) => out.error(`console: ${error instanceof Error ? error.message : String(error)}`),
  });
  out.line(`The console on ${parts.storeLabel}:`);
  out.line(`  ${io.env.ML_CONNECTOR_CONSOLE_TOKEN ? running.origin : running.url}`);
  if (io.env.ML_CONNECTOR_CONSOLE_TOKEN) out.line("  (log in with the token in ML_CONNECTOR_CONSOLE_TOKEN)");
  if (!isLoopback(listen.host)) {
    out.line(`  Listening on ${listen.host}: anyone who can reach it needs the token; use https in front of it.`);
  }
  out.line("Ctrl-C stops it.");
  return running;
}

/** `console [--port 8484] [--host 127.0.0.1]`: the web console over the configured store until Ctrl-C. */
export async function runConsole(
  io: CliIo,
  out: Output,
  options: { config: string | undefined; port: string | undefined; host: string | undefined },
): Promise<ExitCode> {
  const listen = consoleListen(options.port, options.host);
  const runtime = await openRuntime(io, out, options.config);
  try {
    const flows = Object.fromEntries(
      Object.entries(runtime.loaded.config.flows).map(([name, flow]) => [
        name,
        { enabled: flow.enabled, intervalMinutes: flow.intervalMinutes },
      ]),
    ) as Partial<Record<FlowName, { enabled: boolean; intervalMinutes: number }>>;
    const running = await serveConsole(
      io,
      out,
      { stores: runtime.stores, connector: runtime.connector, storeLabel: runtime.stores.path, flows },
      listen,
    );
    await untilStopped(io);
    await running.close();
    out.line("Console stopped.");
    return ExitCode.ok;
  } finally {
    await runtime.close();
  }
}
