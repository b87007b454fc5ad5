import { resolve } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { configPathFrom } from "../config/load.js";
import type { X3AuthMode } from "../config/template.js";
import { type CliIo, type Output, untilStopped } from "../output/io.js";
import type { ExitCode } from "../runtime/errors.js";
import { configurationError } from "../runtime/errors.js";
import { runAuditList, runAuditShow } from "./audit.js";
import { runAuthSageX3 } from "./auth.js";
import { consoleListen, runConsole, serveConsole } from "./console.js";
import { runDemo } from "./demo.js";
import { runDoctor } from "./doctor.js";
import { runInit } from "./init.js";
import { exampleNames, runInitExample } from "./init-example.js";
import { runMappingsImport } from "./mappings.js";
import { runReplay } from "./replay.js";
import { runSandbox } from "./sandbox.js";
import { runSync } from "./sync.js";

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
  /** Takes `--json`: prints its result as one JSON document on stdout instead of text for people. */
  json?: true;
  run(context: CommandContext): Promise<ExitCode>;
}

export const str = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};

const bool = (values: OptionValues, name: string): boolean => values[name] === true;

const x3AuthOf = (values: OptionValues): X3AuthMode => {
  const mode = str(values, "x3-auth") ?? "connected-app";
  if (mode !== "connected-app" && mode !== "authorization-code" && mode !== "basic") {
    throw configurationError("--x3-auth must be connected-app, authorization-code or basic.");
  }
  return mode;
};

const count = (values: OptionValues, name: string, fallback: number): number => {
  const value = Number(str(values, name) ?? String(fallback));
  if (!Number.isInteger(value) || value < 0 || value > 500) {
    throw configurationError(`--${name} must be a whole number between 0 and 500.`);
  }
  return value;
};

export const commands: CommandSpec[] = [
  {
    name: "demo",
    usage: "demo [--orders N] [--layout flat|by-type] [--routes-pending] [--console] [--json]",
    summary: "Runs the whole connector against both sandboxes and prints what happened.",
    help: `
Starts the SPS Commerce and Sage X3 sandboxes on loopback, seeds the partner's mappings, drops 25 purchase orders (850)
across the four SPS models plus one bad file into SPS out/, runs orders-in, plays the X3 users (allocate, some in part;
deliver; invoice), runs acks-out, asns-out and invoices-out, then prints a summary per flow and the audit trail of one PO
from its 850 to its 810. Nothing is written to disk; no config is needed.

With --console, the sandboxes keep running afterwards and the web console serves the demo's documents (and replays
them) until Ctrl-C.

Options:
  --orders N         purchase orders to send (1-500, default 25)
  --layout LAYOUT    the SPS mailbox: flat (out/, in/; default) or by-type (out/PO/, in/PR/, in/SH/, in/IN/)
  --routes-pending   a new by-type account whose routes SPS has not set up yet: the first orders-in run warns
                     "SPS has not set up the route..." and fails nothing; then SPS sets them up and the demo goes on
  --console          then open the console on the demo's store (see \`ml-connector console --help\`)
  --port N           the console's port (default 8484; 0: any free port)
  --json             the runs' summaries, what SPS received and one PO's chain as JSON (not with --console)

Example:
  npx @ml-connector/cli demo --layout by-type
  npx @ml-connector/cli demo --console`,
    options: {
      orders: { type: "string" },
      layout: { type: "string" },
      "routes-pending": { type: "boolean" },
      console: { type: "boolean" },
      port: { type: "string" },
    },
    positionals: 0,
    json: true,
    run: async ({ io, out, values }) => {
      const orders = count(values, "orders", 25);
      if (orders < 1) throw configurationError("--orders must be at least 1.");
      const layout = str(values, "layout") ?? "flat";
      if (layout !== "flat" && layout !== "by-type") throw configurationError("--layout must be flat or by-type.");
      const shape = { orders, layout, routesPending: bool(values, "routes-pending") } as const;
      if (!bool(values, "console")) return runDemo(out, shape);
      if (out.isJsonOnly)
        throw configurationError("--json and --console do not go together: the console serves JSON itself.");
      const listen = consoleListen(str(values, "port"), undefined);
      return runDemo(out, {
        ...shape,
        afterRun: async ({ stores, connector }) => {
          out.line();
          const flows = { enabled: true, intervalMinutes: 10 };
          const running = await serveConsole(
            io,
            out,
            {
              stores,
              connector,
              storeLabel: "the demo's store (in memory)",
              flows: { "orders-in": flows, "acks-out": flows, "asns-out": flows, "invoices-out": flows },
            },
            listen,
          );
          await untilStopped(io);
          await running.close();
        },
      });
    },
  },
  {
    name: "init",
    usage: "init [--dir DIR] [--x3-auth MODE] [--example NAME] [--force] [--json]",
    summary: "Writes a commented config, its JSON Schema and CSV mapping templates.",
    help: `
Writes ml-connector.config.jsonc (or --config FILE), ml-connector.schema.json (editor completion through "$schema") and
mappings/{partners,ship-tos,items,uoms,cost-centres}.csv with their columns and one example row each. Existing files
are never overwritten unless --force is given.

Options:
  --dir DIR        where to write (default: the current directory)
  --x3-auth MODE   Sage X3 auth in the template: connected-app (default), authorization-code, basic
  --example NAME   instead, write one of the examples as an npm project of its own (into ./NAME, or --dir):
                   ${exampleNames.join(", ")}; then \`npm install && npm start\` in it
  --force          replace existing files
  --json           the files written, as JSON

Examples:
  ml-connector init --x3-auth authorization-code
  npx @ml-connector/cli init --example quickstart && cd quickstart && npm install && npm start`,
    options: {
      dir: { type: "string" },
      "x3-auth": { type: "string" },
      example: { type: "string" },
      force: { type: "boolean" },
    },
    positionals: 0,
    json: true,
    run: ({ io, out, values }) => {
      const example = str(values, "example");
      if (example !== undefined) {
        return runInitExample(out, {
          name: example,
          dir: str(values, "dir"),
          cwd: io.cwd,
          force: bool(values, "force"),
        });
      }
      return runInit(out, {
        dir: resolve(io.cwd, str(values, "dir") ?? "."),
        configFile: str(values, "config") ?? "ml-connector.config.jsonc",
        force: bool(values, "force"),
        x3Auth: x3AuthOf(values),
      });
    },
  },
  {
    name: "doctor",
    usage: "doctor [--config FILE] [--json]",
    summary: "Checks the config, both systems, tokens, the mailbox, one X3 read and the store.",
    help: `
Steps, each reported pass/fail with a hint: config file → mappings → SPS token → SPS mailbox listing (out/, or testout/
in test mode) → Sage X3 token → read one BPCUSTOMER → the store opens. Steps after a failed one they depend on are
skipped. The exit code is that of the first failure: 2 configuration, 3 authentication, 4 unreachable.

Example:
  SPS_CLIENT_SECRET=... X3_CLIENT_SECRET=... ml-connector doctor --config ./ml-connector.config.jsonc`,
    positionals: 0,
    json: true,
    run: ({ io, out, values }) => runDoctor(out, configPathFrom(io.cwd, str(values, "config")), io.env),
  },
  {
    name: "sync",
    usage: "sync [--once] [--flow NAME] [--json]",
    summary: "Runs the flows: on their schedules until Ctrl-C, or one pass with --once.",
    help: `
Without --once: the built-in scheduler runs every enabled flow on its intervalMinutes until SIGINT/SIGTERM, then stops
gracefully (the documents in hand are finished, locks released). With --once: each enabled flow once, in order
(orders-in, acks-out, asns-out, invoices-out), then a summary. On a terminal, a progress display (documents per flow);
otherwise JSON log lines (one object per line).

Options:
  --once        one pass, then exit (0 ok, 1 documents rejected or failed, 2/3/4 a run failed)
  --flow NAME   only this flow: orders-in, acks-out, asns-out, invoices-out
  --json        with --once: no progress or log lines, then the runs' summaries as one JSON document

Examples:
  ml-connector sync --once --flow orders-in
  ml-connector sync > connector.log`,
    options: { once: { type: "boolean" }, flow: { type: "string" } },
    positionals: 0,
    json: true,
    run: ({ io, out, values }) =>
      runSync(io, out, { once: bool(values, "once"), flow: str(values, "flow"), config: str(values, "config") }),
  },
  {
    name: "audit list",
    usage: "audit list [--status S] [--partner P] [--po PO] [--since T] [--json]",
    summary: "Lists documents of the audit trail, newest first.",
    help: `
Options:
  --status S    received, rejected, created, updated, cancelled, duplicate, ignored, posted, failed,
                accepted_by_sps, rejected_by_sps, parked, applied (comma-separated)
  --partner P   trading partner id
  --po PO       purchase order number (every document of its chain carries it)
  --since T     a date (2026-11-28, 2026-11-28T10:00Z) or a span back from now (30m, 24h, 7d)
  --type T      850, 855, 856, 810, 860, 997 (comma-separated)
  --limit N     at most N documents (default 50)
  --json        a JSON array instead of a table

Examples:
  ml-connector audit list --status rejected --since 24h
  ml-connector audit list --status parked    # files left in SPS: unreadable, too big, not an 850, or a 997 of no upload
  ml-connector audit list --type 997         # functional acknowledgments read from SPS
  ml-connector audit list --po 4500010001 --json`,
    options: {
      status: { type: "string" },
      partner: { type: "string" },
      po: { type: "string" },
      since: { type: "string" },
      type: { type: "string" },
      limit: { type: "string" },
    },
    positionals: 0,
    json: true,
    run: ({ io, out, values }) =>
      runAuditList(io, out, {
        config: str(values, "config"),
        status: str(values, "status"),
        partner: str(values, "partner"),
        po: str(values, "po"),
        since: str(values, "since"),
        type: str(values, "type"),
        limit: str(values, "limit"),
        json: bool(values, "json"),
      }),
  },
  {
    name: "audit show",
    usage: "audit show ID [--json]",
    summary: "Shows one document: reasons, attempts and the chain of its PO.",
    help: `
Options:
  --json   the document, its attempts and its chain as JSON

Example:
  ml-connector audit show 6f1c2b9e-...`,
    positionals: 1,
    json: true,
    run: ({ io, out, values, positionals }) =>
      runAuditShow(io, out, { config: str(values, "config"), id: positionals[0] ?? "", json: bool(values, "json") }),
  },
  {
    name: "replay",
    usage: "replay ID [--json]",
    summary: "Runs a rejected or failed document again (after fixing a mapping or the X3 data).",
    help: `
An inbound 850 is processed again from its stored bytes with today's mappings; an outbound 855/856/810 is rebuilt from
X3 and sent. Refused when a newer revision of the same document was processed since. Exit code 1 when it is rejected
again. With --json, the outcome and the document as JSON.

Example:
  ml-connector mappings import items.csv --kind items && ml-connector replay 6f1c2b9e-...`,
    positionals: 1,
    json: true,
    run: ({ io, out, values, positionals }) =>
      runReplay(io, out, { config: str(values, "config"), id: positionals[0] ?? "" }),
  },
  {
    name: "console",
    usage: "console [--port 8484] [--host 127.0.0.1]",
    summary: "A web page over the audit trail: overview, documents, PO stories, mapping gaps, replay.",
    help: `
Serves the ops console over the configured store (SQLite or PostgreSQL) until Ctrl-C. It reads the audit trail,
cursors and mappings, and changes nothing except when someone replays documents from it; it can run beside \`sync\` on
the same store. Open the printed address: it carries the console token after "#", which the page keeps for the
session. The token is ML_CONNECTOR_CONSOLE_TOKEN when set, else a new one printed at start.

Only loopback by default. --host 0.0.0.0 (or an address) serves other machines; every API call still needs the token,
so put https in front of it (a reverse proxy) before it crosses a network you do not trust.

Options:
  --port N      the port (default 8484; 0: any free port)
  --host HOST   the address to listen on (default 127.0.0.1)

Example:
  ml-connector console --config ./ml-connector.config.jsonc`,
    options: { port: { type: "string" }, host: { type: "string" } },
    positionals: 0,
    run: ({ io, out, values }) =>
      runConsole(io, out, { config: str(values, "config"), port: str(values, "port"), host: str(values, "host") }),
  },
  {
    name: "mappings import",
    usage: "mappings import FILE.csv --kind KIND [--json]",
    summary: "Imports a CSV of mappings into the store (validated as a whole, one transaction).",
    help: `
KIND is items, uoms, partners, ship-tos or cost-centres; the columns are those of the templates init writes. A file
with any invalid row writes nothing; every problem is listed with its row and column (exit code 2).

Example:
  ml-connector mappings import mappings/items.csv --kind items`,
    options: { kind: { type: "string" } },
    positionals: 1,
    json: true,
    run: ({ io, out, values, positionals }) =>
      runMappingsImport(io, out, {
        config: str(values, "config"),
        file: positionals[0] ?? "",
        kind: str(values, "kind"),
      }),
  },
  {
    name: "auth sage-x3",
    usage: "auth sage-x3 [--listen PORT] [--timeout SECONDS]",
    summary: "Pairs with the Sage X3 cloud gateway (authorization code, loopback callback).",
    help: `
For sageX3.auth.mode "authorization-code". Prints the authorize URL; an X3 administrator opens it and approves; the
browser is sent to the redirectUri (a loopback address), where this command listens, checks the state, exchanges the
code and stores the tokens in the store (the rotating refresh token is saved before use). If the browser runs on
another machine, paste the address it was sent to and press Enter. Pair again when the refresh token expires (30 days
without use) or is revoked: sync exits with code 3 and says so.

Options:
  --listen PORT       listen on this port instead of the redirect URI's (e.g. behind a port forward)
  --timeout SECONDS   how long to wait for the approval (default 300)

Example:
  ml-connector auth sage-x3`,
    options: { listen: { type: "string" }, timeout: { type: "string" } },
    positionals: 0,
    run: ({ io, out, values }) =>
      runAuthSageX3(io, out, {
        config: str(values, "config"),
        listen: str(values, "listen"),
        timeout: str(values, "timeout"),
      }),
  },
  {
    name: "sandbox",
    usage: "sandbox [--write FILE] [--orders N] [--users SECONDS] [--json]",
    summary: "Starts both sandboxes and prints URLs, credentials and a ready config; runs until Ctrl-C.",
    help: `
The SPS Commerce and Sage X3 simulators on loopback, with the demo partner's purchase orders waiting in SPS out/.
Prints their URLs and made-up credentials, the environment variables to export, and a config that uses them. Simulated
X3 users then allocate (every other order in part), deliver and invoice what the connector creates, one step per
round, so that sync has 855s, 856s and 810s to send. With --write, the config's store (.ml-connector/sandbox.sqlite
next to FILE) is reset: a new sandbox starts empty.

Options:
  --write FILE     also write the config to FILE (refuses to replace it without --force)
  --orders N       purchase orders waiting in out/ (default 5)
  --x3-auth MODE   connected-app (default), authorization-code or basic in the printed config
  --users SECONDS  seconds between two rounds of the X3 users (default 15; 0: no users)
  --force          replace FILE
  --json           print the URLs, credentials, environment and config as one JSON document (then run as usual)

Example:
  ml-connector sandbox --write ml-connector.sandbox.json
  # in another terminal, after the printed exports:
  ml-connector doctor --config ml-connector.sandbox.json && ml-connector sync --once --config ml-connector.sandbox.json`,
    options: {
      write: { type: "string" },
      orders: { type: "string" },
      "x3-auth": { type: "string" },
      users: { type: "string" },
      force: { type: "boolean" },
    },
    positionals: 0,
    json: true,
    run: ({ io, out, values }) =>
      runSandbox(io, out, {
        write: str(values, "write"),
        force: bool(values, "force"),
        orders: count(values, "orders", 5),
        x3Auth: x3AuthOf(values),
        usersEverySeconds: count(values, "users", 15),
      }),
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
