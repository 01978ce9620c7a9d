#!/usr/bin/env bash
# bench/scale/run.sh: scale and memory of the Release server (issue 8, target 5), all on loopback.
#   1. RSS after the first 10,000 invocations of /fn/hello and after 1,000,000 (wrk -t2 -c32 runs of 1 s, then
#      10 s, until /metrics counts that many invocations; the counts reached are reported).
#   2. Routing: wrk req/s and p50 on /fn/hello with only the 3 samples deployed, then with 1,000 more functions
#      deployed (bench/scale/deploy.py: same module, names f-0000..f-0999, each invoked once), and on f-0999.
#   3. Idle function memory: RSS once the 1,000 functions are deployed and idle, and again after each was invoked once
#      and all are idle again (15 s): the difference per function is what an idle function's instances still hold.
#   Bounded: the 1,000,000-invocation run is capped at 420 s (the count reached is reported), the rest takes ~2 min.
# Usage: bench/scale/run.sh [--summary FILE] [--invocations 1000000] [--functions 1000] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/http/server.sh

summary= total=1000000 functions=1000 build=1 idle=15 probe=8s
while [ $# -gt 0 ]; do
  case $1 in
    --summary) summary=$2; shift 2 ;;
    --invocations) total=$2; shift 2 ;;
    --functions) functions=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--summary FILE] [--invocations N] [--functions N] [--no-build]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || scripts/install-prereqs.sh bench-http
out=$(mktemp -d)
trap 'stop_server; rm -rf "$out"' EXIT
[ $build = 1 ] && run dotnet build -c Release src/Admin.Web >/dev/null

# invocations NAME: djinn_invocations_total of one function, from /metrics.
invocations() {
  curl -fsS "$SERVER_URL/metrics" | awk -v f="function=\"$1\"" '/^djinn_invocations_total\{/ && index($0, f) { n += $NF } END { printf "%d\n", n }'
}
# load_until N SECONDS CAP: wrk runs of SECONDS each on /fn/hello until hello has N invocations or CAP seconds passed.
load_until() {
  local until=$(( $(date +%s) + $3 ))
  echo "+ while invocations < $1 (at most $3 s): wrk -t2 -c32 -d$2s $SERVER_URL/fn/hello" >&2
  while [ "$(invocations hello)" -lt "$1" ] && [ "$(date +%s)" -lt "$until" ]; do
    wrk -t2 -c32 "-d$2s" "$SERVER_URL/fn/hello" >"$out/fixed.txt"
  done
}

start_server
lift_limits hello
echo "## Scale and memory ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "Machine: $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)."

# 1. RSS after 10,000 and after $total invocations.
load_until 10000 1 60
sleep 2
n_first=$(invocations hello); rss_first=$(rss_kib "$SERVER_PID")
echo "after $n_first invocations: RSS $rss_first KiB"
started=$(date +%s)
load_until "$total" 10 420
sleep 2
n_all=$(invocations hello); rss_all=$(rss_kib "$SERVER_PID")
echo "after $n_all invocations: RSS $rss_all KiB ($(( $(date +%s) - started )) s; last wrk run $(wrk_rps "$out/fixed.txt") req/s)"
rss_ratio=$(ratio "$rss_all" "$rss_first" 3)

# 2. Routing with the samples only, then with $functions more.
probe_rps() { # probe_rps NAME FILE
  run wrk -t2 -c32 -d3s "$SERVER_URL/fn/$1" >/dev/null
  run wrk -t2 -c32 "-d$probe" --latency "$SERVER_URL/fn/$1" >"$2"
  echo "/fn/$1: $(wrk_rps "$2") req/s, p50 $(wrk_p 50 "$2") ms, p99 $(wrk_p 99 "$2") ms"
}
probe_rps hello "$out/few.txt"
run python3 bench/scale/deploy.py "$SERVER_URL" "$ADMIN_TOKEN" "$functions" examples/functions/hello.wat deploy
last=$(printf 'f-%04d' $((functions - 1)))
lift_limits "$last"
echo "idle for $idle s"
sleep "$idle"
rss_deployed=$(rss_kib "$SERVER_PID")
run python3 bench/scale/deploy.py "$SERVER_URL" "$ADMIN_TOKEN" "$functions" examples/functions/hello.wat invoke
echo "idle for $idle s"
sleep "$idle"
rss_idle=$(rss_kib "$SERVER_PID")
per_function=$(awk -v a="$rss_idle" -v b="$rss_deployed" -v n="$functions" 'BEGIN { printf "%.1f\n", (a - b) / n }')
echo "RSS with $functions more functions deployed, never invoked: $rss_deployed KiB; after each ran once, all idle: $rss_idle KiB ($per_function KiB per function)"
probe_rps hello "$out/many.txt"
probe_rps "$last" "$out/last.txt"
route_ratio=$(ratio "$(wrk_rps "$out/many.txt")" "$(wrk_rps "$out/few.txt")")
last_ratio=$(ratio "$(wrk_rps "$out/last.txt")" "$(wrk_rps "$out/few.txt")")
p50_ratio=$(ratio "$(wrk_p 50 "$out/many.txt")" "$(wrk_p 50 "$out/few.txt")")
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."

echo
echo "Summary (target | measure | value | goal | met):"
summary_row "$summary" "5 Scale" "RSS after $n_all / after $n_first invocations ($rss_all / $rss_first KiB)" "$rss_ratio" "<= 1.10" "$(meets "$rss_ratio" '<=' 1.10)"
summary_row "$summary" "5 Scale" "RSS left per function after one run, idle (KiB; a 1-page instance is 64)" "$per_function" "< 64" "$(meets "$per_function" '<' 64)"
summary_row "$summary" "5 Scale" "hello req/s, $functions more functions / samples only" "$route_ratio" ">= 0.90" "$(meets "$route_ratio" '>=' 0.90)"
summary_row "$summary" "5 Scale" "$last req/s / hello req/s with samples only" "$last_ratio" ">= 0.90" "$(meets "$last_ratio" '>=' 0.90)"
summary_row "$summary" "5 Scale" "hello p50 latency, $functions more functions / samples only" "$p50_ratio" "<= 1.10" "$(meets "$p50_ratio" '<=' 1.10)"
