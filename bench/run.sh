#!/usr/bin/env bash
# Key pages against bare baselines, the way web frameworks are compared: the site pinned to one core, wrk pinned to
# the other, interleaved rounds, and each page's throughput as a ratio of a baseline that runs the page's own SQL
# through Dapper and writes one line of HTML (Benchmark:Enabled; see Circles.Web/Hosting/BenchmarkMode.cs).
#
# Usage: bench/run.sh S|M|L        environment: ROUNDS=5 DURATION=10 CONNECTIONS=16 WARMUP=15
# Needs: the .NET SDK, wrk, curl, python3 and taskset (apt-get install -y wrk curl python3 util-linux).
# The seeded database is kept in bench/data/tier-TIER (git-ignored) and reused; delete it to seed again.
set -euo pipefail
cd "$(dirname "$0")/.."
tier=${1:-}
case "$tier" in
  S) areas=5 ;;
  M) areas=50 ;;
  L) areas=250 ;;
  *) echo "usage: bench/run.sh S|M|L" >&2; exit 2 ;;
esac
rounds=${ROUNDS:-5}
duration=${DURATION:-10}
connections=${CONNECTIONS:-16}
warmup=${WARMUP:-15}
port=5099
base="http://127.0.0.1:$port"
data="$PWD/bench/data/tier-$tier"
results=bench/results
password="benchmark passphrase for circles 2026"
mkdir -p "$data" "$results"
for tool in wrk curl python3 taskset; do
  command -v $tool >/dev/null || { echo "$tool is needed: apt-get install -y wrk curl python3 util-linux" >&2; exit 1; }
done
cores=$(nproc)
[ "$cores" -ge 2 ] || { echo "needs two cores: one for the site, one for wrk" >&2; exit 1; }
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null || true' EXIT

echo "Building Release…"
dotnet build Circles.Web -c Release -v quiet -nologo >/dev/null
dll=Circles.Web/bin/Release/net10.0/Circles.Web.dll
config=(--Circles:DataPath="$data" --Circles:PublicBaseUrl="$base" --Hangfire:ServerEnabled=false --Benchmark:Enabled=true
        --Security:RequireSecureCookies=false --Security:SignInPermitsPerIpPerMinute=100000
        --Security:OpenDataPermitsPerIpPerMinute=100000000 --Security:PublicFormPermitsPerIpPerMinute=100000
        --Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Warning)

if [ ! -f "$data/circles.db" ]; then
  echo "Seeding tier $tier (kept in $data)…"
  dotnet "$dll" migrate "${config[@]}" >/dev/null
  echo "$password" | dotnet "$dll" seed --tier "$tier" --password-stdin "${config[@]}"
fi

echo "Starting the site on core 0…"
started=$(date +%s%N)
ASPNETCORE_ENVIRONMENT=Production taskset -c 0 dotnet "$dll" --urls "$base" "${config[@]}" >"$data/site.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "$base/account/sign-in" && break; sleep 0.01; done
cold_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "Cold start to the first page: ${cold_ms} ms"

jar="$data/cookies"
rm -f "$jar"
token=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=bench.connector@example.org" --data-urlencode "Password=$password" \
     --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
cookie=$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/")" = "200" ] || { echo "sign-in failed" >&2; exit 1; }

# The same pages as BenchmarkPages.Tier in Circles.Data/Seeding/TierSeeder.cs.
names=(home people-search person circle asset-search oruk-services messages)
pages=("/" "/people?search=smith" "/people/$areas" "/circles/$areas" "/assets?search=knit&near=S1+0AA" "/api/oruk/services" "/messages")
for i in "${!pages[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H "X-Bench-Record: ${names[$i]}" "$base${pages[$i]}")
  [ "$code" = "200" ] || { echo "${pages[$i]} answered $code" >&2; exit 1; }
done

rss_kb=0
measure() { # name url -> one JSON line
  local out
  out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${2}s" -H "Cookie: $cookie" -s bench/wrk-report.lua "$1" | tail -n 1)
  local now
  now=$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")
  [ "$now" -gt "$rss_kb" ] && rss_kb=$now
  echo "$out"
}

# Twice round the site, WARMUP seconds a page each time. On one busy core the tiered JIT is slow to finish optimising:
# a page's view ran unoptimised after ten seconds of load, and the runtime's perf map showed methods still being
# recompiled for about two minutes of load on the home page alone (much of that code is shared, so the second pass
# is quicker to settle). A site in service runs for days, so the rounds should measure the settled code.
echo "Warming up…"
for pass in 1 2; do
  for i in "${!pages[@]}"; do
    measure "$base${pages[$i]}" "$warmup" >/dev/null
    measure "$base/_bench/baseline/${names[$i]}" "$warmup" >/dev/null
  done
done

raw="$data/rounds.jsonl"
: > "$raw"
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds…"
  for i in "${!pages[@]}"; do
    page=$(measure "$base${pages[$i]}" "$duration")
    baseline=$(measure "$base/_bench/baseline/${names[$i]}" "$duration")
    echo "{\"round\":$round,\"name\":\"${names[$i]}\",\"path\":\"${pages[$i]}\",\"page\":$page,\"baseline\":$baseline}" >> "$raw"
  done
done

stamp=$(date -u +%Y%m%d%H%M%S)
json="$results/run-$tier-$stamp.json"
machine="$(uname -m), $cores cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
python3 - "$raw" "$json" "$tier" "$machine" "$cold_ms" "$rss_kb" "$rounds" "$duration" "$connections" <<'PY'
import json, statistics, sys, datetime
raw, out, tier, machine, cold, rss, rounds, duration, connections = sys.argv[1:]
rows = [json.loads(l) for l in open(raw)]
pages = []
for name in dict.fromkeys(r["name"] for r in rows):
    mine = [r for r in rows if r["name"] == name]
    med = lambda key, side: round(statistics.median(r[side][key] for r in mine), 2)
    pages.append({
        "name": name, "path": mine[0]["path"],
        "ratio": round(statistics.median(r["page"]["rps"] / r["baseline"]["rps"] for r in mine), 3),
        "rps": med("rps", "page"), "baseline_rps": med("rps", "baseline"),
        "p50_ms": med("p50_ms", "page"), "p95_ms": med("p95_ms", "page"), "p99_ms": med("p99_ms", "page"),
        "baseline_p95_ms": med("p95_ms", "baseline"),
        "errors": sum(r["page"]["errors"] + r["baseline"]["errors"] for r in mine),
    })
result = {"tier": tier, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "machine": machine,
          "rounds": int(rounds), "seconds_per_run": int(duration), "connections": int(connections),
          "cold_start_ms": int(cold), "max_rss_mb": round(int(rss) / 1024, 1), "pages": pages, "raw": rows}
json.dump(result, open(out, "w"), indent=2)
print(f"\nTier {tier}, {machine}, {result['date']}: {connections} connections, {rounds} interleaved rounds of {duration} s, medians.")
print(f"Cold start to first page {cold} ms; largest resident memory under load {result['max_rss_mb']} MB.\n")
print("| Page | req/s | baseline req/s | ratio | p50 ms | p95 ms | p99 ms | errors |")
print("|---|---|---|---|---|---|---|---|")
for p in pages:
    print(f"| `{p['path']}` | {p['rps']:.0f} | {p['baseline_rps']:.0f} | {p['ratio']:.2f} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | {p['p99_ms']:.1f} | {p['errors']} |")
print(f"\nWritten to {out}")
PY
