#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the pure domain rules (money and allocation, approval routing, budget decision,
# line matching, GL classifier): in-process short runs, allocations per operation. Reports land in
# $MICRO_OUT (default /tmp/tandem-micro); the tables are printed at the end.
# Usage: bench/micro.sh [BenchmarkDotNet options, e.g. --filter '*Routing*']
set -euo pipefail
cd "$(dirname "$0")/.."
out="${MICRO_OUT:-/tmp/tandem-micro}"
rm -rf "$out"
dotnet build bench/Tandem.MicroBench -c Release -nologo -v quiet
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--filter '*')
dotnet bench/Tandem.MicroBench/bin/Release/net10.0/Tandem.MicroBench.dll "${args[@]}" --artifacts "$out" > "$out.log"
cat "$out"/results/*-report-github.md | grep '^|' | sed 's/\*\*//g'
