import { isFunctionalAckFileName, parseRsxFileName, x12TransactionSetsByGroup } from "@ml-connector/rsx";
import type { SageX3Client } from "@ml-connector/sage-x3-client";
import type { SpsClient } from "@ml-connector/sps-client";
import {
  createMemoryStores,
  missingRouteMessage,
  resolveMailboxFolders,
  uploadFolderOf,
} from "@ml-connector/sync-core";
import { describeProxy, type ErrorKind, isConnectorError } from "@ml-connector/transport";
import { type LoadedConfig, loadConfig } from "../config/load.js";
import type { ConnectorConfig } from "../config/schema.js";
import type { Output } from "../output/io.js";
import { formatDuration, plural } from "../output/table.js";
import { describeError, ExitCode } from "../runtime/errors.js";
import {
  type CliStores,
  configuredMappings,
  createSps,
  createX3,
  openStores,
  partnerRuleSets,
  uploadFolders,
} from "../runtime/wiring.js";

type Step = "config" | "mappings" | "sps-token" | "sps-mailbox" | "x3-token" | "x3-read" | "store";

interface StepResult {
  step: Step;
  title: string;
  ok: boolean;
  detail: string;
  hint?: string | undefined;
  exitCode?: ExitCode | undefined;
  ms: number;
}

const kindOf = (error: unknown): ErrorKind | "unknown" => (isConnectorError(error) ? error.kind : "unknown");

/** The exit code of a failed step: 2 configuration, 3 authentication, 4 unreachable or failing. */
function exitCodeOf(step: Step, error: unknown): ExitCode {
  const kind = kindOf(error);
  if (step === "config" || step === "mappings") return ExitCode.configuration;
  if (kind === "auth") return ExitCode.authentication;
  if (kind === "configuration" || kind === "security" || kind === "not-found" || kind === "mapping") {
    return ExitCode.configuration;
  }
  return ExitCode.unavailable;
}

function hintFor(step: Step, error: unknown, loaded: LoadedConfig | undefined): string {
  const kind = kindOf(error);
  const config = loaded?.config;
  const mode = config?.sageX3.auth.mode;
  switch (step) {
    case "config":
      return "Fix the field named above in the config file (`ml-connector init` writes a commented one); a proxy URL comes from sps.proxy / sageX3.proxy or from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY.";
    case "mappings":
      return "Fix the CSV row or config path named above; `ml-connector init` writes templates of every CSV file.";
    case "sps-token":
      if (kind === "auth" || kind === "client")
        return "SPS refused the application's credentials: check the client id and secret (SPS developer portal → Applications) and sps.authUrl.";
      if (kind === "rate-limit") return "SPS limits token requests: wait a minute; tokens are cached in the store.";
      return `Cannot reach the SPS auth server ${config?.sps.authUrl ?? ""}: check the URL, your proxy and firewall.`;
    case "sps-mailbox":
      if (kind === "auth" || kind === "client")
        return "The token works but the Transaction API refused it: ask SPS to grant the application Transaction API v5 access.";
      return `Cannot list the mailbox at ${config?.sps.baseUrl ?? ""}: check sps.baseUrl, your proxy and firewall.`;
    case "x3-token":
      if (mode === "authorization-code")
        return "ml-connector is not paired with the Sage X3 gateway (or the pairing expired): run `ml-connector auth sage-x3`.";
      return "Check the Sage X3 auth settings in the config.";
    case "x3-read":
      if (kind === "auth")
        return mode === "connected-app"
          ? "X3 refused the connected application's JWT: check the client id, secret and user (X3 → Administration → Connected applications) and that the app is active."
          : mode === "basic"
            ? "X3 refused the user name or password."
            : "X3 refused the gateway token: run `ml-connector auth sage-x3` to pair again.";
      if (kind === "not-found" || kind === "configuration")
        return "Check sageX3.endpoint (the X3 folder) and sageX3.classes.BPCUSTOMER (the representation name of your installation).";
      return `Cannot reach Sage X3 at ${config?.sageX3.serverUrl ?? ""}: check sageX3.serverUrl, your VPN, proxy and firewall.`;
    case "store":
      return "Check the store: store.sqlite's folder must be writable; store.postgres.connectionString must reach the server with a role allowed to use (or create) the schema; neither may come from a newer ml-connector.";
  }
}

/**
 * Which proxy each system's requests go through (credentials masked), decided as the clients decide it: the config's
 * proxy / noProxy, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the process's environment (which the clients read).
 */
function proxySummary(config: ConnectorConfig): string {
  const sps = { proxy: config.sps.proxy, noProxy: config.sps.noProxy };
  const api = describeProxy(new URL(config.sps.baseUrl), sps);
  const auth = describeProxy(new URL(config.sps.authUrl), sps);
  const x3 = describeProxy(new URL(config.sageX3.serverUrl), {
    proxy: config.sageX3.proxy,
    noProxy: config.sageX3.noProxy,
  });
  return `${api === auth ? `SPS ${api}` : `SPS API ${api}, SPS auth ${auth}`}; Sage X3 ${x3}`;
}

/** The transaction set a mailbox file's name announces: PO 850, PC 860, FA 997, PR 855, SH 856, IN 810, IB 846. */
function documentTypeOf(name: string): string | undefined {
  if (isFunctionalAckFileName(name)) return "997";
  if (/^PC[A-Za-z0-9]/.test(name)) return "860";
  const prefix = parseRsxFileName(name)?.prefix;
  return prefix ? x12TransactionSetsByGroup[prefix] : undefined;
}

/** What orders-in reads from the mailbox: 850s, 860s and 997s. The rest are "not ours". */
const readTypes = new Set(["850", "860", "997"]);

/** `2 850, 1 997` (most first). */
function countsByType(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, count]) => `${count} ${type}`)
    .join(", ");
}

const LISTED_FILES_CAP = 10_000;

/**
 * What the account's mailbox holds: each configured inbound folder (a `*` expanded) with its file count and the files
 * the connector does not read, and whether each upload folder exists. A folder SPS has not set up is a warning, not a
 * failure: the other checks go on.
 */
async function inspectMailbox(
  sps: SpsClient,
  config: ConnectorConfig,
): Promise<{ summary: string; lines: string[]; warnings: string[] }> {
  const test = config.sps.testMode;
  const lines: string[] = [];
  const warnings: string[] = [];
  let total = 0;
  let readable = 0;
  for (const entry of await resolveMailboxFolders(sps, config.sps.mailbox.inbound, { test })) {
    if (entry.missing) warnings.push(entry.missing);
    for (const folder of entry.folders) {
      const notOurs: string[] = [];
      const ours = new Map<string, number>();
      const others = new Map<string, number>();
      let files = 0;
      try {
        for await (const item of sps.list(folder)) {
          if (item.type !== "file") continue;
          files += 1;
          const type = documentTypeOf(item.name);
          if (type && readTypes.has(type)) ours.set(type, (ours.get(type) ?? 0) + 1);
          else {
            notOurs.push(item.name);
            others.set(type ?? "other", (others.get(type ?? "other") ?? 0) + 1);
          }
          if (files >= LISTED_FILES_CAP) break;
        }
      } catch (error) {
        if (isConnectorError(error) && error.kind === "not-found") {
          warnings.push(missingRouteMessage(folder));
          continue;
        }
        throw error;
      }
      readable += 1;
      total += files;
      const shown = notOurs.slice(0, 5).join(", ");
      const more = notOurs.length > 5 ? `, and ${notOurs.length - 5} more` : "";
      const read = ours.size > 0 ? ` (${countsByType(ours)})` : "";
      lines.push(
        `${folder}: ${plural(files, "file")}${read}${notOurs.length > 0 ? `, ${notOurs.length} not ours (${countsByType(others)}: ${shown}${more})` : ""}`,
      );
    }
  }
  const sink = uploadFolders(config);
  const uploadTargets = new Set(
    ["PR0-v7.7-BulkImport.json", "SH0-v7.7-BulkImport.json", "IN0-v7.7-BulkImport.json"].map((name) =>
      uploadFolderOf(name, sink, test),
    ),
  );
  for (const folder of uploadTargets) {
    try {
      for await (const _ of sps.list(folder, { limit: 1 })) break;
      lines.push(`${folder}: uploads go here`);
    } catch (error) {
      if (isConnectorError(error) && error.kind === "not-found") warnings.push(missingRouteMessage(folder));
      else throw error;
    }
  }
  return {
    summary: `${plural(readable, "inbound folder")} listed, ${plural(total, "file")} waiting`,
    lines,
    warnings,
  };
}

/**
 * The "add your credentials, ping your real systems" check: config → mappings → SPS token → SPS mailbox → X3 token →
 * X3 read (one BPCUSTOMER) → store. Each step prints pass/fail with a hint; later steps that depend on a failed one
 * are skipped. The exit code is that of the first failure.
 */
export async function runDoctor(out: Output, configPath: string, env: Readonly<Record<string, string | undefined>>) {
  const results: StepResult[] = [];
  let loaded: LoadedConfig | undefined;
  let stores: CliStores | undefined;
  let storeError: unknown;

  const step = async (name: Step, title: string, work: () => Promise<string>): Promise<boolean> => {
    const started = Date.now();
    try {
      const detail = await work();
      const result: StepResult = { step: name, title, ok: true, detail, ms: Date.now() - started };
      results.push(result);
      out.line(`  pass  ${title}: ${detail} (${formatDuration(result.ms)})`);
      return true;
    } catch (error) {
      const result: StepResult = {
        step: name,
        title,
        ok: false,
        detail: describeError(error),
        hint: hintFor(name, error, loaded),
        exitCode: exitCodeOf(name, error),
        ms: Date.now() - started,
      };
      results.push(result);
      out.line(`  FAIL  ${title}: ${result.detail}`);
      out.line(`        hint: ${result.hint}`);
      return false;
    }
  };
  const warnings: string[] = [];
  const skip = (title: string, because: string) => out.line(`  skip  ${title} (${because})`);

  out.line(`ml-connector doctor: ${configPath}`);
  let network = "";
  const configOk = await step("config", "config file", async () => {
    loaded = await loadConfig(configPath, env);
    out.addSecrets(loaded.secrets);
    partnerRuleSets(loaded);
    network = proxySummary(loaded.config);
    return `valid (SPS ${loaded.config.sps.baseUrl}, Sage X3 ${loaded.config.sageX3.serverUrl} ${loaded.config.sageX3.endpoint}, auth ${loaded.config.sageX3.auth.mode})`;
  });
  if (configOk && loaded) {
    out.line(`        network: ${network}`);
    const current = loaded;
    await step("mappings", "mappings", async () => {
      const set = await configuredMappings(current);
      return `${plural(set.partners.length, "partner")}, ${plural(set.shipTos.length, "ship-to")}, ${plural(set.items.length, "item identifier")}, ${plural(set.uoms.length, "unit")}, ${plural(set.costCentres.length, "cost centre")}`;
    });
    try {
      stores = await openStores(current);
    } catch (error) {
      storeError = error;
    }
    // Tokens minted from the credentials alone are obtained afresh (a cached token would hide a wrong secret); a
    // pairing (authorization code) lives in the store.
    const fresh = { ...createMemoryStores(), schemaVersion: 0, path: ":memory:" };
    const paired = (flowUsesStore: boolean) => (flowUsesStore && stores ? stores : fresh);
    const spsPaired = current.config.sps.flow === "authorization_code" || current.config.sps.refreshToken !== undefined;
    const x3Paired = current.config.sageX3.auth.mode === "authorization-code";
    let sps: SpsClient | undefined;
    let x3: SageX3Client | undefined;
    const spsOk = await step("sps-token", "SPS token", async () => {
      sps = createSps(current, paired(spsPaired));
      await sps.tokens.getAccessToken();
      return `obtained from ${current.config.sps.authUrl} (${current.config.sps.flow ?? (current.config.sps.refreshToken ? "authorization_code" : "client_credentials")})`;
    });
    if (spsOk && sps) {
      const client = sps;
      await step("sps-mailbox", "SPS mailbox", async () => {
        const report = await inspectMailbox(client, current.config);
        for (const line of report.lines) out.line(`        ${line}`);
        for (const warning of report.warnings) {
          warnings.push(warning);
          out.line(`  warn  ${warning}`);
        }
        return report.summary;
      });
    } else skip("SPS mailbox", "no SPS token");
    const x3TokenOk = await step("x3-token", "Sage X3 token", async () => {
      x3 = createX3(current, paired(x3Paired));
      await x3.auth.authorize();
      const mode = current.config.sageX3.auth.mode;
      return mode === "connected-app"
        ? "JWT signed (X3 checks it on the next step)"
        : mode === "basic"
          ? "Basic credentials ready (X3 checks them on the next step)"
          : "access token from the gateway";
    });
    if (x3TokenOk && x3) {
      const client = x3;
      await step("x3-read", "Sage X3 read BPCUSTOMER", async () => {
        for await (const page of client.pages("BPCUSTOMER", { count: 1 })) {
          const first = page.records[0];
          return first ? `customer ${String(first.BPCNUM)} read` : "answered (no customer in this folder)";
        }
        return "answered (no customer in this folder)";
      });
    } else skip("Sage X3 read", "no Sage X3 token");
    await step("store", "store", async () => {
      if (!stores) throw storeError;
      const counts = (await stores.audit.findDocuments({ limit: 1 })).items.length;
      return `${stores.path} (schema v${stores.schemaVersion}${counts === 0 ? ", empty" : ""})`;
    });
  } else {
    skip("mappings, SPS, Sage X3, store", "the config is not valid");
  }
  await stores?.close();

  const failed = results.filter((r) => !r.ok);
  const exitCode = failed.length === 0 ? ExitCode.ok : (failed[0]?.exitCode ?? ExitCode.unavailable);
  if (out.isJsonOnly) {
    out.json({
      ok: failed.length === 0,
      exitCode,
      config: configPath,
      checks: results.map(({ exitCode: _, ...result }) => result),
      warnings,
    });
    return exitCode;
  }
  out.line();
  if (failed.length === 0) {
    const warned = warnings.length > 0 ? ` (${plural(warnings.length, "warning")} above)` : "";
    out.line(`All ${results.length} checks passed${warned}. Next: ml-connector sync --once`);
    return ExitCode.ok;
  }
  out.line(`${plural(failed.length, "check")} failed; first: ${failed[0]?.title}.`);
  return exitCode;
}
