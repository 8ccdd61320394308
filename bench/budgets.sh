#!/usr/bin/env bash
# Benchmark for issue "budgets and spend controls", on SQLite and on PostgreSQL: the budget check of a 50-line
# requisition against 10,000 budget lines (target: p95 under 10 ms, a constant number of queries — proven by
# BudgetQueryCountTests), and 50 concurrent approvals against one block-mode budget (throughput, never overspent).
# Usage: [ENGINES="sqlite postgres"] bench/budgets.sh [budgetLines=10000] [iterations=500]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
PORT=5095
BUDGET_LINES="${1:-10000}"
ITERATIONS="${2:-500}"

run_engine() { # name, settings...
  local name="$1"; shift
  serve_start "$PORT" "/tmp/tandem-bench-budgets-$name.log" "$@"
  echo "== $name"
  dotnet "$BENCH" budget-check "http://127.0.0.1:$PORT" "$BUDGET_LINES" "$ITERATIONS" || echo "(bench reported a failure)"
  serve_stop
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
