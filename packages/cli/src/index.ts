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
export type { ConsoleData } from "./console/queries.js";
// The ops console, for a host that serves it itself (the CLI's `console` command starts it on the configured store)
export {
  type ConsoleOptions,
  contentSecurityPolicy,
  createConsoleApp,
  newConsoleToken,
  type RunningConsole,
  startConsole,
} from "./console/server.js";
// Running the CLI
export { type CliIo, runCli, type TextSink } from "./run-cli.js";
export { ExitCode, exitCodeFor } from "./runtime/errors.js";
export { version } from "./version.js";
