#!/usr/bin/env bash
# Runs every test: domain tests; HTTP tests on SQLite and on a real PostgreSQL started here on 127.0.0.1;
# browser tests in Chromium. Ends with "N passed, N failed, N skipped" summed over all runs.
set -uo pipefail
cd "$(dirname "$0")/.."
CONFIG="${CONFIG:-Release}"
LOGS="${TMPDIR:-/tmp}/tandem-test-logs"
mkdir -p "$LOGS"
passed=0; failed=0; skipped=0; broken=0

echo "== build ($CONFIG)"
if ! dotnet build Tandem.slnx -c "$CONFIG" -nologo -v quiet; then
  echo "build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi

run() { # name, project, env...
  local name="$1" project="$2"; shift 2
  echo "== $name"
  env "$@" dotnet test "$project" -c "$CONFIG" --no-build -nologo 2>&1 | tee "$LOGS/$name.log" | grep -E "^\s*(Failed|Skipped) |\[FAIL\]|Passed!|Failed!|error" || true
  local line
  line="$(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$LOGS/$name.log" | tail -1)"
  if [ -z "$line" ]; then
    echo "   $name: no test summary (crashed?) — counted as a failure"; broken=$((broken + 1)); return
  fi
  local f p s
  f="$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")"
  p="$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")"
  s="$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

run domain tests/Tandem.Domain.Tests/Tandem.Domain.Tests.csproj
run web-sqlite tests/Tandem.Web.Tests/Tandem.Web.Tests.csproj TANDEM_TEST_DB=sqlite

if PG="$(bash eng/postgres.sh)"; then
  run web-postgres tests/Tandem.Web.Tests/Tandem.Web.Tests.csproj TANDEM_TEST_DB=postgres "TANDEM_TEST_PG=$PG"
else
  echo "   could not start PostgreSQL — counted as a failure"; broken=$((broken + 1))
fi

run browser tests/Tandem.Browser.Tests/Tandem.Browser.Tests.csproj TANDEM_TEST_DB=sqlite

failed=$((failed + broken))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
