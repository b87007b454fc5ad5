import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

// src/cli.ts is the bin (ESM, its shebang kept, made executable); src/index.ts the library surface (runCli, config).
export default defineConfig(
  packageBuild({
    entry: { index: "src/index.ts", cli: "src/cli.ts" },
    dts: { entry: { index: "src/index.ts" } },
    // import.meta.url in the CJS build too: the console finds its page (console-ui/) from its own location.
    shims: true,
  }),
);
