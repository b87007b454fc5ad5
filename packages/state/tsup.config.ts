import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig(
  packageBuild({
    entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" },
    // The conformance suite registers vitest tests: vitest is the user's (an optional peer), never bundled.
    external: ["vitest"],
  }),
);
