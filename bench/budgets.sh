#!/usr/bin/env bash
# Benchmark for issue "budgets and spend controls", on SQLite and on PostgreSQL: the budget check of a 50-line
# requisition against 10,000 budget lines (target: p95 under 10 ms, a constant number of queries — proven by
# BudgetQueryCountTests), and 50 concurrent approvals against one block-mode budget (throughput, never overspent).
# Usage: [ENGINES="sqlite postgres"] bench/budgets.sh [budgetLines=10000] [iterations=500]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Tandem.Web -c Release -nologo -v quiet
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
WEB=src/Tandem.Web/bin/Release/net10.0/tandem.dll
BENCH=bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll
PORT=5095
BUDGET_LINES="${1:-10000}"
ITERATIONS="${2:-500}"

run_engine() { # name, settings...
  local name="$1"; shift
  (cd src/Tandem.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../../$WEB" --urls "http://127.0.0.1:$PORT" --Demo:Seed=if-empty \
      --Logging:LogLevel:Default=Warning --Jobs:Enabled=false "$@" > "/tmp/tandem-bench-budgets-$name.log" 2>&1) &
  local pid=""
  for _ in $(seq 1 120); do
    pid="$(pgrep -f "tandem.dll --urls http://127.0.0.1:$PORT" | head -1 || true)"
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "== $name"
  dotnet "$BENCH" budget-check "http://127.0.0.1:$PORT" "$BUDGET_LINES" "$ITERATIONS" || echo "(bench reported a failure)"
  echo "server peak RSS: $(grep VmHWM /proc/"$pid"/status | awk '{print $2/1024 " MiB"}')"
  kill "$pid"; wait 2>/dev/null || true
}

for engine in ${ENGINES:-sqlite postgres}; do
  case "$engine" in
    sqlite)
      rm -rf /tmp/tandem-bench-budgets-db && mkdir -p /tmp/tandem-bench-budgets-db
      run_engine sqlite "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-budgets-db/tandem.db" ;;
    postgres)
      PG="$(bash eng/postgres.sh)"
      psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_budgets WITH (FORCE)" -qc "CREATE DATABASE tandem_budgets" >/dev/null
      run_engine postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_budgets" ;;
  esac
done
