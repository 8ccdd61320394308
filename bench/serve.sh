# Sourced by the benchmark scripts: builds the app and the driver in Release, and starts/stops the app on a port.
# serve_start <port> <log> [settings...]  starts the app (demo data if empty, jobs off) and waits until /health answers;
#                                         sets SERVER_PID.
# serve_stop                              prints the server's peak resident memory and stops it.
dotnet build src/Tandem.Web -c Release -nologo -v quiet
dotnet build bench/Tandem.Bench -c Release -nologo -v quiet
WEB=src/Tandem.Web/bin/Release/net10.0/tandem.dll
BENCH=bench/Tandem.Bench/bin/Release/net10.0/Tandem.Bench.dll

serve_start() {
  local port="$1" log="$2"; shift 2
  (cd src/Tandem.Web && ASPNETCORE_ENVIRONMENT=Production dotnet "../../$WEB" --urls "http://127.0.0.1:$port" --Demo:Seed=if-empty \
      --Logging:LogLevel:Default=Warning --Jobs:Enabled=false "$@" > "$log" 2>&1) &
  SERVER_PID=""
  for _ in $(seq 1 120); do
    SERVER_PID="$(pgrep -f "tandem.dll --urls http://127.0.0.1:$port" | head -1 || true)"
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
}

serve_stop() {
  echo "server peak RSS: $(grep VmHWM /proc/"$SERVER_PID"/status | awk '{print $2/1024 " MiB"}')"
  kill "$SERVER_PID"; wait 2>/dev/null || true
}
