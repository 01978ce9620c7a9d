#!/usr/bin/env bash
# bench/scale/run.sh: scale and memory of the Release server (issue 8, target 5), all on loopback.
#   1. RSS after the first 10,000 invocations of /fn/hello and after 1,000,000 (wrk -t2 -c32 runs of 1 s, then
#      10 s, until /metrics counts that many invocations; the counts reached are reported).
#   2. Idle function memory: 1,000 more functions are deployed (bench/scale/deploy.py: same module, names
#      f-0000..f-0999), each is invoked once, and after 25 s idle the linear memory held by live and pooled instances
#      is read from /metrics (djinn_instance_memory_bytes); RSS before and after is printed too.
#   3. Routing: a second server with the samples only; alternating 5 s wrk rounds on its /fn/hello, on /fn/hello of the
#      server with 1,000 more functions, and on f-0999 there; medians of the per-round ratios.
#   Bounded: the 1,000,000-invocation run is capped at 420 s (the count reached is reported), the rest takes ~2 min.
# Usage: bench/scale/run.sh [--summary FILE] [--invocations 1000000] [--functions 1000] [--no-build] [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/http/server.sh

summary= total=1000000 functions=1000 build=1 idle=25 probe=5s rounds=3
while [ $# -gt 0 ]; do
  case $1 in
    --summary) summary=$2; shift 2 ;;
    --invocations) total=$2; shift 2 ;;
    --functions) functions=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --quick) total=100000 functions=100 probe=2s rounds=1; shift ;; # a smoke test (bench/run.sh --quick), not figures
    *) echo "usage: $0 [--summary FILE] [--invocations N] [--functions N] [--no-build] [--quick]" >&2; exit 2 ;;
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

# 2. $functions more functions on this server; idle memory once each ran once.
instance_memory() { # bytes of linear memory held (live + pooled instances), from /metrics
  curl -fsS "$SERVER_URL/metrics" | awk '/^djinn_instance_memory_bytes\{/ { n += $NF } END { printf "%d\n", n }'
}
run python3 bench/scale/deploy.py "$SERVER_URL" "$ADMIN_TOKEN" "$functions" examples/functions/hello.wat deploy
last=$(printf 'f-%04d' $((functions - 1)))
lift_limits "$last"
echo "idle for $idle s"
sleep "$idle"
rss_deployed=$(rss_kib "$SERVER_PID")
run python3 bench/scale/deploy.py "$SERVER_URL" "$ADMIN_TOKEN" "$functions" examples/functions/hello.wat invoke
echo "instance memory right after: $(instance_memory) bytes; idle for $idle s"
sleep "$idle"
rss_idle=$(rss_kib "$SERVER_PID")
idle_bytes=$(instance_memory)
per_function=$(awk -v a="$rss_idle" -v b="$rss_deployed" -v n="$functions" 'BEGIN { printf "%.1f\n", (a - b) / n }')
echo "instance memory (live + pooled linear memory) with all $((functions + 3)) functions idle: $idle_bytes bytes"
echo "RSS with $functions more functions deployed, never invoked: $rss_deployed KiB; after each ran once, all idle: $rss_idle KiB"
echo "($per_function KiB per function: GC heap growth from the runs and their telemetry, per-function caches, live-window slots)"

# 3. Routing: this server (samples + $functions) against a fresh one with the samples only, in alternating rounds, so
# both see the same machine load.
many_url=$SERVER_URL many_pid=$SERVER_PID many_data=$SERVER_DATA many_log=$SERVER_LOG
start_server
lift_limits hello
few_url=$SERVER_URL
trap 'stop_server; kill "$many_pid" 2>/dev/null; rm -rf "$out" "$many_data" "$many_log"' EXIT
run wrk -t2 -c32 -d15s "$few_url/fn/hello" >/dev/null
run wrk -t2 -c32 -d5s "$many_url/fn/hello" >/dev/null
run wrk -t2 -c32 -d5s "$many_url/fn/$last" >/dev/null
echo
echo "| round | samples only: hello req/s, p50 | +$functions: hello req/s, p50 | +$functions: $last req/s, p50 |"
echo "|---:|---:|---:|---:|"
for r in $(seq 1 "$rounds"); do
  run wrk -t2 -c32 "-d$probe" --latency "$few_url/fn/hello" >"$out/few-$r.txt"
  run wrk -t2 -c32 "-d$probe" --latency "$many_url/fn/hello" >"$out/many-$r.txt"
  run wrk -t2 -c32 "-d$probe" --latency "$many_url/fn/$last" >"$out/last-$r.txt"
  row() { echo "$(wrk_rps "$1"), $(wrk_p 50 "$1") ms"; }
  echo "| $r | $(row "$out/few-$r.txt") | $(row "$out/many-$r.txt") | $(row "$out/last-$r.txt") |"
done
per_round() { for r in $(seq 1 "$rounds"); do ratio "$($1 "$out/$2-$r.txt")" "$($1 "$out/few-$r.txt")" 3; done | median; }
p50_of() { wrk_p 50 "$1"; }
route_ratio=$(per_round wrk_rps many)
last_ratio=$(per_round wrk_rps last)
p50_ratio=$(per_round p50_of many)
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."

echo
echo "Summary (target | measure | value | goal | met):"
summary_row "$summary" "5 Scale" "RSS after $n_all / after $n_first invocations ($rss_all / $rss_first KiB)" "$rss_ratio" "<= 1.10" "$(meets "$rss_ratio" '<=' 1.10)"
summary_row "$summary" "5 Scale" "instance memory held with all functions idle (bytes, live + pooled)" "$idle_bytes" "0" "$(meets "$idle_bytes" '<=' 0)"
summary_row "$summary" "5 Scale" "hello req/s, $functions more functions / samples only (median of $rounds rounds)" "$route_ratio" ">= 0.90" "$(meets "$route_ratio" '>=' 0.90)"
summary_row "$summary" "5 Scale" "$last req/s (of $functions) / hello req/s, samples only" "$last_ratio" ">= 0.90" "$(meets "$last_ratio" '>=' 0.90)"
summary_row "$summary" "5 Scale" "hello p50 latency, $functions more functions / samples only" "$p50_ratio" "<= 1.10" "$(meets "$p50_ratio" '<=' 1.10)"
