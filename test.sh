#!/usr/bin/env bash
# The test command: installs and starts what the tests need, runs every test, prints "N passed, N failed".
# .ci/run calls exactly this, so a new user and CI run the same thing.
#   ./test.sh --fast   the unit tier alone (no service started, in about a minute); other arguments go to dotnet test,
#   such as --filter Probe=hostile (the probe suite of issue 14: hostile input, faults and access).
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
SERVICES="$ROOT/.test-services"
RESULTS="$ROOT/artifacts/test-results"
mkdir -p "$SERVICES" "$RESULTS"
rm -f "$RESULTS"/*.trx
rm -rf "$ROOT/artifacts/screenshots"

# Sums the .trx files of the run: "N passed, N failed"; fails when nothing ran or a test did not run.
report_and_exit() {
  local status=$1 passed=0 failed=0 total=0 not_run counters p f t trx
  for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
  done
  not_run=$((total - passed - failed))
  echo
  echo "$passed passed, $failed failed"
  if [ "$total" -eq 0 ]; then echo "no test ran"; exit 1; fi
  if [ "$not_run" -gt 0 ]; then echo "$not_run tests did not run (skipped or not executed)"; exit 1; fi
  exit $status
}

. tests/services/services.sh

if [ "${1:-}" = "--fast" ]; then
  shift
  log "building and running the unit tier (Orchestrated.Unit.slnf, Tier=unit)"
  set +e
  dotnet test Orchestrated.Unit.slnf -nologo -v q --filter "Tier=unit" --logger "trx" --results-directory "$RESULTS" "$@"
  status=$?
  set -e
  report_and_exit $status
fi

start_s3
start_postgres
start_rabbitmq
# A second broker for the tests that stop and start theirs: the others, running at the same time, keep a broker that stays up.
start_rabbitmq rabbit-restartable ORCHESTRATED_TEST_RESTARTABLE_RABBITMQ
need_chromium
need_openapi_linter

log "building"
dotnet build Orchestrated.sln -nologo -v q

log "running the tests"
set +e
# A test that hangs is killed after 10 minutes and fails, so a stalled probe can never hold CI for its whole budget.
dotnet test Orchestrated.sln --no-build -nologo --blame-hang-timeout 10m --blame-hang-dump-type none \
  --logger "trx" --results-directory "$RESULTS" "$@"
status=$?
set -e

report_and_exit $status
