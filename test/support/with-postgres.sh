#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server, e.g. the test suite:
#
#   test/support/with-postgres.sh npm test       (what `npm run test:pg` does)
#
# Creates a cluster in a temporary directory, listening on 127.0.0.1 only, on a free port, with
# trust authentication for the local user `postgres`; exports
# TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres; runs the command; then stops
# the server and deletes the directory, whatever the command did. Needs PostgreSQL's server
# binaries (Debian: apt-get install postgresql). As root, the server runs as the `postgres` user,
# since PostgreSQL refuses to run as root.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "PostgreSQL's server binaries (initdb, pg_ctl) are not installed; on Debian: apt-get install postgresql" >&2
  exit 1
}

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

BIN=$(pg_bindir)
DIR=$(mktemp -d "${TMPDIR:-/tmp}/claimtrail-pg.XXXXXX")
PORT=${PG_PORT:-$(free_port)}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop_server EXIT

if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
# A throwaway server: durability is worth nothing here, and skipping it halves the suite's time.
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway, in $DIR)" >&2
"$@"
