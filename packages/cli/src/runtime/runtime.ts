import type { SageX3Client } from "@ml-connector/sage-x3-client";
import type { SpsClient } from "@ml-connector/sps-client";
import { type Connector, type FlowName, flowNames, type MappingSet } from "@ml-connector/sync-core";
import type { Logger } from "@ml-connector/transport";
import { configPathFrom, type LoadedConfig, loadConfig } from "../config/load.js";
import type { CliIo, Output } from "../output/io.js";
import { buildConnector, type CliStores, configuredMappings, createSps, createX3, openStores } from "./wiring.js";

export interface Runtime {
  loaded: LoadedConfig;
  stores: CliStores;
  sps: SpsClient;
  x3: SageX3Client;
  mappings: MappingSet;
  connector: Connector;
  close(): Promise<void>;
}

/** Loads the config (secrets registered for redaction) without touching any system. */
export async function loadConfigFor(io: CliIo, out: Output, configOption: string | undefined): Promise<LoadedConfig> {
  const loaded = await loadConfig(configPathFrom(io.cwd, configOption), io.env);
  out.addSecrets(loaded.secrets);
  return loaded;
}

/** Everything a command that syncs needs: config, store, both clients, mappings, the connector. */
export async function openRuntime(
  io: CliIo,
  out: Output,
  configOption: string | undefined,
  logger?: Partial<Logger>,
  onlyFlow?: FlowName | undefined,
): Promise<Runtime> {
  const loaded = await loadConfigFor(io, out, configOption);
  if (onlyFlow) {
    // `--flow NAME`: the other flows are left out of this connector (and of its scheduler).
    for (const flow of flowNames) if (flow !== onlyFlow) loaded.config.flows[flow].enabled = false;
  }
  const mappings = await configuredMappings(loaded);
  const stores = await openStores(loaded);
  try {
    const sps = createSps(loaded, stores, logger);
    const x3 = createX3(loaded, stores, logger);
    const connector = buildConnector(loaded, { stores, sps, x3, mappings, logger });
    return { loaded, stores, sps, x3, mappings, connector, close: () => stores.close() };
  } catch (error) {
    await stores.close();
    throw error;
  }
}
