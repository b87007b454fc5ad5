import { access, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type SageX3Sandbox, type SpsSandbox, startSandboxPair } from "@ml-connector/sandbox";
import { configJsonSchema } from "../config/schema.js";
import type { X3AuthMode } from "../config/template.js";
import { demoMappings, demoOrders } from "../demo/seed.js";
import { type CliIo, type Output, untilStopped } from "../output/io.js";
import { configurationError, ExitCode } from "../runtime/errors.js";

export interface SandboxOptions {
  write: string | undefined;
  force: boolean;
  orders: number;
  x3Auth: X3AuthMode;
  /** Seconds between two rounds of the simulated X3 users; 0: no users. */
  usersEverySeconds: number;
}

/**
 * X3 users at work between two syncs, one step per round: a new order is allocated (every other one in part), an
 * allocated order delivered, a delivery invoiced and posted. Returns what was done, for the console.
 */
export function createX3Users(x3: SageX3Sandbox): () => string[] {
  const allocated = new Set<string>();
  const delivered = new Set<string>();
  const invoiced = new Set<string>();
  const deliveries: string[] = [];
  return () => {
    const done: string[] = [];
    for (const delivery of deliveries.splice(0)) {
      if (invoiced.has(delivery)) continue;
      try {
        const invoice = x3.data.invoice(delivery);
        invoiced.add(delivery);
        done.push(`invoiced ${delivery} (${String(invoice.NUM)})`);
      } catch (error) {
        done.push(`could not invoice ${delivery}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    for (const key of allocated) {
      if (delivered.has(key)) continue;
      delivered.add(key);
      try {
        const delivery = String(x3.data.deliver(key, { carrier: "UPSN", billOfLading: `BOL-${key}` }).SDHNUM);
        deliveries.push(delivery);
        done.push(`delivered ${key} (${delivery})`);
      } catch (error) {
        done.push(`could not deliver ${key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    for (const order of x3.data.list("SORDER")) {
      const key = String(order.SOHNUM);
      if (allocated.has(key)) continue;
      allocated.add(key);
      const lines = (order.SOHSOP ?? []) as { SOPLIN: number; QTY: number }[];
      const first = lines[0];
      const partial = allocated.size % 2 === 0 && first !== undefined && first.QTY > 1;
      x3.data.allocate(key, partial && first ? { [first.SOPLIN]: Math.floor(first.QTY / 2) } : undefined);
      done.push(`allocated ${key}${partial ? " (in part)" : ""}`);
    }
    return done;
  };
}

/** The environment variables the sandbox config (and the `init` template) read their credentials from. */
export function sandboxEnv(sps: SpsSandbox, x3: SageX3Sandbox, mode: X3AuthMode): Record<string, string> {
  const env: Record<string, string> = {
    SPS_CLIENT_ID: sps.credentials.clientId,
    SPS_CLIENT_SECRET: sps.credentials.clientSecret,
  };
  if (mode === "connected-app") {
    env.X3_CLIENT_ID = x3.credentials.connectedApp.clientId;
    env.X3_CLIENT_SECRET = x3.credentials.connectedApp.secret;
    env.X3_USER = x3.credentials.connectedApp.user;
  } else if (mode === "authorization-code") {
    env.X3_CLIENT_ID = x3.credentials.oauth.clientId;
    env.X3_CLIENT_SECRET = x3.credentials.oauth.clientSecret;
  } else {
    env.X3_USER = x3.credentials.basic.username;
    env.X3_PASSWORD = x3.credentials.basic.password;
  }
  return env;
}

/** The store of the sandbox config: reset by every `sandbox --write`. */
const sandboxStorePath = ".ml-connector/sandbox.sqlite";

/** `${NAME}`: read from the environment variable NAME when the config is loaded. */
const fromEnv = (name: string) => `\${${name}}`;

/** A ready-to-use config for the running sandboxes: URLs inline, credentials through `${ENV}`. */
export function sandboxConfig(sps: SpsSandbox, x3: SageX3Sandbox, mode: X3AuthMode): Record<string, unknown> {
  const auth =
    mode === "connected-app"
      ? { mode, clientId: fromEnv("X3_CLIENT_ID"), secret: fromEnv("X3_CLIENT_SECRET"), user: fromEnv("X3_USER") }
      : mode === "authorization-code"
        ? {
            mode,
            clientId: fromEnv("X3_CLIENT_ID"),
            clientSecret: fromEnv("X3_CLIENT_SECRET"),
            redirectUri: x3.credentials.oauth.redirectUri,
            authorizeUrl: x3.credentials.oauth.authorizeUrl,
            tokenUrl: x3.credentials.oauth.tokenUrl,
          }
        : { mode, username: fromEnv("X3_USER"), password: fromEnv("X3_PASSWORD") };
  return {
    $schema: "./ml-connector.schema.json",
    sps: {
      baseUrl: sps.baseUrl,
      authUrl: sps.authUrl,
      clientId: fromEnv("SPS_CLIENT_ID"),
      clientSecret: fromEnv("SPS_CLIENT_SECRET"),
      testMode: false,
    },
    sageX3: { serverUrl: x3.baseUrl, endpoint: x3.endpoint, auth },
    store: { sqlite: sandboxStorePath },
    flows: {
      "orders-in": { intervalMinutes: 1 },
      "acks-out": { intervalMinutes: 1 },
      "asns-out": {
        intervalMinutes: 1,
        gs1CompanyPrefix: "0614141",
        shipFrom: {
          default: { AddressName: "Chicago distribution center", City: "Chicago", State: "IL", Country: "US" },
        },
      },
      "invoices-out": { intervalMinutes: 1 },
    },
    mappings: demoMappings,
  };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * `sandbox`: both simulators on loopback until Ctrl-C, with the demo partner's purchase orders waiting in SPS out/.
 * Prints URLs, credentials (sandbox ones, made up for this run), the environment to export and a ready config.
 */
export async function runSandbox(io: CliIo, out: Output, options: SandboxOptions): Promise<ExitCode> {
  const target = options.write ? resolve(io.cwd, options.write) : undefined;
  if (target && !options.force && (await exists(target))) {
    throw configurationError(`${target} exists; pass --force to replace it.`);
  }
  if (target) {
    // A new sandbox starts empty: the store of the previous one (orders, cursors, tokens) would not match it.
    const store = resolve(dirname(target), sandboxStorePath);
    for (const suffix of ["", "-wal", "-shm"]) await rm(`${store}${suffix}`, { force: true });
  }
  const pair = await startSandboxPair();
  const { sps, x3 } = pair;
  try {
    for (const order of demoOrders(options.orders)) sps.mailbox.putOutbound(order.fileName, order.content);
    const env = sandboxEnv(sps, x3, options.x3Auth);
    const config = sandboxConfig(sps, x3, options.x3Auth);
    const text = `${JSON.stringify(config, null, 2)}\n`;
    if (target) {
      await writeFile(target, text, "utf8");
      // The "$schema" the config names, for editor completion (left alone when present).
      const schemaPath = resolve(dirname(target), "ml-connector.schema.json");
      if (!(await exists(schemaPath))) {
        await writeFile(schemaPath, `${JSON.stringify(configJsonSchema(), null, 2)}\n`, "utf8");
      }
    }

    if (out.isJsonOnly) {
      out.json({
        ok: true,
        sps: {
          baseUrl: sps.baseUrl,
          authUrl: sps.authUrl,
          credentials: sps.credentials,
          waitingOrders: options.orders,
        },
        sageX3: { serverUrl: x3.baseUrl, endpoint: x3.endpoint, credentials: x3.credentials },
        env,
        config,
        configFile: target,
      });
    }
    out.line(
      "ml-connector sandbox: SPS Commerce and Sage X3 simulators on loopback; all data in memory, made-up credentials.",
    );
    out.line();
    out.line("SPS Commerce");
    out.line(`  API            ${sps.baseUrl}`);
    out.line(`  auth           ${sps.authUrl}`);
    out.line(`  client id      ${sps.credentials.clientId}`);
    out.line(`  client secret  ${sps.credentials.clientSecret}`);
    out.line(`  out/           ${options.orders} purchase orders from ACME waiting`);
    out.line("Sage X3");
    out.line(`  server         ${x3.baseUrl} (endpoint ${x3.endpoint})`);
    const { connectedApp, oauth, basic } = x3.credentials;
    out.line(
      `  connected app  client id ${connectedApp.clientId}, secret ${connectedApp.secret}, user ${connectedApp.user}`,
    );
    out.line(
      `  OAuth gateway  client id ${oauth.clientId}, secret ${oauth.clientSecret}, redirect ${oauth.redirectUri}`,
    );
    out.line(`                 authorize ${oauth.authorizeUrl}, token ${oauth.tokenUrl}`);
    out.line(`  basic          ${basic.username} / ${basic.password}`);
    out.line();
    out.line("Environment for ml-connector (in the shell that runs it):");
    for (const [name, value] of Object.entries(env)) out.line(`  export ${name}=${value}`);
    out.line();
    if (target) {
      out.line(`Config written to ${target}:`);
    } else {
      out.line("Config (save as ml-connector.config.jsonc, or run with --write FILE):");
    }
    out.write(text);
    out.line();
    const flag = target ? ` --config ${options.write}` : "";
    out.line(`Then: ml-connector doctor${flag}   and   ml-connector sync --once${flag}`);
    out.line("Ready. Ctrl-C stops the sandboxes.");

    let users: NodeJS.Timeout | undefined;
    if (options.usersEverySeconds > 0) {
      const round = createX3Users(x3);
      out.line(
        `X3 users allocate, deliver and invoice what the connector creates, one step every ${options.usersEverySeconds} s (--users 0: none).`,
      );
      users = setInterval(() => {
        const done = round();
        if (done.length > 0) out.line(`X3 users ${new Date().toISOString().slice(11, 19)}: ${done.join("; ")}`);
      }, options.usersEverySeconds * 1000);
    }
    await untilStopped(io);
    clearInterval(users);
    out.line("Sandboxes stopped.");
    return ExitCode.ok;
  } finally {
    await pair.close();
  }
}
