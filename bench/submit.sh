#!/usr/bin/env bash
# Benchmark for issue "requisitions and the approval engine": end-to-end submit latency (create a draft, then submit:
# flags, conversion, policy evaluation, approval steps, notifications, outbox, webhook events, audit) under
# 32 concurrent requesters on PostgreSQL (target: p95 under 50 ms). Jobs run as in production.
# Usage: [THINK_MS=0] [WARM_SECONDS=0] bench/submit.sh [seconds=30] [requesters=32]
#   THINK_MS: each requester's pause between one submit and the next draft (0: a closed loop at saturation).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Tandem.Web -c Release -nologo -v quiet
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
WEB=src/Tandem.Web/bin/Release/net10.0/tandem.dll
PORT=5094
PG="$(bash eng/postgres.sh)"
psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_submit WITH (FORCE)" -qc "CREATE DATABASE tandem_submit" >/dev/null
(cd src/Tandem.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../../$WEB" --urls "http://127.0.0.1:$PORT" --Demo:Seed=if-empty \
    --Logging:LogLevel:Default=Warning --Database:Provider=postgres "--ConnectionStrings:Tandem=$PG;Database=tandem_submit" > /tmp/tandem-bench-submit.log 2>&1) &
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.5
done
pid="$(pgrep -f "tandem.dll --urls http://127.0.0.1:$PORT" | head -1)"
dotnet bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll submit-load "http://127.0.0.1:$PORT" "${2:-32}" "${1:-30}" \
  requester@demo.tandem.dev "${THINK_MS:-0}" "${WARM_SECONDS:-0}"
echo "server peak RSS: $(grep VmHWM /proc/"$pid"/status | awk '{print $2/1024 " MiB"}')"
kill "$pid"; wait 2>/dev/null || true
