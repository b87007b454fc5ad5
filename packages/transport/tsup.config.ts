import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig(
  packageBuild({
    // ESM-only packages are bundled (they are devDependencies), so that require() of the CommonJS build works on every
    // Node the engines field allows, not only on those with require(esm).
    noExternal: ["p-limit", "p-retry"],
  }),
);
