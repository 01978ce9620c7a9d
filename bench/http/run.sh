#!/usr/bin/env bash
# bench/http/run.sh: load test of the gateway on loopback with wrk (issue 8, target 4).
#   Starts the Release server on 127.0.0.1 with a fresh data directory (the samples are seeded on first start) and
#   lifts hello's rate and concurrency limits; starts bare Kestrel answering the same bytes (bench/BareKestrel).
#   Warms both up (tiered JIT needs ~20 s under load on 2 cores), then runs ROUNDS rounds of
#   `wrk -t2 -c32 -d10s --latency` against /fn/hello on the gateway and then on bare Kestrel, so both see the same
#   machine load (it is shared); reports each round and the medians. Loopback only; bounded: about
#   30 s + ROUNDS x 20 s plus builds.
# Usage: bench/http/run.sh [--summary FILE] [--duration 10s] [--warmup 20s] [--rounds 3] [--no-build] [--quick]
#   --summary FILE appends tab-separated rows `target measure value goal met` to FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/http/server.sh

summary= duration=10s warmup=20s rounds=3 build=1
while [ $# -gt 0 ]; do
  case $1 in
    --summary) summary=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --quick) duration=3s warmup=4s rounds=1; shift ;; # a smoke test (bench/run.sh --quick), not figures
    [0-9]*s) duration=$1; shift ;; # the old positional DURATION
    *) echo "usage: $0 [--summary FILE] [--duration 10s] [--warmup 20s] [--rounds 3] [--no-build] [--quick]" >&2; exit 2 ;;
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
bare_url="http://127.0.0.1:$((SERVER_PORT + 1))"
echo "+ ASPNETCORE_URLS=$bare_url bench/BareKestrel/bin/Release/net9.0/linux-x64/BareKestrel" >&2
ASPNETCORE_URLS="$bare_url" bench/BareKestrel/bin/Release/net9.0/linux-x64/BareKestrel >/dev/null 2>&1 &
bare=$!
for _ in $(seq 1 100); do
  curl -fsS "$bare_url/fn/hello" >/dev/null 2>&1 && break
  sleep 0.2
done
cmp <(curl -fsS "$SERVER_URL/fn/hello") <(curl -fsS "$bare_url/fn/hello") || { echo "the two servers answer different bodies" >&2; exit 1; }

echo "## Gateway load test ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "Machine: $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
run wrk -t2 -c32 "-d$warmup" "$SERVER_URL/fn/hello" >/dev/null
run wrk -t2 -c32 "-d$((${warmup%s} / 2))s" "$bare_url/fn/hello" >/dev/null
echo
echo "Server CPU per request is the server process's user + system time during the round divided by its requests"
echo "(wrk's own CPU is not in it); it moves less with the machine's load than req/s does."
echo
echo "| round | gateway req/s | gateway p50 / p99 (ms) | errors | bare req/s | bare p50 / p99 (ms) | gateway/bare | server CPU µs/req, gateway / bare |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in $(seq 1 "$rounds"); do
  t0=$(cpu_ticks "$SERVER_PID")
  run wrk -t2 -c32 "-d$duration" --latency "$SERVER_URL/fn/hello" >"$out/gateway-$r.txt"
  t1=$(cpu_ticks "$SERVER_PID")
  u0=$(cpu_ticks "$bare")
  run wrk -t2 -c32 "-d$duration" --latency "$bare_url/fn/hello" >"$out/bare-$r.txt"
  u1=$(cpu_ticks "$bare")
  g=$out/gateway-$r.txt b=$out/bare-$r.txt
  g_cpu=$(cpu_us_per_request "$((t1 - t0))" "$(wrk_requests "$g")")
  b_cpu=$(cpu_us_per_request "$((u1 - u0))" "$(wrk_requests "$b")")
  echo "| $r | $(wrk_rps "$g") | $(wrk_p 50 "$g") / $(wrk_p 99 "$g") | $(wrk_errors "$g") | $(wrk_rps "$b") | $(wrk_p 50 "$b") / $(wrk_p 99 "$b") | $(ratio "$(wrk_rps "$g")" "$(wrk_rps "$b")") | $g_cpu / $b_cpu |" | tee -a "$out/rows.md"
  echo "$g_cpu $b_cpu" >>"$out/cpu.txt"
done
echo
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg). Last round's wrk reports:"
echo '```'
cat "$out/gateway-$rounds.txt" "$out/bare-$rounds.txt"
echo '```'

share=$(awk -F'|' '{ print $8 + 0 }' "$out/rows.md" | median)
g_rps=$(for r in $(seq 1 "$rounds"); do wrk_rps "$out/gateway-$r.txt"; done | median)
b_rps=$(for r in $(seq 1 "$rounds"); do wrk_rps "$out/bare-$r.txt"; done | median)
g_p99=$(for r in $(seq 1 "$rounds"); do wrk_p 99 "$out/gateway-$r.txt"; done | median)
b_p99=$(for r in $(seq 1 "$rounds"); do wrk_p 99 "$out/bare-$r.txt"; done | median)
g_err=$(for r in $(seq 1 "$rounds"); do wrk_errors "$out/gateway-$r.txt"; done | awk '{ n += $1 } END { print n + 0 }')
g_cpu=$(awk '{ print $1 }' "$out/cpu.txt" | median)
b_cpu=$(awk '{ print $2 }' "$out/cpu.txt" | median)
echo "Medians of $rounds rounds: server CPU per request gateway $g_cpu µs, bare $b_cpu µs."
echo "Medians of $rounds rounds: gateway $g_rps req/s, p99 $g_p99 ms; bare Kestrel $b_rps req/s, p99 $b_p99 ms; gateway/bare $share; gateway errors in all rounds: $g_err"
echo
echo "Summary (target | measure | value | goal | met):"
summary_row "$summary" "4 HTTP" "gateway/bare req/s, median of $rounds rounds ($g_rps / $b_rps)" "$share" ">= 0.50" "$(meets "$share" '>=' 0.50)"
summary_row "$summary" "4 HTTP" "server CPU per request, gateway / bare (µs), median of $rounds rounds" "$g_cpu / $b_cpu" "reported" "–"
summary_row "$summary" "4 HTTP" "gateway p99 latency (ms), median of $rounds rounds (bare: $b_p99)" "$g_p99" "< 10" "$(meets "$g_p99" '<' 10)"
summary_row "$summary" "4 HTTP" "gateway errors (socket + non-2xx), all rounds" "$g_err" "0" "$(meets "$g_err" '<=' 0)"
