#!/usr/bin/env bash
# Benchmark for issue "payments": propose, approve and write the bank files of a payment run over 50,000 open invoices
# across 5,000 vendors (target under 5 s on PostgreSQL); meanwhile a requester saves drafts, which must not wait for it.
# The volume data is written by the app's own CLI (seed --payables) into a fresh database, then the run is driven
# through the HTTP API.
# Usage: [ENGINES="postgres sqlite"] bench/payments.sh [invoices=50000] [vendors=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/serve.sh
volume_bench 5098 payments "${1:-50000}" "${2:-5000}" payment-run
