import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // ESM-only packages are bundled (they are devDependencies), so that require() of the CommonJS build works on every
  // Node the engines field allows, not only on those with require(esm).
  noExternal: ["p-limit", "p-retry"],
});
