#!/usr/bin/env bash
# Latency of the pages a connector uses most, with 100,000 people and 10,000 circles.
# Usage: bench/people-and-circles.sh [REQUESTS]   (default 200 requests per page, sequential)
# Needs: the .NET SDK, sqlite3 and curl (apt-get install sqlite3 curl). Uses 127.0.0.1:5099 only.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-200}
port=5099
data=$(mktemp -d /tmp/circles-bench-XXXXXX)
results=bench/results
mkdir -p "$results"
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

for tool in sqlite3 curl; do
  command -v $tool >/dev/null || { echo "$tool is needed: apt-get install -y $tool" >&2; exit 1; }
done

echo "Building Release…"
dotnet build Circles.Web -c Release -v quiet -nologo >/dev/null
dll=Circles.Web/bin/Release/net10.0/Circles.Web.dll
config=(--Circles:DataPath="$data" --Circles:PublicBaseUrl="http://127.0.0.1:$port" --Hangfire:ServerEnabled=false
        --Security:RequireSecureCookies=false --Security:SignInPermitsPerIpPerMinute=100000 --Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Warning)

echo "Seeding 100,000 people and 10,000 circles…"
dotnet "$dll" migrate "${config[@]}" >/dev/null
password=$(dotnet "$dll" create-admin --email bench@example.org --name "Bench Connector" "${config[@]}" | sed -n 's/^Password: //p')
sqlite3 "$data/circles.db" < bench/seed-people-circles.sql
sqlite3 "$data/circles.db" "
  DELETE FROM user_roles WHERE user_id = 1; INSERT INTO user_roles (user_id, role) VALUES (1, 'Connector');
  INSERT INTO user_areas (user_id, area_id) SELECT 1, id FROM areas WHERE name = 'Bench area 1';
  UPDATE circles SET connector_user_id = 1 WHERE area_id = (SELECT id FROM areas WHERE name = 'Bench area 1');"
person=$(sqlite3 "$data/circles.db" "SELECT focus_person_id FROM circles WHERE connector_user_id = 1 LIMIT 1")

echo "Starting the site on 127.0.0.1:$port…"
ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" --urls "http://127.0.0.1:$port" "${config[@]}" >"$data/site.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

jar="$data/cookies"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/account/sign-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=bench@example.org" --data-urlencode "Password=$password" \
     --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/sign-in"

pages=("/" "/people" "/people?search=smith" "/people/$person" "/circles")
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
json="$results/people-and-circles-$(date -u +%Y%m%d%H%M%S).json"
printf '{"date":"%s","machine":"%s, %s cores","requests":%s,"pages":[' "$stamp" "$(uname -m)" "$(nproc)" "$requests" > "$json"
printf '\n%-28s %8s %8s %8s %8s\n' "page" "p50 ms" "p95 ms" "p99 ms" "errors"
first=1
for page in "${pages[@]}"; do
  for _ in $(seq 1 20); do curl -s -o /dev/null -b "$jar" "http://127.0.0.1:$port$page"; done
  errors=0
  : > "$data/times"
  for _ in $(seq 1 "$requests"); do
    out=$(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}' "http://127.0.0.1:$port$page")
    [ "${out%% *}" = "200" ] || errors=$((errors + 1))
    echo "${out#* }" >> "$data/times"
  done
  read -r p50 p95 p99 < <(sort -n "$data/times" | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f %.1f %.1f\n", t[int(NR*0.5)], t[int(NR*0.95)], t[int(NR*0.99)] }')
  printf '%-28s %8s %8s %8s %8s\n' "$page" "$p50" "$p95" "$p99" "$errors"
  [ $first = 1 ] || printf ',' >> "$json"
  first=0
  printf '{"page":"%s","p50_ms":%s,"p95_ms":%s,"p99_ms":%s,"errors":%s}' "$page" "$p50" "$p95" "$p99" "$errors" >> "$json"
done
printf ']}\n' >> "$json"
echo
echo "Results written to $json (sequential requests from curl on the same machine; includes curl's own overhead)."
