#!/usr/bin/env bash
# The embedded default in one command: the workflow server with its workers in one process (in-memory broker,
# SQLite metadata, ./data as storage) on sample data (a study week after eight weeks of history), the DAG run for
# every date of the week, the engagement models trained and the students scored, then the server keeps running for
# the API (and the UI) until Ctrl+C. It checks what it promises: every partition of the study week final, and equal
# byte for byte to the CLI's `run` over the same raw files.
set -euo pipefail
cd "$(dirname "$0")"
PORT="${ORCHESTRATED_PORT:-5080}"
SERVER="http://127.0.0.1:$PORT"

dotnet build src/Orchestrated.Cli -c Release -nologo -v q
dotnet build src/Orchestrated.Server -c Release -nologo -v q
orchestrated() { dotnet src/Orchestrated.Cli/bin/Release/net10.0/orchestrated.dll "$@"; }

# Nine weeks of students with an engagement story (steady, fading out, cramming, coming back) ending three days ago,
# then the two arrival days after it, which hold only what arrives late (the last sessions after midnight, uploads a
# day late, re-sent duplicates). The first eight weeks are history, run in batch by the CLI (through the week's first
# arrival, so the history has every late event); the last week, the study week, is what the DAG runs: the schedule's
# own run (yesterday) finds its data, the days before are a backfill.
history=$(date -u -d '65 days ago' +%F)
first=$(date -u -d '9 days ago' +%F)
last_study=$(date -u -d '3 days ago' +%F)
yesterday=$(date -u -d 'yesterday' +%F)
orchestrated sample --storage ./data --start "$history" --days 63 --tail-days 2 --story
orchestrated run --storage ./data --date "$history" --to "$first" >/dev/null

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
orchestrated backfill --server "$SERVER" --from "$first" --to "$(date -u -d '2 days ago' +%F)" --concurrency 2 --wait
# Runs of neighbouring dates wait for each other's partitions; dates a later arrival made stale re-run by themselves.
orchestrated partitions --server "$SERVER" --from "$first" --to "$yesterday" --wait
orchestrated runs --server "$SERVER" -n 12

# What the DAG produced, against the CLI's run over a copy of the same raw files.
reference=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$reference"' EXIT INT TERM
cp -r ./data/raw "$reference/raw"
orchestrated run --storage "$reference" --date "$history" --to "$yesterday" >/dev/null
same=0; differ=0
for day in $(seq 0 8); do
  d=$(date -u -d "$first + $day days" +%F)
  for zone in bronze/events quarantine/events silver/events silver/sessions gold/session_daily_stats; do
    if cmp -s "./data/$zone/date=$d/part-00000.parquet" "$reference/$zone/date=$d/part-00000.parquet"; then same=$((same + 1)); else differ=$((differ + 1)); echo "differs: $zone/date=$d"; fi
  done
done
echo
provisional=()
for d in "$(date -u -d '2 days ago' +%F)" "$yesterday"; do
  orchestrated partitions --server "$SERVER" --from "$d" --require-final >/dev/null || provisional+=("$d")
done
if orchestrated partitions --server "$SERVER" --from "$first" --to "$last_study" --require-final >/dev/null && [ "$differ" -eq 0 ]; then
  echo "The study week $first … $last_study: every partition final, and all $same partitions of $first … $yesterday equal byte for byte"
  echo "to \`orchestrated run\` over the same raw files."
  if [ ${#provisional[@]} -gt 0 ]; then
    echo "Still provisional: ${provisional[*]} — waiting for arrivals yet to come (today's, tomorrow's), which may hold their late events."
  fi
else
  echo "NOT EXACT: $differ partitions differ from \`orchestrated run\`, or a partition of the study week is not final (see above)."
  exit 1
fi

# The engagement models (their DAGs ship paused: a school turns them on): a dropout model trained as of the study
# week's last day, judged against the "days since last session" baseline, then every student and session scored each
# day of the last five weeks (a score a week old gives the trend; four weeks of courses the at-risk page's filter).
orchestrated backfill --server "$SERVER" --dag engagement_models --from "$last_study" --to "$last_study" --wait >/dev/null
orchestrated backfill --server "$SERVER" --dag engagement_scores --from "$(date -u -d '35 days ago' +%F)" --to "$last_study" --concurrency 2 \
  --wait >/dev/null
orchestrated models --storage ./data
echo
echo "Sessions:    ./data/silver/sessions/date=YYYY-MM-DD/part-00000.parquet"
echo "Daily stats: ./data/gold/session_daily_stats/date=YYYY-MM-DD/part-00000.parquet"
echo "Designer UI: $SERVER/   Students at risk: $SERVER/#/risk   Dropout model: $SERVER/#/models"
echo "API:         $SERVER/api/dags   OpenAPI: $SERVER/openapi/v1.json"
echo "Live:        POST events (NDJSON) to $SERVER/api/events; closed sessions appear in ./data/silver/sessions_live/"
echo "The server keeps running; Ctrl+C stops it."
wait $server
