#!/usr/bin/env bash
# bench/http/run.sh: load test of the gateway on loopback with wrk (issue 8, target 4).
#   Starts the Release server on 127.0.0.1 with a fresh data directory (the samples are seeded on first start), lifts
#   hello's rate and concurrency limits, warms up, then runs `wrk -t2 -c32 -d10s --latency` against /fn/hello; then the
#   same (warm-up included) against bare Kestrel answering the same bytes (bench/BareKestrel). Prints both wrk reports
#   and the comparison, and stops both servers. Loopback only; bounded: about 2 x (warm-up + duration) plus builds.
# Usage: bench/http/run.sh [--summary FILE] [--duration 10s] [--warmup 20s] [--no-build]
#   --summary FILE appends tab-separated rows `target measure value goal met` to FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/http/server.sh

summary= duration=10s warmup=20s build=1
while [ $# -gt 0 ]; do
  case $1 in
    --summary) summary=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    [0-9]*s) duration=$1; shift ;; # the old positional DURATION
    *) echo "usage: $0 [--summary FILE] [--duration 10s] [--warmup 20s] [--no-build]" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || scripts/install-prereqs.sh bench-http
out=$(mktemp -d)
bare=
trap 'stop_server; [ -n "$bare" ] && kill "$bare" 2>/dev/null; rm -rf "$out"' EXIT

if [ $build = 1 ]; then
  run dotnet build -c Release src/Admin.Web >/dev/null
  run dotnet build -c Release bench/BareKestrel >/dev/null
fi
start_server
lift_limits hello

echo "## Gateway load test ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "Machine: $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
echo
run wrk -t2 -c32 "-d$warmup" "$SERVER_URL/fn/hello" >/dev/null
echo '```'
run wrk -t2 -c32 "-d$duration" --latency "$SERVER_URL/fn/hello" | tee "$out/gateway.txt"
echo '```'
stop_server

bare_port=$((SERVER_PORT + 1))
echo "+ ASPNETCORE_URLS=http://127.0.0.1:$bare_port bench/BareKestrel/bin/Release/net9.0/linux-x64/BareKestrel" >&2
ASPNETCORE_URLS="http://127.0.0.1:$bare_port" bench/BareKestrel/bin/Release/net9.0/linux-x64/BareKestrel >/dev/null 2>&1 &
bare=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$bare_port/fn/hello" >/dev/null 2>&1 && break
  sleep 0.2
done
echo
echo "Baseline: bare Kestrel returning the same bytes (bench/BareKestrel), same commands:"
echo
run wrk -t2 -c32 "-d$warmup" "http://127.0.0.1:$bare_port/fn/hello" >/dev/null
echo '```'
run wrk -t2 -c32 "-d$duration" --latency "http://127.0.0.1:$bare_port/fn/hello" | tee "$out/bare.txt"
echo '```'
kill "$bare" 2>/dev/null || true
bare=
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."

g_rps=$(wrk_rps "$out/gateway.txt"); b_rps=$(wrk_rps "$out/bare.txt")
g_p50=$(wrk_p 50 "$out/gateway.txt"); g_p99=$(wrk_p 99 "$out/gateway.txt"); b_p99=$(wrk_p 99 "$out/bare.txt")
g_err=$(wrk_errors "$out/gateway.txt")
share=$(ratio "$g_rps" "$b_rps")
echo
echo "gateway: $g_rps req/s, p50 $g_p50 ms, p99 $g_p99 ms, $g_err errors; bare Kestrel: $b_rps req/s, p99 $b_p99 ms; gateway/bare = $share"
echo
echo "Summary (target | measure | value | goal | met):"
summary_row "$summary" "4 HTTP" "gateway/bare req/s ($g_rps / $b_rps)" "$share" ">= 0.50" "$(meets "$share" '>=' 0.50)"
summary_row "$summary" "4 HTTP" "gateway p99 latency (ms)" "$g_p99" "< 10" "$(meets "$g_p99" '<' 10)"
summary_row "$summary" "4 HTTP" "gateway errors (socket + non-2xx)" "$g_err" "0" "$(meets "$g_err" '<=' 0)"
