import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig(
  packageBuild({
    entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" },
    // ESM-only packages are bundled (they are devDependencies), so that require() of the CommonJS build works on every
    // Node the engines field allows, not only on those with require(esm).
    noExternal: ["p-limit"],
    external: ["vitest"],
  }),
);
