#!/usr/bin/env bash
# Benchmark for issue "spend analytics and shared KPIs": two years of history (200,000 orders over 5,000 vendors,
# about 1,000,000 invoice lines, their spend facts) written by the app's own CLI (seed --spend-history) into a fresh
# database; the seed also prints what keeping the spend facts current costs per invoice. Then spend by department ×
# month for a year (targets: p95 < 200 ms on PostgreSQL, < 1 s on SQLite), the KPI page (< 500 ms) and the rest of the
# analytics are asked through HTTP.
# Usage: [ENGINES="postgres sqlite"] bench/analytics.sh [orders=200000] [vendors=5000] [iterations=20]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
export BENCH_ARGS="${3:-20}"
SEED_ARGS="--spend-history --orders ${1:-200000} --vendors ${2:-5000}" seeded_bench 5099 analytics "analytics"
