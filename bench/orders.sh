#!/usr/bin/env bash
# Benchmark for issue "purchase orders and receiving", on SQLite and on PostgreSQL: a 500-line order made, issued and
# received in one 500-line receipt (targets: under 1 s each on PostgreSQL, a constant number of queries), with the SQL
# statements each ran; and order creation throughput under 16 concurrent buyers.
# Usage: [ENGINES="sqlite postgres"] bench/orders.sh [repeats=3] [buyers=16] [ordersPerBuyer=20]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Tandem.Web -c Release -nologo -v quiet
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
WEB=src/Tandem.Web/bin/Release/net10.0/tandem.dll
BENCH=bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll
PORT=5096
REPEATS="${1:-3}"
BUYERS="${2:-16}"
PER_BUYER="${3:-20}"

run_engine() { # name, settings...
  local name="$1"; shift
  (cd src/Tandem.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../../$WEB" --urls "http://127.0.0.1:$PORT" --Demo:Seed=if-empty \
      --Logging:LogLevel:Default=Warning --Jobs:Enabled=false "$@" > "/tmp/tandem-bench-orders-$name.log" 2>&1) &
  local pid=""
  for _ in $(seq 1 120); do
    pid="$(pgrep -f "tandem.dll --urls http://127.0.0.1:$PORT" | head -1 || true)"
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "== $name"
  dotnet "$BENCH" order-load "http://127.0.0.1:$PORT" "$REPEATS" "$BUYERS" "$PER_BUYER" || echo "(bench reported a failure)"
  echo "server peak RSS: $(grep VmHWM /proc/"$pid"/status | awk '{print $2/1024 " MiB"}')"
  kill "$pid"; wait 2>/dev/null || true
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
