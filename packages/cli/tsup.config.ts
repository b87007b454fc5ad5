import { defineConfig } from "tsup";

// src/cli.ts is the bin (ESM, its shebang kept, made executable); src/index.ts the library surface (runCli, config).
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
});
