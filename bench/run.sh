#!/usr/bin/env bash
# The standard benchmark set (issue "performance"), about 9 minutes on a 2-core machine, ending with a summary table:
#   1. the full purchase-to-pay cycle (bench/cycle.sh, TWO=1, 20 s per measurement): PostgreSQL with 1 and 8 clients,
#      two instances on one PostgreSQL with 8 clients, SQLite with 1 and 4 clients — cycles/s, cycle p50/p95, SQL
#      statements per cycle, server CPU per cycle, peak RSS, start-up to first answered request, errors;
#   2. the BenchmarkDotNet micro-benchmarks of the pure rules (bench/micro.sh).
# Full logs: /tmp/tandem-run-cycle.txt and /tmp/tandem-run-micro.txt. Record the results in docs/performance.md.
# Usage: [CYCLE_SECONDS=20] [SIZE=L] bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
TWO=1 CYCLE_SECONDS="${CYCLE_SECONDS:-20}" WARM_MAX="${WARM_MAX:-90}" bash bench/cycle.sh | tee /tmp/tandem-run-cycle.txt
bash bench/micro.sh | tee /tmp/tandem-run-micro.txt

echo
echo "== Summary ($(date -u +%F), commit $(git rev-parse --short HEAD), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $((SECONDS - started)) s)"
awk '
  /^== postgres: start-up|^== sqlite: start-up/ { engine = $2; sub(":", "", engine); startup[engine] = $(NF - 1) }
  /^== postgres, two instances/ { engine = "postgres x2" }
  /^whole cycle/ { p50 = $3; p95 = $4 }
  / clients, .* cycles in / { clients = $1; split($0, a, ": "); split(a[2], b, " "); rate = b[1]; sql = b[3]; errors = $(NF - 1) }
  /^server [0-9]+: peak RSS/ { rss = $(NF - 1) > rss ? $(NF - 1) : rss }
  /^server CPU:/ { cpu = $(NF - 3); sub("\\(", "", cpu)
    rows[++n] = sprintf("| %-11s | %7s | %8s | %9s | %9s | %8s | %8s | %8s | %6s |", engine, clients, rate, p50, p95, sql, cpu, rss, errors); rss = 0 }
  END {
    print "| engine      | clients | cycles/s | p50 ms    | p95 ms    | SQL/cyc  | CPU ms   | RSS MiB  | errors |"
    for (i = 1; i <= n; i++) print rows[i]
    for (e in startup) printf "start-up to first answered request (%s): %s ms\n", e, startup[e]
  }' /tmp/tandem-run-cycle.txt
grep '^|' /tmp/tandem-run-micro.txt
