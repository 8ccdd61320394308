#!/usr/bin/env bash
# Benchmark for issue "foundation": authenticated GET /api/v1/departments, 32 concurrent connections,
# on SQLite and on PostgreSQL. Starts a Release server per engine, runs bench/Tandem.Bench, prints the server's
# peak resident memory (VmHWM). Usage: bench/departments.sh [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-20}"
dotnet build src/Tandem.Web -c Release -nologo -v quiet
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
WEB=src/Tandem.Web/bin/Release/net10.0/tandem.dll
BENCH=bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll
PORT=5091

run_engine() { # name, extra settings...
  local name="$1"; shift
  (cd src/Tandem.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../../$WEB" --urls "http://127.0.0.1:$PORT" --Demo:Seed=if-empty \
      --Logging:LogLevel:Default=Warning "$@" > "/tmp/tandem-bench-$name.log" 2>&1) &
  local pid=""
  for _ in $(seq 1 60); do
    pid="$(pgrep -f "tandem.dll --urls http://127.0.0.1:$PORT" | head -1 || true)"
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "== $name (server pid $pid)"
  dotnet "$BENCH" "http://127.0.0.1:$PORT" /api/v1/departments 32 "$SECONDS_TO_RUN"
  echo "server peak RSS: $(grep VmHWM /proc/"$pid"/status | awk '{print $2/1024 " MiB"}')"
  kill "$pid"; wait 2>/dev/null || true
}

DATA="$(mktemp -d)"
run_engine sqlite --Database:Provider=sqlite "--ConnectionStrings:Tandem=Data Source=$DATA/bench.db"
PG="$(bash eng/postgres.sh)"
psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_bench WITH (FORCE)" -qc "CREATE DATABASE tandem_bench" >/dev/null
run_engine postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_bench"
rm -rf "$DATA"
