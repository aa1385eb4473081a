#!/usr/bin/env bash
# Dispatcher throughput: 100,000 emails due at once, sent to the log-only sender by the real dispatcher
# (claim in batches, check opt-outs, send, record each outcome with its history).
# Usage: bench/dispatch.sh [MESSAGES]   (default 100000)
# Needs: the .NET SDK and sqlite3 (apt-get install sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
data=$(mktemp -d /tmp/circles-dispatch-XXXXXX)
results=bench/results
mkdir -p "$results"
trap 'rm -rf "$data"' EXIT
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install -y sqlite3" >&2; exit 1; }

echo "Building Release…"
dotnet build Circles.Web -c Release -v quiet -nologo >/dev/null
dll=Circles.Web/bin/Release/net10.0/Circles.Web.dll
config=(--Circles:DataPath="$data" --Circles:PublicBaseUrl="http://127.0.0.1" --Serilog:MinimumLevel:Default=Warning
        --Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Warning --Messaging:BatchSize=500)
dotnet "$dll" migrate "${config[@]}" >/dev/null

echo "Writing $count due messages…"
sqlite3 "$data/circles.db" "
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
  INSERT INTO messages (dedupe_key, template, channel, recipient, subject, body, due_at, next_attempt_at, status, created_at, updated_at)
  SELECT 'bench:' || i, 'meeting-reminder', 'Email', 'person' || i || '@example.org', 'Reminder: the circle meets on Tuesday',
         'Hello, this is a reminder that the circle meets on Tuesday 2 June at 2:00pm, at the library. Eastfield Circles',
         '2026-01-01T09:00:00.0000000Z', '2026-01-01T09:00:00.0000000Z', 'pending', '2026-01-01T08:00:00.0000000Z', '2026-01-01T08:00:00.0000000Z'
  FROM n;"

echo "Dispatching…"
line=$(dotnet "$dll" dispatch "${config[@]}" | tail -n 1)
echo "$line"
sent=$(sqlite3 "$data/circles.db" "SELECT count(*) FROM messages WHERE status = 'sent'")
rate=$(echo "$line" | sed -n 's/.*(\([0-9]*\) messages per second).*/\1/p')
json="$results/dispatch-$(date -u +%Y%m%d%H%M%S).json"
printf '{"date":"%s","machine":"%s, %s cores","due":%s,"sent":%s,"messages_per_second":%s}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(uname -m)" "$(nproc)" "$count" "$sent" "${rate:-0}" > "$json"
echo "Sent $sent of $count; results in $json"
[ "$sent" -eq "$count" ]
