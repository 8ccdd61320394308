#!/usr/bin/env bash
# Benchmark for issue "requisitions and the approval engine": route evaluation throughput for a 200-rule policy,
# in-process on one thread (target: over 50,000 evaluations/s).
# Usage: bench/approvals.sh [seconds=10] [rules=200]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
dotnet bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll route-eval "${1:-10}" "${2:-200}"
