/**
 * Imported first by every test file of this package, before anything loads `pg`.
 *
 * The root vitest config resolves workspace packages through the `ml-connector-source` condition, and vitest hands
 * its whole list of resolve conditions (`import` included) to Node as `--conditions`. Node then applies `import` to
 * `require()` too, so when node-postgres (CommonJS) requires its helpers `pg-pool`, `pg-protocol` and
 * `pg-connection-string`, it gets their ESM wrappers instead of the CommonJS files, and `class BoundPool extends
 * Pool` fails ("Class extends value [object Module]"). Outside vitest (the CLI, tsx, a plain `node`) nothing of the
 * sort happens. This sends those three requires back to their CommonJS entries, for this test process only.
 */
import Module from "node:module";

const redirects: [RegExp, string][] = [
  [/([/\\]pg-pool[/\\])esm[/\\]index\.mjs$/, "$1index.js"],
  [/([/\\]pg-protocol[/\\])esm[/\\]index\.js$/, "$1dist/index.js"],
  [/([/\\]pg-connection-string[/\\])esm[/\\]index\.mjs$/, "$1index.js"],
];

type Resolve = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve; __mlcPgRedirect?: boolean };
if (loader.__mlcPgRedirect !== true) {
  loader.__mlcPgRedirect = true;
  const original = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request, ...rest) {
    let resolved = original.call(this, request, ...rest);
    for (const [pattern, replacement] of redirects) resolved = resolved.replace(pattern, replacement);
    return resolved;
  };
}
