import { describe, expect, it } from "vitest";
import * as cli from "../../src/index.js";

describe("the public surface of @ml-connector/cli", () => {
  it("exports exactly what a host needs to run the CLI and read its config", () => {
    expect(Object.keys(cli).sort()).toEqual(
      [
        "ExitCode",
        "configFlowNames",
        "configJsonSchema",
        "configSchema",
        "contentSecurityPolicy",
        "createConsoleApp",
        "newConsoleToken",
        "startConsole",
        "defaultConfigNames",
        "exitCodeFor",
        "loadConfig",
        "runCli",
        "version",
      ].sort(),
    );
    expect(cli.ExitCode).toEqual({ ok: 0, rejected: 1, configuration: 2, authentication: 3, unavailable: 4 });
  });
});
