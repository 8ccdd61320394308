#!/usr/bin/env bash
# Benchmark for issue "performance": the full purchase-to-pay cycle through the HTTP API (request of 3 catalog lines →
# submit → approve → order → issue → receive → invoice (matched) → payment run → approve → confirm), driven by
# `Tandem.Bench cycle` (bench/Tandem.Cycle) against the Release app on Kestrel with the demo company, jobs off.
# For each engine: a fresh database, the app started once (migrate + demo data) and again to time start-up to the first
# answered request, then one client and N clients (PostgreSQL 8, SQLite 4) for $CYCLE_SECONDS each.
# With TWO=1 (PostgreSQL only) two instances share the database and the clients are spread over both.
# Usage: [ENGINES="postgres sqlite"] [CYCLE_SECONDS=30] [TWO=1] bench/cycle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
SECS="${CYCLE_SECONDS:-30}"

cycle_engine() { # engine, clients, settings...
  local engine="$1" clients="$2"; shift 2
  serve_start 5097 "/tmp/tandem-bench-cycle-$engine.log" "$@"   # migrates and seeds the demo company
  serve_stop >/dev/null
  serve_start 5097 "/tmp/tandem-bench-cycle-$engine.log" "$@"
  echo "== $engine: start-up to first answered request: $SERVER_STARTUP_MS ms"
  dotnet "$BENCH" cycle http://127.0.0.1:5097 --clients 1 --seconds "$SECS" --pids "$SERVER_PID" || echo "(bench reported a failure)"
  dotnet "$BENCH" cycle http://127.0.0.1:5097 --clients "$clients" --seconds "$SECS" --pids "$SERVER_PID" || echo "(bench reported a failure)"
  if [ "${TWO:-0}" = 1 ] && [ "$engine" = postgres ]; then
    local first="$SERVER_PID"
    serve_start 5098 "/tmp/tandem-bench-cycle-$engine-2.log" "$@"
    dotnet "$BENCH" cycle http://127.0.0.1:5097,http://127.0.0.1:5098 --clients "$clients" --seconds "$SECS" --pids "$first,$SERVER_PID" \
      || echo "(bench reported a failure)"
    serve_stop
    SERVER_PID="$first"
  fi
  serve_stop
}

for engine in ${ENGINES:-postgres sqlite}; do
  case "$engine" in
    sqlite)
      rm -rf /tmp/tandem-bench-cycle-db && mkdir -p /tmp/tandem-bench-cycle-db
      cycle_engine sqlite 4 "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-cycle-db/tandem.db" ;;
    postgres)
      pg="$(bash eng/postgres.sh)"
      psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_cycle WITH (FORCE)" -qc "CREATE DATABASE tandem_cycle" >/dev/null
      cycle_engine postgres 8 --Database:Provider=postgres "--ConnectionStrings:Tandem=$pg;Database=tandem_cycle" ;;
  esac
done
