#!/usr/bin/env bash
# Stops what deploy/local/start.sh started: workers and server first (SIGTERM: running tries are handed back),
# then RabbitMQ, PostgreSQL and the S3 server.
set -uo pipefail
cd "$(dirname "$0")/../.."
SERVICES="${ORCHESTRATED_LOCAL_DIR:-$PWD/.local-topology}"
[ -f "$SERVICES/stop-commands" ] || { echo "not running"; exit 0; }
[ -f "$SERVICES/stop-first" ] && bash "$SERVICES/stop-first" 2>/dev/null
sleep 3
bash "$SERVICES/stop-commands" >/dev/null 2>&1
rm -f "$SERVICES/stop-commands" "$SERVICES/stop-first" "$SERVICES/workers" "$SERVICES/stream-workers" "$SERVICES/env"
echo "stopped"
