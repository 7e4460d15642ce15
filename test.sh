#!/usr/bin/env bash
# The test command: installs and starts what the tests need, runs every test, prints "N passed, N failed".
# .ci/run calls exactly this, so a new user and CI run the same thing.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
SERVICES="$ROOT/.test-services"
RESULTS="$ROOT/artifacts/test-results"
mkdir -p "$SERVICES" "$RESULTS"
rm -f "$RESULTS"/*.trx

log() { printf '\n== %s\n' "$*"; }
PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

need_debian_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 from Debian's packages"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$2" >/dev/null
}

wait_for_port() { # port name pid
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited before it listened on port $1"; return 1; }
    sleep 0.2
  done
  echo "$2 did not listen on port $1 in 20 s"; return 1
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

start_s3() {
  need_debian_package node nodejs
  need_debian_package npm npm
  log "starting an S3-compatible server (@20minutes/s3rver) on loopback"
  (cd tests/services/s3 && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  local port; port=$(free_port)
  rm -rf "$SERVICES/s3-data"
  node tests/services/s3/server.js "$port" "$SERVICES/s3-data" orchestrated-test >"$SERVICES/s3.log" 2>&1 &
  PIDS+=($!)
  wait_for_port "$port" "the S3 server" "$!"
  export ORCHESTRATED_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
  export ORCHESTRATED_TEST_S3_BUCKET=orchestrated-test
  echo "S3 API at $ORCHESTRATED_TEST_S3_ENDPOINT"
}

start_s3

log "building"
dotnet build Orchestrated.sln -nologo -v q

log "running the tests"
set +e
dotnet test Orchestrated.sln --no-build -nologo --logger "trx" --results-directory "$RESULTS" "$@"
status=$?
set -e

passed=0; failed=0; total=0
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
