#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 only; prints its DSN.
#
#   tools/pg-test-server.sh          start it (or reuse the running one) and print the DSN
#   tools/pg-test-server.sh stop     stop it (the cluster directory stays for the next start)
#
# The cluster lives in .pg-test/ of this checkout (gitignored). On a fresh Debian machine
# where we are root, Debian's `postgresql` package is installed first when it is missing;
# PostgreSQL refuses to run as root, so the cluster then belongs to the `postgres` user.
# Only the DSN goes to stdout (so `DSN=$(tools/pg-test-server.sh)` works); the rest to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD/.pg-test"

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] \
    && { pg_config --bindir; return 0; }
  return 1
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "pg-test-server: PostgreSQL is not installed; install Debian's postgresql package" >&2
    exit 1
  fi
  echo "pg-test-server: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  bindir=$(find_bindir)
fi

# As root everything runs as `postgres`; otherwise as ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# The server runs as `postgres` when we are root, and must reach its directory: when this
# checkout is somewhere `postgres` cannot enter (under /root, say), the cluster goes to /tmp.
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$PWD"; then
  root="${TMPDIR:-/tmp}/storylens-pg-test-$(echo "$PWD" | cksum | cut -d' ' -f1)"
fi
data="$root/data"

if [ "${1:-start}" = stop ]; then
  if [ -f "$data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$data" -m fast stop >&2; fi
  exit 0
fi

mkdir -p "$root"
if [ "$(id -u)" = 0 ]; then chown postgres: "$root"; fi

if [ ! -f "$data/PG_VERSION" ]; then
  as_owner "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi

port=""
if [ -f "$root/port" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  port=$(cat "$root/port")
else
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "$port" >"$root/port"
  # durability is not wanted from a throwaway cluster, speed is
  as_owner "$bindir/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k '' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2
fi
echo "postgresql://postgres@127.0.0.1:$port/postgres"
