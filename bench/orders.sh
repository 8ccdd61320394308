#!/usr/bin/env bash
# Benchmark for issue "purchase orders and receiving", on SQLite and on PostgreSQL: a 500-line order made, issued and
# received in one 500-line receipt (targets: under 1 s each on PostgreSQL, a constant number of queries), with the SQL
# statements each ran; and order creation throughput under 16 concurrent buyers.
# Usage: [ENGINES="sqlite postgres"] bench/orders.sh [repeats=3] [buyers=16] [ordersPerBuyer=20]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
PORT=5096
REPEATS="${1:-3}"
BUYERS="${2:-16}"
PER_BUYER="${3:-20}"

run_engine() { # name, settings...
  local name="$1"; shift
  serve_start "$PORT" "/tmp/tandem-bench-orders-$name.log" "$@"
  echo "== $name"
  dotnet "$BENCH" order-load "http://127.0.0.1:$PORT" "$REPEATS" "$BUYERS" "$PER_BUYER" || echo "(bench reported a failure)"
  serve_stop
}

for engine in ${ENGINES:-sqlite postgres}; do
  case "$engine" in
    sqlite)
      rm -rf /tmp/tandem-bench-orders-db && mkdir -p /tmp/tandem-bench-orders-db
      run_engine sqlite "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-orders-db/tandem.db" ;;
    postgres)
      PG="$(bash eng/postgres.sh)"
      psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_orders WITH (FORCE)" -qc "CREATE DATABASE tandem_orders" >/dev/null
      run_engine postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_orders" ;;
  esac
done
