import type { Options } from "tsup";

/**
 * How every published package builds: ESM and CommonJS for Node 20, with type declarations and source maps, from
 * `src/index.ts` unless a package says otherwise (its other entries, what it bundles or leaves out, and why).
 */
export function packageBuild(options: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node20",
    ...options,
  };
}
