import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources through the
// "ml-connector-source" export condition, so tests never need a build first.
export default defineConfig({
  resolve: { conditions: ["ml-connector-source", "module", "node", "development|production"] },
  ssr: { resolve: { conditions: ["ml-connector-source", "module", "node", "development|production"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Lets memory tests collect garbage before they measure.
    execArgv: ["--expose-gc"],
    typecheck: { enabled: false },
  },
});
