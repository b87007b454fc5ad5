import { defineConfig } from "tsup";

// src/cli.ts is the bin (ESM, its shebang kept, made executable); src/index.ts the library surface (runCli, config).
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  // import.meta.url in the CJS build too: the console finds its page (console-ui/) from its own location.
  shims: true,
});
