#!/usr/bin/env bash
# Benchmark for issue "accounts payable", on SQLite and on PostgreSQL: batch matching of 100,000 waiting invoice lines
# (target over 20,000 lines/s end to end, database I/O included). Through the HTTP API: 100 received orders of 100
# lines, each billed by 10 invoices of 100 lines in exception for their price; then the controller saves the company's
# tolerance, which matches every waiting line again in its request — once changing nothing, once releasing them all.
# The saves are first run over a tenth as many orders (warm-up, printed apart) and the measured ones wait until the
# server's JIT compiler is idle after the set-up; COLD=1 measures a server running the path for the first time instead.
# Usage: [ENGINES="sqlite postgres"] [COLD=1] bench/batch-match.sh [orders=100] [lines=100] [invoicesPerOrder=10]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
PORT=5096
ARGS=("${1:-100}" "${2:-100}" "${3:-10}")

run_engine() { # name, settings...
  local name="$1"; shift
  serve_start "$PORT" "/tmp/tandem-bench-batch-match-$name.log" "$@"
  echo "== $name"
  local pid=(); [ "${COLD:-0}" = 1 ] || pid=(4 "$SERVER_PID")
  dotnet "$BENCH" batch-match "http://127.0.0.1:$PORT" "${ARGS[@]}" "${pid[@]}" || echo "(bench reported a failure)"
  serve_stop
}

for engine in ${ENGINES:-sqlite postgres}; do
  case "$engine" in
    sqlite)
      rm -rf /tmp/tandem-bench-batch-match-db && mkdir -p /tmp/tandem-bench-batch-match-db
      run_engine sqlite "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-batch-match-db/tandem.db" ;;
    postgres)
      PG="$(bash eng/postgres.sh)"
      psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_batch_match WITH (FORCE)" -qc "CREATE DATABASE tandem_batch_match" >/dev/null
      run_engine postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_batch_match" ;;
  esac
done
