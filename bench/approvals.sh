#!/usr/bin/env bash
# Benchmark for issue "requisitions and the approval engine": route evaluation throughput for a 200-rule policy,
# in-process on one thread (target: over 50,000 evaluations/s). Runs the routing micro-benchmark
# (bench/Tandem.MicroBench/RoutingBenchmarks.cs) and turns its mean time per route into evaluations per second.
# Usage: bench/approvals.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MICRO_OUT=/tmp/tandem-micro-routing bash bench/micro.sh --filter '*Routing*'
# The report's rows read "| RouteOneRequest | 200 | 17.388 μs | ..."; print 1 s / mean per rule count.
sed 's/\*\*//g' /tmp/tandem-micro-routing/results/*Routing*-report-github.md | awk -F'|' '$2 ~ /RouteOneRequest/ {
  split($4, m, " "); gsub(",", "", m[1]); f = (m[2] == "ns") ? 1e-9 : (m[2] == "ms") ? 1e-3 : (m[2] == "s") ? 1 : 1e-6
  printf "%d rules: %d evaluations/s (one thread)\n", $3, 1 / (m[1] * f) }'
