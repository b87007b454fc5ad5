#!/usr/bin/env bash
# Starts a PostgreSQL server for the tests of @ml-connector/store-postgres and prints, on stdout, the line that points
# them at it:
#
#   eval "$(scripts/ci/start-postgres.sh)"      # export ML_CONNECTOR_TEST_DATABASE_URL=postgres://...
#   scripts/ci/start-postgres.sh stop           # stops it and deletes its files
#
# - Installs Debian's postgresql-15 when its binaries are missing (needs root and the Debian archive).
# - Initialises a cluster in $ML_CONNECTOR_PG_DIR (default /tmp/ml-connector-ci-postgres) as the `postgres` OS user,
#   trust authentication, listening on 127.0.0.1:$ML_CONNECTOR_PG_PORT (default 55432) only, and creates the database
#   ml_connector_test. The tests create a database of their own per test file on the same server.
# - Idempotent: when the server is already up, it is reused. The URL is also written to $ML_CONNECTOR_PG_DIR/env.
# Everything but the export line goes to stderr.
set -euo pipefail

version=15
bin="/usr/lib/postgresql/${version}/bin"
dir="${ML_CONNECTOR_PG_DIR:-/tmp/ml-connector-ci-postgres}"
port="${ML_CONNECTOR_PG_PORT:-55432}"
database=ml_connector_test
url="postgres://postgres@127.0.0.1:${port}/${database}"

log() { printf 'start-postgres: %s\n' "$*" >&2; }

# Runs a PostgreSQL binary as the postgres user when we are root (the server refuses to run as root).
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
  log "stopped"
  exit 0
fi

if [ ! -x "$bin/postgres" ]; then
  log "installing postgresql-${version} (Debian)"
  if [ "$(id -u)" != 0 ]; then
    log "not root: install postgresql-${version} yourself, or set ML_CONNECTOR_TEST_DATABASE_URL to a server of yours"
    exit 1
  fi
  apt-get update >&2
  # policy-rc.d 101: do not start the package's own cluster on 5432; we start ours below.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d.ml-connector
  chmod +x /usr/sbin/policy-rc.d.ml-connector
  had_policy=0
  [ -e /usr/sbin/policy-rc.d ] && had_policy=1
  [ "$had_policy" = 1 ] || cp /usr/sbin/policy-rc.d.ml-connector /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "postgresql-${version}" >&2
  [ "$had_policy" = 1 ] || rm -f /usr/sbin/policy-rc.d
  rm -f /usr/sbin/policy-rc.d.ml-connector
fi

ready() { as_postgres "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; }

if ready; then
  log "a server is already listening on 127.0.0.1:${port}: reusing it"
else
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "initialising a cluster in $dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >&2
  fi
  log "starting on 127.0.0.1:${port}"
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300" start >&2 || {
    tail -n 30 "$dir/server.log" >&2 || true
    exit 1
  }
fi

exists=$(as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '${database}'")
if [ "$exists" != 1 ]; then
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
fi

printf 'export ML_CONNECTOR_TEST_DATABASE_URL=%s\n' "$url" | tee "$dir/env"
log "ready: $url"
