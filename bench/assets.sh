#!/usr/bin/env bash
# Latency of community asset search and the Open Referral UK API with 20,000 assets, and the time to import a
# 20,000-line CSV file. Usage: bench/assets.sh [REQUESTS]   (default 100 requests per page, sequential)
# Needs: the .NET SDK, sqlite3 and curl (apt-get install sqlite3 curl). Uses 127.0.0.1:5098 only.
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-100}
port=5098
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
        --Security:RequireSecureCookies=false --Security:SignInPermitsPerIpPerMinute=100000
        --Security:OpenDataPermitsPerIpPerMinute=100000 --Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Warning)

echo "Seeding 20,000 community assets…"
dotnet "$dll" migrate "${config[@]}" >/dev/null
password=$(dotnet "$dll" create-admin --email bench@example.org --name "Bench Coordinator" "${config[@]}" | sed -n 's/^Password: //p')
sqlite3 "$data/circles.db" < bench/seed-assets.sql

echo "Starting the site on 127.0.0.1:$port…"
ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" --urls "http://127.0.0.1:$port" "${config[@]}" >"$data/site.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

jar="$data/cookies"
token() { curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port$1" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=bench@example.org" --data-urlencode "Password=$password" \
     --data-urlencode "__RequestVerificationToken=$(token /account/sign-in)" "http://127.0.0.1:$port/account/sign-in"

pages=("/assets" "/assets?search=knit" "/assets?near=EF5+5FB" "/assets?search=tea&near=EF5+5FB" "/assets?day=TU&access=step_free&near=EF5+5FB"
       "/assets?page=50" "/api/oruk/services" "/api/oruk/services?search=walking" "/api/oruk/service_at_locations?postcode=EF5+5FB&proximity=1500")
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
json="$results/assets-$(date -u +%Y%m%d%H%M%S).json"
printf '{"date":"%s","machine":"%s, %s cores","requests":%s,"pages":[' "$stamp" "$(uname -m)" "$(nproc)" "$requests" > "$json"
printf '\n%-70s %8s %8s %8s %8s\n' "page" "p50 ms" "p95 ms" "p99 ms" "errors"
for page in "${pages[@]}"; do
  for _ in $(seq 1 10); do curl -s -o /dev/null -b "$jar" "http://127.0.0.1:$port$page"; done
  errors=0
  : > "$data/times"
  for _ in $(seq 1 "$requests"); do
    out=$(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}' "http://127.0.0.1:$port$page")
    [ "${out%% *}" = "200" ] || errors=$((errors + 1))
    echo "${out#* }" >> "$data/times"
  done
  read -r p50 p95 p99 < <(sort -n "$data/times" | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f %.1f %.1f\n", t[int(NR*0.5)], t[int(NR*0.95)], t[int(NR*0.99)] }')
  printf '%-70s %8s %8s %8s %8s\n' "$page" "$p50" "$p95" "$p99" "$errors"
  printf '{"page":"%s","p50_ms":%s,"p95_ms":%s,"p99_ms":%s,"errors":%s},' "$page" "$p50" "$p95" "$p99" "$errors" >> "$json"
done

echo
echo "Exporting 20,000 assets and importing the file back (every line checked, then one transaction)…"
export_seconds=$(curl -s -b "$jar" -o "$data/assets.csv" -w '%{time_total}' "http://127.0.0.1:$port/assets/export")
lines=$(($(wc -l < "$data/assets.csv") - 1))
read -r status import_seconds < <(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' \
  -F "__RequestVerificationToken=$(token /assets/import)" -F "File=@$data/assets.csv;type=text/csv" "http://127.0.0.1:$port/assets/import")
printf 'export: %s lines in %.2f s; import: HTTP %s in %.2f s\n' "$lines" "$export_seconds" "$status" "$import_seconds"
printf '{"export_lines":%s,"export_s":%s,"import_status":%s,"import_s":%s}]}\n' "$lines" "$export_seconds" "$status" "$import_seconds" >> "$json"
echo "Results written to $json (sequential requests from curl on the same machine; includes curl's own overhead)."
