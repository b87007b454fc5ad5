import { type ParseArgsConfig, parseArgs } from "node:util";
import { systemOfError } from "@ml-connector/sync-core";
import { isConnectorError } from "@ml-connector/transport";
import { type CommandSpec, commands, findCommand } from "./commands/registry.js";
import { type CliIo, Output } from "./output/io.js";
import { authHint, configurationError, describeError, ExitCode, exitCodeFor } from "./runtime/errors.js";
import { version } from "./version.js";

export type { CliIo, TextSink } from "./output/io.js";

const globalHelp = (): string =>
  [
    `ml-connector ${version}: connects Sage X3 to SPS Commerce (850 in; 855, 856, 810 out).`,
    "",
    "Usage: ml-connector <command> [options]",
    "",
    "Commands:",
    ...commands.map((command) =>
      command.usage.length > 44
        ? `  ${command.usage}\n  ${"".padEnd(44)} ${command.summary}`
        : `  ${command.usage.padEnd(44)} ${command.summary}`,
    ),
    "",
    "Options for every command:",
    "  -c, --config FILE   the config file (default ./ml-connector.config.jsonc)",
    "  -h, --help          help for a command, e.g. ml-connector sync --help",
    "      --json          a command's result as one JSON document on stdout (commands that print results)",
    "",
    "Exit codes: 0 ok, 1 some documents rejected or failed, 2 configuration, 3 authentication, 4 a system unreachable.",
    "Start with `ml-connector demo`.",
  ].join("\n");

function commandHelp(command: CommandSpec): string {
  return [`Usage: ml-connector ${command.usage}`, "", command.summary, "", command.help.trim()].join("\n");
}

/**
 * Runs the CLI in-process: `argv` without the node and script paths. Returns the exit code; never calls
 * process.exit, so tests (and hosts) can run it many times. Output goes through `io`, with secrets redacted.
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    stdin: io.stdin,
    signal: io.signal,
  };
  const out = new Output(full);
  const [first, ...rest] = argv;
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    const topic = first === "help" && rest[0] ? findCommand(rest) : undefined;
    out.line(topic ? commandHelp(topic.command) : globalHelp());
    return ExitCode.ok;
  }
  if (first === "--version" || first === "-v") {
    out.line(version);
    return ExitCode.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    out.error(`Unknown command: ${argv.join(" ")}\n\n${globalHelp()}`);
    return ExitCode.configuration;
  }
  const { command, args } = found;
  const options: ParseArgsConfig["options"] = {
    config: { type: "string", short: "c" },
    help: { type: "boolean", short: "h" },
    ...(command.json ? { json: { type: "boolean" } } : {}),
    ...command.options,
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}\n\n${commandHelp(command)}`);
    return ExitCode.configuration;
  }
  if (parsed.values.help === true) {
    out.line(commandHelp(command));
    return ExitCode.ok;
  }
  // Scripts read stdout as one JSON document: the lines for people go, and a failure is JSON too.
  const jsonOnly = command.json === true && parsed.values.json === true;
  const commandOut = jsonOnly ? out.jsonOnly() : out;
  try {
    if (command.positionals !== undefined && parsed.positionals.length !== command.positionals) {
      throw configurationError(
        `${command.name} takes ${command.positionals} argument${command.positionals === 1 ? "" : "s"}: ml-connector ${command.usage}`,
      );
    }
    return await command.run({ io: full, out: commandOut, values: parsed.values, positionals: parsed.positionals });
  } catch (error) {
    const code = exitCodeFor(error);
    if (jsonOnly) {
      const kind = isConnectorError(error) ? error.kind : "unknown";
      const message = error instanceof Error ? error.message : String(error);
      commandOut.json({ ok: false, exitCode: code, error: { kind, message } });
    }
    out.error(`Error: ${describeError(error)}`);
    const hint = hintFor(code, error);
    if (hint) out.error(hint);
    return code;
  }
}

function hintFor(code: ExitCode, error: unknown): string | undefined {
  switch (code) {
    case ExitCode.configuration:
      return "Hint: check the config file (`ml-connector doctor` checks it step by step).";
    case ExitCode.authentication:
      return authHint(systemOfError(error));
    case ExitCode.unavailable:
      return "Hint: `ml-connector doctor` tells which system cannot be reached.";
    default:
      return undefined;
  }
}
