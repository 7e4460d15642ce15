#!/usr/bin/env bash
# The embedded default in one command: the workflow server with its workers in one process (in-memory broker,
# SQLite metadata, ./data as storage) on a week of sample data, the DAG run for every sample date, then the server
# keeps running for the API (and the UI) until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"
PORT="${ORCHESTRATED_PORT:-5080}"
SERVER="http://127.0.0.1:$PORT"

dotnet build src/Orchestrated.Cli -c Release -nologo -v q
dotnet build src/Orchestrated.Server -c Release -nologo -v q
orchestrated() { dotnet src/Orchestrated.Cli/bin/Release/net10.0/orchestrated.dll "$@"; }

# A week of raw events ending yesterday: the daily schedule's own run (for yesterday) finds its data.
yesterday=$(date -u -d 'yesterday' +%F)
first=$(date -u -d '7 days ago' +%F)
orchestrated sample --storage ./data --start "$first" --days 7

mkdir -p ./data/_metadata
dotnet src/Orchestrated.Server/bin/Release/net10.0/orchestrated-server.dll \
  --Urls "$SERVER" --Orchestrated:Storage "$PWD/data" \
  --Orchestrated:Database:ConnectionString "Data Source=$PWD/data/_metadata/orchestrated.db" \
  --Orchestrated:Scheduler:WorkflowsFolder "$PWD/workflows" >./data/_metadata/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
  curl -fsS "$SERVER/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "the server stopped; its log:"; tail -30 ./data/_metadata/server.log; exit 1; }
  sleep 0.2
done
echo "workflow server at $SERVER (log: ./data/_metadata/server.log)"

orchestrated dags --server "$SERVER"
# The schedule runs yesterday by itself; the days before are a backfill.
orchestrated backfill --server "$SERVER" --from "$first" --to "$(date -u -d '2 days ago' +%F)" --concurrency 2 --wait
busy() { for state in queued running; do [ "$(curl -fsS "$SERVER/api/dags/session_duration/runs?state=$state&limit=1")" != "[]" ] && return 0; done; return 1; }
while busy; do sleep 0.5; done
orchestrated runs --server "$SERVER" -n 10
echo
echo "Sessions:    ./data/silver/sessions/date=YYYY-MM-DD/part-00000.parquet"
echo "Daily stats: ./data/gold/session_daily_stats/date=YYYY-MM-DD/part-00000.parquet"
echo "Designer UI: $SERVER/"
echo "API:         $SERVER/api/dags   OpenAPI: $SERVER/openapi/v1.json"
echo "The server keeps running; Ctrl+C stops it."
wait $server
