#!/usr/bin/env bash
# The embedded default in one command: writes the sample raw data to ./data and runs the whole pipeline over it.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Orchestrated.Cli -c Release -nologo -v q
orchestrated() { dotnet src/Orchestrated.Cli/bin/Release/net10.0/orchestrated.dll "$@"; }
orchestrated sample --storage ./data --start 2026-03-02 --days 7
orchestrated run --storage ./data --date 2026-03-02 --to 2026-03-08
echo
echo "Sessions:    ./data/silver/sessions/date=YYYY-MM-DD/part-00000.parquet"
echo "Daily stats: ./data/gold/session_daily_stats/date=YYYY-MM-DD/part-00000.parquet"
