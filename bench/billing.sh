#!/usr/bin/env bash
# Benchmark for issue "payments": build a month's consolidated bill of about 20,000 invoices (target under 5 s). The
# volume data (40,000 invoices over the last 60 days, so about 20,000 in last month) is written by the app's own CLI
# (seed --payables) into a fresh database; the bill is built, rebuilt and downloaded through the HTTP API.
# Usage: [ENGINES="postgres sqlite"] bench/billing.sh [invoices=40000] [vendors=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
volume_bench 5099 billing "${1:-40000}" "${2:-5000}" billing
