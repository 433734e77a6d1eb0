#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on the loopback, kept in a folder of its own.
#   .ci/postgres.sh start DIR   install Debian's postgresql if missing, create a cluster in
#                               DIR (an empty folder), start it on 127.0.0.1 at a free port
#                               with its socket in DIR, and print its URL on stdout
#   .ci/postgres.sh stop DIR    stop the server started in DIR (the caller deletes DIR)
# Usage, as .ci/run does:
#   dir="$(mktemp -d)"; trap '.ci/postgres.sh stop "$dir"; rm -rf "$dir"' EXIT
#   export INSPECTCORE_TEST_POSTGRESQL="$(.ci/postgres.sh start "$dir")"
# The cluster trusts every connection: it listens on the loopback only, lives as long as
# one test run, and holds nothing but test data.
set -euo pipefail
# runuser lives in sbin, which a plain user's PATH (and CI's) may leave out.
PATH="$PATH:/usr/sbin:/sbin"

pg_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "installing postgresql (for the store's tests) with apt-get..." >&2
    if ! DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends \
      postgresql >/dev/null 2>&1; then
      as_root apt-get update >/dev/null
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends \
        postgresql >/dev/null
    fi
    found="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  echo "$found"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "${1:-}:${2:-}" in
  start:?*)
    dir="$(cd "$2" && pwd)"
    bin="$(pg_bin)"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    # The server's owner may not be able to enter the caller's folder (a private temporary
    # one, say): run it from its own.
    cd "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U inspectcore --auth=trust -E UTF8 \
      --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    port="$(free_port)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://inspectcore@127.0.0.1:$port/postgres"
    ;;
  stop:?*)
    dir="$(cd "$2" && pwd)"
    cd "$dir"
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: .ci/postgres.sh start DIR | stop DIR" >&2
    exit 2
    ;;
esac
