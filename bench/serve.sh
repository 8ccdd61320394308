# Sourced by the benchmark scripts: builds the app and the driver in Release, and starts/stops the app on a port.
# serve_start <port> <log> [settings...]  starts the app (demo data if empty, jobs off) and waits until /health answers;
#                                         sets SERVER_PID and SERVER_STARTUP_MS (launch to first answered request).
# serve_stop                              prints the server's peak resident memory and stops it.
# volume_bench <port> <name> <invoices> <vendors> <driver verb>  (seed --payables; see seeded_bench for others)
#                                         for each engine in $ENGINES (postgres sqlite): a fresh database, the demo
#                                         company and `seed --payables`, the app started, the driver run against it.
dotnet build src/Tandem.Web -c Release -nologo -v quiet
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
WEB=src/Tandem.Web/bin/Release/net10.0/tandem.dll
BENCH=bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll

serve_start() {
  local port="$1" log="$2"; shift 2
  (cd src/Tandem.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../../$WEB" --urls "http://127.0.0.1:$port" --Demo:Seed=if-empty \
      --Logging:LogLevel:Default=Warning --Jobs:Enabled=false "$@" > "$log" 2>&1) &
  SERVER_PID=""
  local started; started="$(date +%s%N)"
  for _ in $(seq 1 1200); do
    [ -z "$SERVER_PID" ] && SERVER_PID="$(pgrep -f "tandem.dll --urls http://127.0.0.1:$port" | head -1 || true)"
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.05
  done
  SERVER_STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}

serve_stop() {
  echo "server peak RSS: $(grep VmHWM /proc/"$SERVER_PID"/status | awk '{print $2/1024 " MiB"}')"
  kill "$SERVER_PID"; wait 2>/dev/null || true
}

volume_bench() {
  local port="$1" name="$2" invoices="$3" vendors="$4" verb="$5"
  SEED_ARGS="--payables $invoices --vendors $vendors" seeded_bench "$port" "$name" "$verb"
}

# seeded_bench <port> <name> <driver verb>: like volume_bench, seeding with $SEED_ARGS (e.g. "--spend-history --orders 200000").
seeded_bench() {
  local port="$1" name="$2" verb="$3"
  run_volume() { # engine, settings...
    local engine="$1"; shift
    (cd src/Tandem.Web && dotnet "../../$WEB" seed --demo "$@" >/dev/null)
    local started=$SECONDS
    # shellcheck disable=SC2086
    (cd src/Tandem.Web && dotnet "../../$WEB" seed $SEED_ARGS "$@")
    echo "seeded in $((SECONDS - started)) s"
    serve_start "$port" "/tmp/tandem-bench-$name-$engine.log" "$@"
    echo "== $engine"
    # shellcheck disable=SC2086
    dotnet "$BENCH" "$verb" "http://127.0.0.1:$port" ${BENCH_ARGS:-} || echo "(bench reported a failure)"
    serve_stop
  }
  for engine in ${ENGINES:-postgres sqlite}; do
    case "$engine" in
      sqlite)
        rm -rf "/tmp/tandem-bench-$name-db" && mkdir -p "/tmp/tandem-bench-$name-db"
        run_volume sqlite "--ConnectionStrings:Tandem=Data Source=/tmp/tandem-bench-$name-db/tandem.db" ;;
      postgres)
        local pg; pg="$(bash eng/postgres.sh)"
        psql "postgresql://postgres@127.0.0.1:55432/postgres" -qc "DROP DATABASE IF EXISTS tandem_$name WITH (FORCE)" -qc "CREATE DATABASE tandem_$name" >/dev/null
        run_volume postgres --Database:Provider=postgres "--ConnectionStrings:Tandem=$pg;Database=tandem_$name" ;;
    esac
  done
}
