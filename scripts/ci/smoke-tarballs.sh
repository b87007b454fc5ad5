#!/usr/bin/env bash
# The packages as an npm user gets them: packs every public package (after `pnpm run build`), installs the tarballs in
# an empty folder with npm (dependencies from the registry), then runs `ml-connector demo` and a copied-out example
# (`init --example quickstart`, npm install, npm start, tsc), require()s and imports
# each package, checks that an error from the CommonJS build is recognised by the ESM build, and type-checks a
# consumer with skipLibCheck off under moduleResolution node16 and bundler.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/ml-connector-smoke-XXXXXX")
trap 'rm -rf "$work"' EXIT
packs="$work/packs"
app="$work/app"
mkdir -p "$packs" "$app"

packages=(zod-check transport rsx state sandbox sps-client sage-x3-client sync-core store-sqlite store-postgres cli)

echo "smoke: packing ${#packages[@]} packages"
for name in "${packages[@]}"; do
  (cd "packages/$name" && npx -y pnpm@12.4.2 pack --pack-destination "$packs" >/dev/null)
done

cd "$app"
cat > package.json <<'JSON'
{ "name": "smoke-consumer", "version": "0.0.0", "private": true, "type": "module" }
JSON
echo "smoke: npm install of the tarballs"
tsc_version=$(node -p "require('$root/node_modules/typescript/package.json').version")
types_node_version=$(node -p "require('$root/node_modules/@types/node/package.json').version")
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$packs"/*.tgz "typescript@$tsc_version" "@types/node@$types_node_version"

echo "smoke: ml-connector demo"
npx --no-install ml-connector demo >"$work/demo.out"
grep -q "orders-in" "$work/demo.out" || { cat "$work/demo.out"; echo "smoke: the demo printed no orders-in summary"; exit 1; }

echo "smoke: init --example quickstart, installed with npm and run outside the workspace"
npx --no-install ml-connector init --example quickstart --dir "$work/quickstart" >/dev/null
(
  cd "$work/quickstart"
  # The example depends on the published packages (^ ranges); the tarballs just packed stand in for them: those it
  # names and theirs, found from the packages' own package.json files (no native build when it needs no SQLite).
  needed=$(node -e '
    const { readFileSync } = require("node:fs");
    const manifest = (path) => JSON.parse(readFileSync(path, "utf8"));
    const seen = new Set();
    const visit = (deps) => {
      for (const name of Object.keys(deps ?? {}).filter((n) => n.startsWith("@ml-connector/"))) {
        if (seen.has(name)) continue;
        seen.add(name);
        visit(manifest(process.argv[1] + "/packages/" + name.slice(14) + "/package.json").dependencies);
      }
    };
    visit(manifest("package.json").dependencies);
    console.log([...seen].map((name) => name.slice(14)).join(" "));
  ' "$root")
  tarballs=()
  for name in $needed; do tarballs+=("$packs"/ml-connector-"$name"-[0-9]*.tgz); done
  npm install --prefer-offline --no-audit --no-fund --loglevel=error "${tarballs[@]}"
  npm start >"$work/quickstart.out"
  grep -q "SPS in/:" "$work/quickstart.out" || { cat "$work/quickstart.out"; echo "smoke: the example did not finish"; exit 1; }
  npx --no-install tsc -p tsconfig.json
)
echo "smoke: the quickstart example ran and type-checked as an npm project of its own"

for name in "${packages[@]}"; do
  node -e "const m = require('@ml-connector/$name'); if (Object.keys(m).length === 0) process.exit(1);"
  node --input-type=module -e "const m = await import('@ml-connector/$name'); if (Object.keys(m).length === 0) process.exit(1);"
  echo "smoke: require() and import of @ml-connector/$name"
done

# Store adapters and their ports pull in no HTTP client and not the engine; the state package's main entry loads
# without vitest (not installed here: only its `testing` entry needs it).
for name in state store-sqlite store-postgres; do
  node -e "
const deps = Object.keys(require('@ml-connector/$name/package.json').dependencies ?? {});
const banned = deps.filter((d) => /^@ml-connector\/(sps-client|sage-x3-client|sync-core|sandbox|cli)\$/.test(d));
if (banned.length > 0) { console.error('@ml-connector/$name depends on ' + banned.join(', ')); process.exit(1); }
"
done
echo "smoke: state, store-sqlite and store-postgres depend on no HTTP client and not on the engine"

node --input-type=module -e "
import { createRequire } from 'node:module';
const esm = await import('@ml-connector/transport');
const cjs = createRequire(import.meta.url)('@ml-connector/transport');
if (esm.ConnectorError === cjs.ConnectorError) throw new Error('expected two copies');
const fromCjs = new cjs.ConnectorError('x', { kind: 'timeout' });
if (!esm.isConnectorError(fromCjs) || !(fromCjs instanceof esm.ConnectorError)) throw new Error('brand not shared');
"
echo "smoke: an error from the CommonJS build is a ConnectorError to the ESM build"

{
  for name in "${packages[@]}"; do
    echo "import * as m_${name//-/_} from \"@ml-connector/$name\";"
  done
  echo "export const all = ["
  for name in "${packages[@]}"; do echo "  m_${name//-/_},"; done
  echo "];"
} >consumer.ts
for resolution in node16 bundler; do
  module=$([ "$resolution" = node16 ] && echo node16 || echo esnext)
  cat >"tsconfig.$resolution.json" <<JSON
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "skipLibCheck": false, "target": "es2022",
    "module": "$module", "moduleResolution": "$resolution", "types": ["node"]
  },
  "files": ["consumer.ts"]
}
JSON
  start=$(date +%s)
  npx --no-install tsc -p "tsconfig.$resolution.json"
  echo "smoke: tsc --noEmit, skipLibCheck false, moduleResolution $resolution: $(($(date +%s) - start)) s"
done
echo "smoke: ok"
