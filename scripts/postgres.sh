#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL for the tests, on 127.0.0.1 only, in a temporary directory.
#   scripts/postgres.sh start DIR PORT   → prints the connection string
#   scripts/postgres.sh stop DIR
set -euo pipefail
action=$1; dir=$2; port=${3:-55432}

bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] && echo "$found"
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ -z "$(bin)" ]; then
      echo "Installing PostgreSQL (Debian package)…" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    fi
    pgbin=$(bin)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_postgres "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_postgres "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >&2
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true;Maximum Pool Size=50"
    ;;
  stop)
    pgbin=$(bin)
    [ -n "$pgbin" ] && [ -d "$dir/data" ] && as_postgres "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
