#!/usr/bin/env bash
# Makes sure Chromium is installed for the console's browser tests (packages/cli/test/console), which drive Debian's
# `chromium` through playwright-core. Installs it with apt-get when missing (needs root and the Debian archive).
# Set CHROMIUM_PATH to use another Chromium/Chrome binary instead.
set -euo pipefail

log() { printf 'install-chromium: %s\n' "$*" >&2; }

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  log "using CHROMIUM_PATH=$CHROMIUM_PATH"
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  log "found $(command -v chromium)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  log "not root: run \`apt-get update && apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium binary"
  exit 1
fi
log "installing chromium (Debian)"
apt-get update >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2
log "installed $(command -v chromium)"
