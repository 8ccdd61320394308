#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1:${TANDEM_PG_PORT:-55432} for the test suite.
# Installs PostgreSQL with apt-get when it is missing (needs root). Prints the connection string on stdout.
set -euo pipefail
PORT="${TANDEM_PG_PORT:-55432}"
DATA="${TANDEM_PG_DATA:-/tmp/tandem-pg-$PORT}"

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(bin_dir)" ]; then
  echo "PostgreSQL not found; installing it with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "need root to apt-get install postgresql" >&2; exit 1; fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN="$(bin_dir)"

# PostgreSQL refuses to run as root: run it as the 'postgres' system user the package creates.
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  RUN=(runuser -u postgres --)
fi

if "${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres"
  exit 0
fi
rm -rf "$DATA"
mkdir -p "$DATA"
[ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
"${RUN[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
"${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c random_page_cost=1.1" start >/dev/null
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres"
