#!/usr/bin/env bash
# The distributed topology as local processes on loopback: RabbitMQ (Debian's package), an S3-compatible server
# (s3rver), PostgreSQL (the machine's), the workflow server, one worker per step and two stream workers (the server
# binary with its scheduler off, sessionizing the event stream's partitions they hold leases for). Stop it with
# deploy/local/stop.sh.
#   deploy/local/start.sh            # prints the addresses; state in .local-topology/
#   WORKERS_PER_STEP=2 deploy/local/start.sh   # scaled out: two worker processes per step
#   STREAM_WORKERS=1 deploy/local/start.sh     # one stream worker (0: none; the server then sessionizes no stream)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
SERVICES="${ORCHESTRATED_LOCAL_DIR:-$ROOT/.local-topology}"
WORKERS_PER_STEP="${WORKERS_PER_STEP:-1}"
STREAM_WORKERS="${STREAM_WORKERS:-2}"
if [ -f "$SERVICES/stop-commands" ]; then echo "already running (deploy/local/stop.sh first)"; exit 1; fi
mkdir -p "$SERVICES"
. tests/services/services.sh
trap - EXIT   # the services outlive this script; stop.sh stops them

save_stop_commands() {
  printf '%s\n' "${STOP[@]}" >"$SERVICES/stop-commands"
  for pid in "${PIDS[@]}"; do echo "kill $pid" >>"$SERVICES/stop-commands"; done
}
trap save_stop_commands EXIT   # whatever started, stop.sh can stop, even if this script fails half-way
start_s3
start_postgres
start_rabbitmq
save_stop_commands
CONFIGURATION="${ORCHESTRATED_CONFIGURATION:-Release}"
if [ "${ORCHESTRATED_SKIP_BUILD:-}" != "1" ]; then
  dotnet build src/Orchestrated.Server -c "$CONFIGURATION" -nologo -v q
  dotnet build src/Orchestrated.Worker -c "$CONFIGURATION" -nologo -v q
fi

PG_PORT=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$ORCHESTRATED_TEST_POSTGRES")
export Orchestrated__Storage="s3://$ORCHESTRATED_TEST_S3_BUCKET/lake"
export Orchestrated__S3__ServiceUrl="$ORCHESTRATED_TEST_S3_ENDPOINT" Orchestrated__S3__AccessKey=S3RVER Orchestrated__S3__SecretKey=S3RVER
export Orchestrated__Broker__Transport=RabbitMq Orchestrated__Broker__Host=127.0.0.1 Orchestrated__Broker__Port="${ORCHESTRATED_TEST_RABBITMQ#*:}"
export Orchestrated__StudentHashKey="${ORCHESTRATED_STUDENT_HASH_KEY:-local-topology-key-not-for-production}"

API_PORT=$(free_port)
# People sign in as admin; machines (the CLI) use an operator API key. Both are made up here unless given.
ADMIN_PASSWORD="${ORCHESTRATED_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
API_KEY="${ORCHESTRATED_API_KEY:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"
export Orchestrated__Auth__AdminUser=admin Orchestrated__Auth__AdminPassword="$ADMIN_PASSWORD"
export Orchestrated__Auth__ApiKeys__0__Name=cli Orchestrated__Auth__ApiKeys__0__Key="$API_KEY" Orchestrated__Auth__ApiKeys__0__Role=Operator
export Orchestrated__Database__Provider=Postgres
export Orchestrated__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
# The server collects events and runs the DAGs; the stream workers sessionize the stream.
Orchestrated__Stream__HostSessionizer=false \
  dotnet src/Orchestrated.Server/bin/$CONFIGURATION/net10.0/orchestrated-server.dll --Urls "http://127.0.0.1:$API_PORT" \
  --Orchestrated:Scheduler:WorkflowsFolder "$ROOT/workflows" >"$SERVICES/server.log" 2>&1 &
echo "kill -TERM $! ; sleep 2" >>"$SERVICES/stop-first"
for step in ingest clean sessionize aggregate; do
  steps="$step"
  [ "$step" = aggregate ] && steps="aggregate,reconcile"   # the reconciliation is small: the aggregate workers take it
  for n in $(seq 1 "$WORKERS_PER_STEP"); do
    port=$(free_port)
    dotnet src/Orchestrated.Worker/bin/$CONFIGURATION/net10.0/orchestrated-worker.dll --steps "$steps" --name "worker-$step-$n" \
      --Urls "http://127.0.0.1:$port" >"$SERVICES/worker-$step-$n.log" 2>&1 &
    echo "kill -TERM $!" >>"$SERVICES/stop-first"
    echo "worker-$step-$n $! http://127.0.0.1:$port/health/ready" >>"$SERVICES/workers"
  done
done

for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
# The stream workers once the server has migrated the database and saved the DAGs: they start on a ready schema.
for n in $(seq 1 "$STREAM_WORKERS"); do
  port=$(free_port)
  Orchestrated__Scheduler__Enabled=false \
    dotnet src/Orchestrated.Server/bin/$CONFIGURATION/net10.0/orchestrated-server.dll --Urls "http://127.0.0.1:$port" \
    --Orchestrated:Scheduler:WorkflowsFolder "$ROOT/workflows" >"$SERVICES/stream-worker-$n.log" 2>&1 &
  echo "kill -TERM $!" >>"$SERVICES/stop-first"
  echo "stream-worker-$n $! http://127.0.0.1:$port/health/ready" >>"$SERVICES/stream-workers"
done
while read -r name pid url; do
  for _ in $(seq 1 150); do curl -fsS "${url%/ready}/live" >/dev/null 2>&1 && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null || { echo "$name exited at start; its log:"; tail -40 "$SERVICES/$name.log"; exit 1; }
done <"$SERVICES/stream-workers"

cat >"$SERVICES/env" <<ENV
export ORCHESTRATED_SERVER=http://127.0.0.1:$API_PORT ORCHESTRATED_API_KEY=$API_KEY
export Orchestrated__Storage=$Orchestrated__Storage Orchestrated__S3__ServiceUrl=$Orchestrated__S3__ServiceUrl Orchestrated__S3__AccessKey=S3RVER Orchestrated__S3__SecretKey=S3RVER
export Orchestrated__StudentHashKey=$Orchestrated__StudentHashKey
ENV
echo
echo "server:   http://127.0.0.1:$API_PORT/ (UI, /api, /health/ready; log .local-topology/server.log)"
echo "sign in:  admin / $ADMIN_PASSWORD   (CLI: ORCHESTRATED_API_KEY in .local-topology/env)"
echo "workers:  $(cut -d' ' -f3 "$SERVICES/workers" | tr '\n' ' ')"
[ -f "$SERVICES/stream-workers" ] && echo "stream:   $(cut -d' ' -f3 "$SERVICES/stream-workers" | tr '\n' ' ')(POST events to the server's /api/events)"
echo "storage:  $Orchestrated__Storage at $Orchestrated__S3__ServiceUrl"
echo "use:      . $SERVICES/env && orchestrated sample --storage \$Orchestrated__Storage --s3-endpoint \$Orchestrated__S3__ServiceUrl && orchestrated backfill --from … --to … --wait"
echo "stop:     deploy/local/stop.sh"
