#!/usr/bin/env bash
# Benchmark for issue "payments": propose, approve and write the bank files of a payment run over 50,000 open invoices
# across 5,000 vendors (target under 5 s on PostgreSQL). The volume data is written by the app's own CLI
# (seed --payables) into a fresh database, then the run is driven through the HTTP API.
# Usage: [ENGINES="postgres sqlite"] bench/payments.sh [invoices=50000] [vendors=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
PORT=5098
INVOICES="${1:-50000}"
VENDORS="${2:-5000}"

run_engine() { # name, settings...
  local name="$1"; shift
  (cd src/Tandem.Web && dotnet "../../$WEB" seed --demo "$@" >/dev/null)
  local started=$SECONDS
  (cd src/Tandem.Web && dotnet "../../$WEB" seed --payables "$INVOICES" --vendors "$VENDORS" "$@")
  echo "seeded in $((SECONDS - started)) s"
  serve_start "$PORT" "/tmp/tandem-bench-payments-$name.log" "$@"
  echo "== $name"
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"
  dotnet "$BENCH" payment-run "http://127.0.0.1:$PORT" || echo "(bench reported a failure)"
  serve_stop
}

for engine in ${ENGINES:-postgres sqlite}; do
  case "$engine" in
    sqlite)
      rm -rf /tmp/tandem-bench-payments-db && mkdir -p /tmp/tandem-bench-payments-db
      run_engine sqlite "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-payments-db/tandem.db" ;;
    postgres)
      PG="$(bash eng/postgres.sh)"
      psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_payments WITH (FORCE)" -qc "CREATE DATABASE tandem_payments" >/dev/null
      run_engine postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_payments" ;;
  esac
done
