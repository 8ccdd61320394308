#!/usr/bin/env bash
# Benchmark for issue "payments": build a month's consolidated bill of about 20,000 invoices (target under 5 s). The
# volume data (40,000 invoices over the last 60 days, so about 20,000 in last month) is written by the app's own CLI
# (seed --payables) into a fresh database; the bill is built, rebuilt and downloaded through the HTTP API.
# Usage: [ENGINES="postgres sqlite"] bench/billing.sh [invoices=40000] [vendors=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
PORT=5099
INVOICES="${1:-40000}"
VENDORS="${2:-5000}"

run_engine() { # name, settings...
  local name="$1"; shift
  (cd src/Tandem.Web && dotnet "../../$WEB" seed --demo "$@" >/dev/null)
  local started=$SECONDS
  (cd src/Tandem.Web && dotnet "../../$WEB" seed --payables "$INVOICES" --vendors "$VENDORS" "$@")
  echo "seeded in $((SECONDS - started)) s"
  serve_start "$PORT" "/tmp/tandem-bench-billing-$name.log" "$@"
  echo "== $name"
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"
  dotnet "$BENCH" billing "http://127.0.0.1:$PORT" || echo "(bench reported a failure)"
  serve_stop
}

for engine in ${ENGINES:-postgres sqlite}; do
  case "$engine" in
    sqlite)
      rm -rf /tmp/tandem-bench-billing-db && mkdir -p /tmp/tandem-bench-billing-db
      run_engine sqlite "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-billing-db/tandem.db" ;;
    postgres)
      PG="$(bash eng/postgres.sh)"
      psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_billing WITH (FORCE)" -qc "CREATE DATABASE tandem_billing" >/dev/null
      run_engine postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_billing" ;;
  esac
done
