import type { ParseArgsConfig } from "node:util";
import type { CliIo, Output } from "../output/io.js";
import type { ExitCode } from "../runtime/errors.js";
import { runDemo } from "./demo.js";

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  io: CliIo;
  out: Output;
  values: OptionValues;
  positionals: string[];
}

export interface CommandSpec {
  /** Words of the command, e.g. `audit list`. */
  name: string;
  usage: string;
  summary: string;
  help: string;
  options?: ParseArgsConfig["options"];
  /** Exact number of positional arguments, when fixed. */
  positionals?: number;
  run(context: CommandContext): Promise<ExitCode>;
}

export const str = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};

export const commands: CommandSpec[] = [
  {
    name: "demo",
    usage: "demo [--orders N]",
    summary: "Runs the whole connector against both sandboxes and prints what happened.",
    help: `
Starts the SPS Commerce and Sage X3 sandboxes on loopback, seeds the partner's mappings, drops 25 purchase orders (850)
across the four SPS models plus one bad file into SPS out/, runs orders-in, plays the X3 users (allocate, some in part;
deliver; invoice), runs acks-out, asns-out and invoices-out, then prints a summary per flow and the audit trail of one PO
from its 850 to its 810. Nothing is written to disk.

Options:
  --orders N   purchase orders to send (1-500, default 25)

Example:
  npx @ml-connector/cli demo`,
    options: { orders: { type: "string" } },
    positionals: 0,
    run: async ({ out, values }) => {
      const orders = Number(str(values, "orders") ?? "25");
      if (!Number.isInteger(orders) || orders < 1 || orders > 500) {
        const { configurationError } = await import("../runtime/errors.js");
        throw configurationError("--orders must be a whole number between 1 and 500.");
      }
      return runDemo(out, { orders });
    },
  },
];

/** The command named by the first words of argv (`audit list`, `mappings import`...), and the arguments after it. */
export function findCommand(argv: readonly string[]): { command: CommandSpec; args: readonly string[] } | undefined {
  for (const length of [2, 1]) {
    const name = argv.slice(0, length).join(" ");
    const command = commands.find((c) => c.name === name);
    if (command) return { command, args: argv.slice(length) };
  }
  return undefined;
}
