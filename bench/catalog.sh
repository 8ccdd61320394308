#!/usr/bin/env bash
# Benchmark for issue "vendors and the curated catalog", on SQLite and on PostgreSQL:
#  1. import rate: 100,000 items, then 300,000 offers in three 100,000-row CSV files, through the import API;
#  2. the catalog curated for everyone (rows inserted directly, then 'tandem reindex');
#  3. catalog search p95 as the demo requester (curated visibility applies) with all items curated for everyone,
#     two-word prefix queries taken in turn, by one user (1 connection) and under load (8 connections).
# Usage: [ENGINES="sqlite postgres"] bench/catalog.sh [seconds=20] [items=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-20}"
ITEMS="${2:-100000}"
dotnet build src/Tandem.Web -c Release -nologo -v quiet
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
WEB=src/Tandem.Web/bin/Release/net10.0/tandem.dll
BENCH=bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll
PORT=5092
QUERIES="/api/v1/catalog/search?q=steel%20bol|/api/v1/catalog/search?q=blue%20pen|/api/v1/catalog/search?q=heavy%20duty|/api/v1/catalog/search?q=copper%20cab|/api/v1/catalog/search?q=rubber%20mat|/api/v1/catalog/search?q=nylon%20glo|/api/v1/catalog/search?q=wireless%20adap|/api/v1/catalog/search?q=paper%20fold"

run_engine() { # name, curate-command, extra settings...
  local name="$1"; local curate="$2"; shift 2
  (cd src/Tandem.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../../$WEB" --urls "http://127.0.0.1:$PORT" --Demo:Seed=if-empty \
      --Logging:LogLevel:Default=Warning --Jobs:Enabled=false "$@" > "/tmp/tandem-bench-$name.log" 2>&1) &
  local pid=""
  for _ in $(seq 1 120); do
    pid="$(pgrep -f "tandem.dll --urls http://127.0.0.1:$PORT" | head -1 || true)"
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "== $name (server pid $pid)"
  dotnet "$BENCH" load-catalog "http://127.0.0.1:$PORT" "$ITEMS" 3
  eval "$curate"
  # Curation went straight to the table: re-tag the index as SaveCatalog would (and time the rebuild).
  local t0; t0=$(date +%s.%N)
  (cd src/Tandem.Web && dotnet "../../$WEB" reindex "$@" --Logging:LogLevel:Default=Warning)
  echo "reindex: $(echo "$(date +%s.%N) - $t0" | bc) s"
  for connections in 1 8; do
    dotnet "$BENCH" "http://127.0.0.1:$PORT" "$QUERIES" "$connections" "$SECONDS_TO_RUN" requester@demo.tandem.dev
  done
  echo "server peak RSS: $(grep VmHWM /proc/"$pid"/status | awk '{print $2/1024 " MiB"}')"
  kill "$pid"; wait 2>/dev/null || true
}

CURATE_SQL="INSERT INTO catalog_items (catalog_id, item_id) SELECT c.id, i.id FROM catalogs c CROSS JOIN items i WHERE c.code = 'ESSENTIALS' AND i.sku LIKE 'BN-%'"
ENGINES="${ENGINES:-sqlite postgres}"
DATA="$(mktemp -d)"
[[ " $ENGINES " == *" sqlite "* ]] && run_engine sqlite "python3 -c \"import sqlite3; c = sqlite3.connect('$DATA/bench.db'); c.execute(\\\"$CURATE_SQL\\\"); c.commit()\"" \
  --Database:Provider=sqlite "--ConnectionStrings:Tandem=Data Source=$DATA/bench.db"
if [[ " $ENGINES " == *" postgres "* ]]; then
  PG="$(bash eng/postgres.sh)"
  psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_bench WITH (FORCE)" -qc "CREATE DATABASE tandem_bench" >/dev/null
  run_engine postgres "psql postgresql://postgres@127.0.0.1:55432/tandem_bench -qc \"$CURATE_SQL\" -qc 'ANALYZE'" \
  --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_bench"
fi
rm -rf "$DATA"
