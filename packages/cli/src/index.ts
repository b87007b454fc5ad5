// @ml-connector/cli: the `ml-connector` command, and what a host needs to run it in-process.

export { defaultConfigNames, type LoadedConfig, loadConfig } from "./config/load.js";
// The config file
export {
  type ConnectorConfig,
  type ConnectorConfigInput,
  configFlowNames,
  configJsonSchema,
  configSchema,
} from "./config/schema.js";
// Running the CLI
export { type CliIo, runCli, type TextSink } from "./run-cli.js";
export { ExitCode, exitCodeFor } from "./runtime/errors.js";
export { version } from "./version.js";
