#!/usr/bin/env bash
# Benchmark for issue "performance": the full purchase-to-pay cycle through the HTTP API (request of 3 catalog lines →
# submit → approve → order → issue → receive → invoice (matched) → payment run → approve → confirm), driven by
# `Tandem.Bench cycle` (bench/Tandem.Cycle) against the Release app on Kestrel with the demo company, jobs off.
# For each engine: a fresh database, the app started once (migrate + demo data) and again to time start-up to the first
# answered request, then (after warm-up load until the JIT is done, see warm_up) one client and N clients (PostgreSQL 8,
# SQLite 4) for $CYCLE_SECONDS each.
# With TWO=1 (PostgreSQL only) two instances share the database and the clients are spread over both.
# With SIZE=S|M|L the database first gets that much history (`seed --spend-history --size`: L is two years, 5,000
# vendors, 200,000 orders, about 1,000,000 invoice lines) and a catalog of 1,000 / 10,000 / 100,000 items with one
# offer each (through the import API), so the cycle runs against a grown company; `check` then verifies the loaded data.
# Usage: [ENGINES="postgres sqlite"] [CYCLE_SECONDS=30] [WARM_MAX=240] [TWO=1] [SIZE=L] bench/cycle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
SECS="${CYCLE_SECONDS:-30}"

# Warm-up, not reported: load in 15 s rounds until the JIT's background compiler (the ".NET Tiered Com" thread: tier 0
# → instrumented → optimized code for thousands of methods) used under 0.1 s of CPU in a round, at most $WARM_MAX s.
# On the 2-core machine it stays busy for about two minutes of load, and a cycle measured meanwhile competes with it
# for the cores (docs/performance.md).
warm_up() { # clients
  jit_ticks() { # user + system CPU of the thread, in 10 ms ticks (fields 14 and 15 of its stat, counted after the name)
    for t in /proc/"$SERVER_PID"/task/*; do
      if [ "$(cat "$t/comm" 2>/dev/null)" = ".NET Tiered Com" ]; then sed "s/.*) //" "$t/stat"; fi
    done | awk '{s += $12 + $13} END {print s + 0}'
  }
  local started=$SECONDS before used=0
  while :; do
    before="$(jit_ticks)"
    dotnet "$BENCH" cycle http://127.0.0.1:5097 --clients "$1" --seconds 15 > /dev/null || echo "(warm-up reported a failure)"
    used=$(( $(jit_ticks) - before ))
    if [ "$used" -lt 10 ] && [ "$used" -ge 0 ] || [ $((SECONDS - started)) -ge "${WARM_MAX:-240}" ]; then break; fi
  done
  echo "== warm-up: $((SECONDS - started)) s of load until the JIT's background compiler was idle (last round: ${used} ticks of 10 ms)"
}

cycle_engine() { # engine, clients, settings...
  local engine="$1" clients="$2"; shift 2
  serve_start 5097 "/tmp/tandem-bench-cycle-$engine.log" "$@"   # migrates and seeds the demo company
  if [ -n "${SIZE:-}" ]; then
    local items; items="$(case "$SIZE" in S) echo 1000 ;; M) echo 10000 ;; *) echo 100000 ;; esac)"
    dotnet "$BENCH" load-catalog http://127.0.0.1:5097 "$items" 1 | tail -2
  fi
  serve_stop >/dev/null
  if [ -n "${SIZE:-}" ]; then
    local started=$SECONDS
    (cd src/Tandem.Web && dotnet "../../$WEB" seed --spend-history --size "$SIZE" "$@" | grep -E "^(Seeded|Built)")
    echo "== $engine: size $SIZE seeded in $((SECONDS - started)) s"
    (cd src/Tandem.Web && dotnet "../../$WEB" check "$@" | tail -1)   # the app's own invariants over the loaded data
  fi
  serve_start 5097 "/tmp/tandem-bench-cycle-$engine.log" "$@"
  echo "== $engine: start-up to first answered request: $SERVER_STARTUP_MS ms"
  warm_up "$clients"
  dotnet "$BENCH" cycle http://127.0.0.1:5097 --clients 1 --seconds "$SECS" --pids "$SERVER_PID" || echo "(bench reported a failure)"
  dotnet "$BENCH" cycle http://127.0.0.1:5097 --clients "$clients" --seconds "$SECS" --pids "$SERVER_PID" || echo "(bench reported a failure)"
  serve_stop
  if [ "${TWO:-0}" = 1 ] && [ "$engine" = postgres ]; then two_instances "$clients" "$@"; fi
}

# Two instances on one PostgreSQL, scheduled jobs on in both (polling every second): the clients are spread over both,
# a sign-in on one must be valid on the other (checked by the driver), no document number may repeat, and no job may
# run twice for one lease (each run logs its lease; consecutive runs of a job must not overlap).
two_instances() { # clients, settings...
  local clients="$1"; shift
  local jobs=(--Jobs:Enabled=true --Jobs:PollSeconds=1 --Logging:LogLevel:Tandem.Web.Platform.Jobs.JobRunner=Information --Webhooks:IntervalSeconds=5)
  serve_start 5097 /tmp/tandem-bench-two-1.log "$@" "${jobs[@]}"; local first="$SERVER_PID"
  serve_start 5098 /tmp/tandem-bench-two-2.log "$@" "${jobs[@]}"; local second="$SERVER_PID"
  echo "== postgres, two instances (pids $first, $second)"
  dotnet "$BENCH" cycle http://127.0.0.1:5097,http://127.0.0.1:5098 --clients "$clients" --seconds "$((SECS * 2))" --pids "$first,$second" \
    || echo "(bench reported a failure)"
  kill "$first" "$second"; wait 2>/dev/null || true
  for table in requisitions purchase_orders receipts payment_runs; do
    psql "postgresql://postgres@127.0.0.1:55432/tandem_cycle" -tAc \
      "SELECT '$table: ' || count(*) || ' numbers, ' || (count(*) - count(DISTINCT number)) || ' repeated' FROM $table"
  done
  grep -h "Scheduled job" /tmp/tandem-bench-two-1.log /tmp/tandem-bench-two-2.log | awk '{print $3, $6, $8, $10}' | sort | awk '
    { runs++; by[$4]++; if ($1 == job && $2 < until) { overlaps++; print "   overlap: " $0 } job = $1; until = $3 }
    END { printf "scheduled jobs: %d runs (", runs; n = 0; for (h in by) printf "%sinstance %d: %d", (n++ ? ", " : ""), n, by[h]; printf "), %d overlapping\n", overlaps + 0 }'
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
