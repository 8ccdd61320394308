#!/usr/bin/env bash
# Benchmark for issue "accounts payable", on SQLite and on PostgreSQL: a 1,000-line UBL invoice matched against 700
# receipts (target under 200 ms on PostgreSQL), with its SQL statements; and the UBL import rate (target over 100
# invoices/s) with 8 concurrent clients.
# Usage: [ENGINES="sqlite postgres"] bench/invoices.sh [repeats=2] [clients=8] [invoices=200] [warm-up invoices=60]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
PORT=5097
REPEATS="${1:-2}"
CLIENTS="${2:-8}"
INVOICES="${3:-200}"
WARM_UPS="${4:-60}"

run_engine() { # name, settings...
  local name="$1"; shift
  serve_start "$PORT" "/tmp/tandem-bench-invoices-$name.log" "$@"
  echo "== $name"
  dotnet "$BENCH" invoice-load "http://127.0.0.1:$PORT" "$REPEATS" "$CLIENTS" "$INVOICES" "$WARM_UPS" || echo "(bench reported a failure)"
  serve_stop
}

for engine in ${ENGINES:-sqlite postgres}; do
  case "$engine" in
    sqlite)
      rm -rf /tmp/tandem-bench-invoices-db && mkdir -p /tmp/tandem-bench-invoices-db
      run_engine sqlite "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-invoices-db/tandem.db" ;;
    postgres)
      PG="$(bash eng/postgres.sh)"
      psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_invoices WITH (FORCE)" -qc "CREATE DATABASE tandem_invoices" >/dev/null
      run_engine postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_invoices" ;;
  esac
done
